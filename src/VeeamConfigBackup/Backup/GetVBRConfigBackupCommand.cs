using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>
/// Lists restore points from their headers, without a password. A damaged file is listed with its Error set
/// (and a warning), so one bad file never hides the others.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VBRConfigBackup", DefaultParameterSetName = JobSet)]
[OutputType(typeof(RestorePointInfo))]
public sealed class GetVBRConfigBackupCommand : VbrCmdlet
{
    private const string JobSet = "Job";
    private const string PathSet = "Path";
    private const string RepositorySet = "Repository";

    /// <summary>A restore point file, or a folder searched for *.bco files.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>A repository whose configuration backups to list.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RepositorySet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public BackupRepository Repository { get; set; } = null!;

    protected override void Process()
    {
        string target;
        switch (ParameterSetName)
        {
            case PathSet:
                target = ResolveFileSystemPath(Path);
                break;
            default:
                // A piped repository is re-read by id, so a stale object cannot point the listing elsewhere.
                Guid? id = ParameterSetName == RepositorySet ? Repository.Id : null;
                BackupRepository? repository = null;
                var read = false;
                ForItem(Repository, () =>
                {
                    id ??= Server.ConfigBackupJob.Get().RepositoryId;
                    repository = Server.Repositories.List().FirstOrDefault(r => r.Id == id);
                    read = true;
                });
                if (!read)
                {
                    return; // the database could not be read: that error was written, "not found" would be a second, false one
                }
                if (repository is null)
                {
                    WriteNotFound(RecordKind.Repository, id?.ToString() ?? "(none)");
                    return;
                }
                target = System.IO.Path.Combine(repository.Path, RestorePointNaming.FolderName);
                break;
        }
        if (ParameterSetName != PathSet && !Directory.Exists(target))
        {
            WriteVerbose($"'{target}' does not exist yet: no configuration backup was written there.");
            return;
        }
        ForItem(target, () =>
        {
            foreach (var point in RestorePointCatalog.List(target))
            {
                if (point.Error is not null)
                {
                    WriteWarning($"'{point.Path}': {point.Error}");
                }
                WriteRecord(point);
            }
        });
    }
}
