using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>
/// Lists restore points from their headers, without a password: by default those of every registered repository. A
/// damaged file is listed with its Error set (and a warning), so one bad file never hides the others.
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
        IReadOnlyList<RestorePointInfo>? points = null;
        switch (ParameterSetName)
        {
            case PathSet:
                var target = ResolveFileSystemPath(Path);
                ForItem(target, () => points = RestorePointCatalog.List(target));
                break;
            case RepositorySet:
                // A piped repository is re-read by id, so a stale object cannot point the listing elsewhere.
                ForItem(Repository, () =>
                {
                    var repository = Server.Repositories.List().FirstOrDefault(r => r.Id == Repository.Id);
                    if (repository is null)
                    {
                        WriteNotFound(RecordKind.Repository, Repository.Id.ToString());
                        return;
                    }
                    points = RestorePointCatalog.List([repository], Server.Repositories);
                });
                break;
            default:
                // Every registered repository: a point written before the job's target changed, or to a hardened
                // repository the job no longer targets, is still a restore point of this server.
                ForItem(null, () => points = RestorePointCatalog.List(Server.Repositories.List(), Server.Repositories));
                break;
        }
        foreach (var point in points ?? [])
        {
            if (point.Error is not null)
            {
                WriteWarning($"'{point.Path}': {point.Error}");
            }
            WriteRecord(point);
        }
    }
}
