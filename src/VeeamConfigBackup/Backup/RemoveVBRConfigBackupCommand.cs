using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>
/// Deletes restore points through the module. A point that is still immutable (written to a hardened repository) is
/// refused with RestorePointImmutable and its expiry: no cmdlet shortens an immutability period.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VBRConfigBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
[OutputType(typeof(void))]
public sealed class RemoveVBRConfigBackupCommand : VbrCmdlet
{
    private const string PathSet = "Path";
    private const string InputObjectSet = "InputObject";

    /// <summary>The restore point file (*.bco).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>A restore point from Get-VBRConfigBackup.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public RestorePointInfo InputObject { get; set; } = null!;

    /// <summary>Deletes without asking for confirmation (an immutable point is refused all the same).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var given = ParameterSetName == InputObjectSet ? InputObject.Path : Path;
        if (ObjectStorageIds.IsObjectId(given))
        {
            ForItem(given, () =>
            {
                using var store = ObjectStorageIds.OpenStoreFor(given, ParameterSetName == InputObjectSet ? InputObject.Repository : null, Server.Repositories)!;
                // Refused before any prompt or What if, as for files: not a restore point, not there, or still locked.
                RestorePointCatalog.EnsureRemovable(store, given, TimeProvider.System);
                if (!ShouldProcessUnlessForced(Force, $"restore point '{given}'", "Delete"))
                {
                    return;
                }
                RestorePointCatalog.Remove(store, given, TimeProvider.System);
                WriteVerbose($"Deleted the restore point '{given}' (its version, not only a delete marker).");
            });
            return;
        }
        var file = ResolveFileSystemPath(given);
        ForItem(file, () =>
        {
            // Refused before any prompt or What if: a point that cannot be deleted is not offered for deletion.
            RestorePointCatalog.EnsureRemovable(file, TimeProvider.System);
            if (!ShouldProcessUnlessForced(Force, $"restore point '{file}'", "Delete"))
            {
                return;
            }
            RestorePointCatalog.Remove(file, TimeProvider.System);
            WriteVerbose($"Deleted the restore point '{file}'.");
        });
    }
}
