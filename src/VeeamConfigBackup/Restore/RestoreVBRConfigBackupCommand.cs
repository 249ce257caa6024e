using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Commands.Restore;

/// <summary>
/// Restores a configuration backup into this server (Restore) or another server home (Migrate), all or
/// nothing: the target changes only in one final commit, after the whole restore point verified.
/// </summary>
[Cmdlet(VerbsData.Restore, "VBRConfigBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(ConfigRestoreResult))]
public sealed class RestoreVBRConfigBackupCommand : RestorePointCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    [Parameter]
    public RestoreMode Mode { get; set; } = RestoreMode.Restore;

    /// <summary>For -Mode Migrate: the home of the server to restore into (default: the connected server).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetPath { get; set; }

    [Parameter]
    public SwitchParameter IncludeSessionHistory { get; set; }

    /// <summary>Takes a configuration backup of the target first (under the target's own encryption rules).</summary>
    [Parameter]
    public SwitchParameter BackupExisting { get; set; }

    /// <summary>Overwrites the target's configuration without asking.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Begin()
    {
        if (TargetPath is not null && Mode != RestoreMode.Migrate)
        {
            ThrowTerminatingError(ErrorRecords.Create("TargetPathNeedsMigrate", ErrorKind.InvalidArgument,
                "-TargetPath names another server, which is a migration: add -Mode Migrate.", TargetPath));
        }
    }

    protected override void Process()
    {
        var path = RestorePointPath;
        var credentials = Credentials;
        ServerHome? ownTarget = null;
        ServerHome? target = null;
        try
        {
            var targetPath = TargetPath is null ? Server.Path : ResolveFileSystemPath(TargetPath);
            var whatIf = IsWhatIf;
            var proceed = ShouldProcessUnlessForced(Force, $"server home '{targetPath}'",
                $"{Mode} the configuration from '{path}', replacing the server's current configuration");
            if (!proceed && !whatIf)
            {
                return; // declined at the confirmation prompt
            }
            var request = new RestoreRequest
            {
                Path = path,
                Password = credentials.Password,
                RecoveryKeyPath = credentials.RecoveryKeyPath,
                RecoveryKeyPassword = credentials.RecoveryKeyPassword,
                SecurityOfficerPassphrase = credentials.SecurityOfficerPassphrase,
                Mode = Mode,
                IncludeSessionHistory = IncludeSessionHistory,
                BackupExisting = BackupExisting,
                WhatIf = whatIf,
            };
            var progress = new CmdletProgress(this, 2, "Configuration restore");
            // A -TargetPath that holds no server yet gets a whole new home, built beside it and renamed into place at the
            // end: a failed or killed migrate leaves nothing there. With -WhatIf the point is still read and verified, and
            // no home is opened at all (opening creates one).
            var newHome = TargetPath is not null && !whatIf && NewHomeMigration.IsNewHome(targetPath);
            if (TargetPath is not null && !whatIf && !newHome && !ServerHome.IsHome(targetPath))
            {
                // Opening it would write a server into it in place, which a kill would leave half made.
                ThrowTerminatingError(ErrorRecords.From(new ConfigBackupException("TargetHomeNotNew", ErrorKind.InvalidOperation,
                    $"'{targetPath}' holds files but no server home: a migrate makes a new home only in a new or empty folder. Nothing was written.")
                {
                    RecommendedAction = "Give a new or empty folder as -TargetPath, or the folder of an existing server home.",
                }, TargetPath));
            }
            if (TargetPath is null)
            {
                target = Server;
            }
            else if (!whatIf && !newHome)
            {
                try
                {
                    target = ownTarget = ServerHome.Open(targetPath);
                }
                catch (ConfigBackupException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, TargetPath));
                }
            }
            if (newHome && BackupExisting)
            {
                WriteVerbose($"'{targetPath}' holds no server yet, so there is nothing to back up before the migrate.");
            }
            ForItem(path, () =>
            {
                using var store = OpenStoreFor(path);
                request = request with { Store = store };
                var result = newHome
                    ? NewHomeMigration.Run(targetPath, request, serverName: null, progress, _cancel.Token)
                    : ConfigRestore.Run(target, targetPath, request, progress, _cancel.Token);
                foreach (var warning in result.Warnings)
                {
                    WriteWarning(warning);
                }
                foreach (var record in result.RecordsNeedingSecrets)
                {
                    WriteWarning($"{record.Type} '{record.Name}' has no secret (the restore point is not encrypted): {record.HowToFix}");
                }
                WriteVerbose(whatIf
                    ? $"Verified '{path}'; nothing was changed."
                    : $"Restored {result.RecordCounts.Values.Sum():N0} records from '{path}' into '{targetPath}' in {result.Duration.TotalSeconds:0.0} s.");
                WriteRecord(result);
            });
        }
        catch (OperationCanceledException)
        {
            WriteError(ErrorRecords.Create("RestoreCanceled", ErrorKind.OperationStopped, "The restore was stopped; the target was left as it was.", path));
        }
        finally
        {
            // The restore's event (40800) went from the target; a receiver that did not take it is a warning here.
            if (target is not null && !ReferenceEquals(target, Server))
            {
                WriteUndelivered(target.Notifications);
            }
            ownTarget?.Dispose();
        }
    }

    protected override void StopProcessing() => _cancel.Cancel();
}
