using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Policy;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>
/// Runs the configuration backup job now. It always writes a result object; a failed run also writes an
/// error, so -ErrorAction Stop stops a runbook.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "VBRConfigBackup", SupportsShouldProcess = true)]
[Alias("Start-VBRConfigurationBackupJob")]
[OutputType(typeof(ConfigBackupResult))]
public sealed class StartVBRConfigBackupCommand : VbrCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    protected override void End()
    {
        if (!ShouldProcess(ConfigBackupJobInfo.JobName, "Run the configuration backup now"))
        {
            // -WhatIf still says what would stop the job, without writing anything.
            foreach (var finding in Server.ConfigBackupJob.Evaluate().Where(f => f.Severity == PolicySeverity.Blocking))
            {
                WriteWarning($"The job would not start: {finding.Message}");
            }
            return;
        }
        var result = Server.ConfigBackupJob.Run(new CmdletProgress(this, 1, "Configuration backup"), _cancel.Token);
        if (result.Result != BackupOutcome.Failed)
        {
            foreach (var warning in result.Warnings.Where(w => w.Severity == PolicySeverity.Warning))
            {
                WriteWarning($"{warning.Message} {warning.Recommendation}");
            }
        }
        WriteVerbose(result.Path is null
            ? $"No restore point was written ({result.Duration.TotalSeconds:0.0} s)."
            : $"Wrote '{result.Path}': {result.SizeBytes:N0} bytes from {result.LogicalBytes:N0} bytes of content in {result.Duration.TotalSeconds:0.0} s; removed {result.RemovedRestorePoints.Count} old restore point(s)" +
                (result.ImmutableUntilUtc is { } until ? $"; it is immutable until {until.UtcDateTime:u}" : "") +
                (result.KeptImmutable.Count > 0 ? $"; kept {result.KeptImmutable.Count} old one(s) that are still immutable" : "") + ".");
        WriteRecord(result);
        if (result.Result == BackupOutcome.Failed)
        {
            var kind = result.ErrorId switch
            {
                "BackupAlreadyRunning" => ErrorKind.ResourceBusy,
                "BackupCanceled" => ErrorKind.OperationStopped,
                "BackupBlockedByPolicy" => ErrorKind.InvalidOperation,
                "RepositoryNotWritable" => ErrorKind.PermissionDenied,
                _ => ErrorKind.InvalidOperation,
            };
            WriteError(ErrorRecords.Create(result.ErrorId ?? "BackupFailed", kind, result.Error ?? "The configuration backup failed.", result));
        }
    }

    protected override void StopProcessing() => _cancel.Cancel();
}
