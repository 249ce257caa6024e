using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Scheduling;

namespace VeeamConfigBackup.Commands.Scheduling;

/// <summary>Installs the operating-system timer (cron) that runs Start-VBRConfigBackup -IfDue for the connected server.</summary>
[Cmdlet(VerbsLifecycle.Register, "VBRConfigBackupSchedule", SupportsShouldProcess = true)]
[OutputType(typeof(ConfigBackupSchedule))]
public sealed class RegisterVBRConfigBackupScheduleCommand : VbrCmdlet
{
    /// <summary>Minutes between two checks of the job's schedule.</summary>
    [Parameter(Position = 0)]
    public int Interval { get; set; } = CronTimer.DefaultInterval;

    protected override void End() => Terminating(Server.Path, () =>
    {
        var timer = CronTimer.ForCurrentUser();
        var log = ScheduleLog.PathFor(Server.Path);
        var command = ScheduleCommand.For(Server.Path, MyInvocation.MyCommand.Module?.ModuleBase
            ?? Path.GetDirectoryName(typeof(RegisterVBRConfigBackupScheduleCommand).Assembly.Location)!, log);
        var location = timer.LocationFor(Server.Path);
        if (!ShouldProcess(location, $"Check the configuration backup job's schedule every {Interval} minute(s)"))
        {
            return;
        }
        ScheduleLog.EnsureFolder(Server.Path);
        timer.Register(Server.Path, command, Interval);
        WriteVerbose($"Registered in {location}: every {Interval} minute(s) the job runs if its schedule says a run is due.");
        WriteRecord(GetVBRConfigBackupScheduleCommand.Describe(timer, Server));
    });
}
