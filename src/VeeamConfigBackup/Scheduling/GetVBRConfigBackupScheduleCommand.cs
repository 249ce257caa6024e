using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Scheduling;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Commands.Scheduling;

/// <summary>Says whether a timer runs the connected server's job, where it is written, how often it checks, and the next due run.</summary>
[Cmdlet(VerbsCommon.Get, "VBRConfigBackupSchedule")]
[OutputType(typeof(ConfigBackupSchedule))]
public sealed class GetVBRConfigBackupScheduleCommand : VbrCmdlet
{
    protected override void End() => Terminating(Server.Path, () => WriteRecord(Describe(CronTimer.ForCurrentUser(), Server)));

    internal static ConfigBackupSchedule Describe(CronTimer timer, ServerHome server)
    {
        var entry = timer.Find(server.Path);
        return new ConfigBackupSchedule
        {
            Registered = entry is not null,
            Location = entry is null ? null : timer.LocationFor(server.Path),
            IntervalMinutes = entry?.Interval,
            Command = entry?.Command,
            HomePath = server.Path,
            LogPath = ScheduleLog.PathFor(server.Path),
            NextRunUtc = DueRun.Check(server.ConfigBackupJob).NextRunUtc,
        };
    }
}
