using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>Changes the configuration backup job: enabled, target repository, retention, schedule, notifications. It cannot be created or deleted.</summary>
[Cmdlet(VerbsCommon.Set, "VBRConfigBackupJob", SupportsShouldProcess = true)]
[Alias("Set-VBRConfigurationBackupJob")]
[OutputType(typeof(ConfigBackupJobInfo))]
public sealed class SetVBRConfigBackupJobCommand : VbrCmdlet
{
    /// <summary>-Enable or -Enable:$true enables the job; -Enable:$false disables it.</summary>
    [Parameter]
    public SwitchParameter Enable { get; set; }

    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public BackupRepository? Repository { get; set; }

    [Parameter]
    [ValidateRange(1, ConfigBackupJob.MaxRestorePointsToKeep)]
    public int? RestorePointsToKeep { get; set; }

    [Parameter]
    [ValidateNotNull]
    public ScheduleOptions? ScheduleOptions { get; set; }

    /// <summary>Options from New-VBRNotificationOptions; they replace the job's whole notification options.</summary>
    [Parameter]
    [Alias("Notification")]
    [ValidateNotNull]
    public JobNotificationOptions? NotificationOptions { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        bool? enabled = MyInvocation.BoundParameters.ContainsKey(nameof(Enable)) ? Enable.IsPresent : null;
        var changes = new List<string>();
        if (enabled is { } e) changes.Add(e ? "enable" : "disable");
        if (Repository is not null) changes.Add($"target repository '{Repository.Name}'");
        if (RestorePointsToKeep is { } keep) changes.Add($"keep {keep} restore points");
        if (ScheduleOptions is not null) changes.Add($"schedule: {ScheduleOptions}");
        if (NotificationOptions is not null) changes.Add($"notification options: {Describe(NotificationOptions)}");
        if (changes.Count == 0 && !PassThru)
        {
            WriteVerbose("Nothing to change.");
            return;
        }
        if (changes.Count > 0 && !ShouldProcess(ConfigBackupJobInfo.JobName, string.Join("; ", changes)))
        {
            return;
        }
        Terminating(Repository, () =>
        {
            var job = changes.Count == 0 ? Server.ConfigBackupJob.Get()
                : Server.ConfigBackupJob.Update(enabled, Repository?.Id, RestorePointsToKeep, ScheduleOptions, NotificationOptions);
            WriteVerbose($"Configuration backup job: {string.Join("; ", changes)}.");
            if (PassThru)
            {
                WriteRecord(job);
            }
        });
    }

    private static string Describe(JobNotificationOptions o)
    {
        var parts = new List<string>();
        if (o.EnableAdditionalNotification)
        {
            parts.Add(o.AdditionalAddress.Count == 0 ? "additional e-mail (no addresses)" : $"additional e-mail to {string.Join(", ", o.AdditionalAddress)}");
            if (o.NotificationSubject.Length > 0) parts.Add($"subject '{o.NotificationSubject}'");
            if (o.UseNotificationOptions)
            {
                var on = new[] { (o.NotifyOnSuccess, "success"), (o.NotifyOnWarning, "warning"), (o.NotifyOnError, "error") }.Where(x => x.Item1).Select(x => x.Item2).ToList();
                parts.Add(on.Count == 0 ? "on no result" : $"on {string.Join(", ", on)}");
            }
            else
            {
                parts.Add("when the global mail settings say");
            }
        }
        else
        {
            parts.Add("no additional e-mail");
        }
        parts.Add(o.EnableSnmpNotification ? "SNMP traps" : "no SNMP traps");
        return string.Join(", ", parts);
    }
}
