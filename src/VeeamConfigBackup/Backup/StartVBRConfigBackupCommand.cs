using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Scheduling;

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

    /// <summary>Runs only when the job's schedule says a run is due and none has run since; otherwise returns quietly.</summary>
    [Parameter]
    public SwitchParameter IfDue { get; set; }

    protected override void End()
    {
        if (IfDue)
        {
            RunIfDue();
            return;
        }
        if (!ShouldProcess(ConfigBackupJobInfo.JobName, "Run the configuration backup now"))
        {
            // -WhatIf still says what would stop the job, without writing anything.
            foreach (var finding in Server.ConfigBackupJob.Evaluate().Where(f => f.Severity == PolicySeverity.Blocking))
            {
                WriteWarning($"The job would not start: {finding.Message}");
            }
            return;
        }
        Report(Server.ConfigBackupJob.Run(new CmdletProgress(this, 1, "Configuration backup"), _cancel.Token));
    }

    /// <summary>What a timer calls: quiet (a verbose line, no object) unless a run is due.</summary>
    private void RunIfDue()
    {
        try
        {
            // The timed runs' output goes to this log; each such run keeps it bounded first.
            ScheduleLog.Rotate(Server.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteWarning($"The schedule log could not be rotated: {ex.Message}");
        }
        var check = DueRun.Check(Server.ConfigBackupJob);
        if (!check.IsDue)
        {
            WriteVerbose(check.Reason);
            return;
        }
        if (!ShouldProcess(ConfigBackupJobInfo.JobName, $"Run the configuration backup now: {check.Reason}"))
        {
            return;
        }
        WriteVerbose($"{DateTimeOffset.UtcNow:u}: {check.Reason} Running it now.");
        var result = DueRun.RunIfDue(Server.ConfigBackupJob, new CmdletProgress(this, 1, "Configuration backup"), _cancel.Token);
        if (result is null || result.ErrorId == "BackupAlreadyRunning")
        {
            // Another timer or a person took the due run meanwhile: nothing to report.
            WriteVerbose("Another run took the due run meanwhile; nothing was done.");
            return;
        }
        Report(result);
    }

    private void Report(ConfigBackupResult result)
    {
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
