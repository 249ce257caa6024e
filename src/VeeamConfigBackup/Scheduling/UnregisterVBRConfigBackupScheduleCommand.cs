using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Scheduling;

namespace VeeamConfigBackup.Commands.Scheduling;

/// <summary>Removes the connected server's timer; the job and its schedule stay as they are.</summary>
[Cmdlet(VerbsLifecycle.Unregister, "VBRConfigBackupSchedule", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class UnregisterVBRConfigBackupScheduleCommand : VbrCmdlet
{
    protected override void End() => Terminating(Server.Path, () =>
    {
        var timer = CronTimer.ForCurrentUser();
        var location = timer.LocationFor(Server.Path);
        if (timer.Find(Server.Path) is null)
        {
            WriteError(ErrorRecords.From(new ConfigBackupException("ScheduleNotRegistered", ErrorKind.NotFound,
                $"No timer is registered for the server at '{Server.Path}' ({location}).")
            {
                RecommendedAction = "Get-VBRConfigBackupSchedule shows whether one is registered; Register-VBRConfigBackupSchedule adds one.",
            }, Server.Path));
            return;
        }
        if (ShouldProcess(location, "Remove the timer that runs the configuration backup job"))
        {
            timer.Unregister(Server.Path);
            WriteVerbose($"Removed the timer from {location}; the job runs only when Start-VBRConfigBackup is called now.");
        }
    });
}
