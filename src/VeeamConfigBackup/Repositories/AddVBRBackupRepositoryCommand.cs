using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Repositories;

/// <summary>
/// Registers a backup repository (a folder) with the server. A hardened repository makes every restore point written
/// to it immutable for its immutability period; it is registered only where that can be done.
/// </summary>
[Cmdlet(VerbsCommon.Add, "VBRBackupRepository", SupportsShouldProcess = true)]
[OutputType(typeof(BackupRepository))]
public sealed class AddVBRBackupRepositoryCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public RepositoryType Type { get; set; } = RepositoryType.Local;

    /// <summary>Days each restore point stays immutable (hardened repositories; default 7).</summary>
    [Parameter]
    [ValidateRange(RepositoryCatalog.MinImmutabilityPeriod, RepositoryCatalog.MaxImmutabilityPeriod)]
    public int? ImmutabilityPeriod { get; set; }

    protected override void Process()
    {
        var path = ResolveFileSystemPath(Path);
        if (!ShouldProcess($"repository '{Name}' at '{path}'", "Add"))
        {
            return;
        }
        ForItem(Name, () =>
        {
            var repository = Server.Repositories.Add(Name, path, Type, ImmutabilityPeriod);
            WriteVerbose(repository.IsImmutable
                ? $"Added hardened repository '{repository.Name}' at '{repository.Path}': restore points written there are immutable for {repository.ImmutabilityPeriod} days."
                : $"Added {repository.Type} repository '{repository.Name}' at '{repository.Path}'.");
            foreach (var finding in Server.ConfigBackupJob.Evaluate().Where(w => w.RuleId == PolicyRules.HardenedRepositoryEncryptionOff))
            {
                WriteWarning($"{finding.Message} {finding.Recommendation}");
            }
            WriteRecord(repository);
        });
    }
}
