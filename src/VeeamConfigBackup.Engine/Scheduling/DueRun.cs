using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Engine.Scheduling;

/// <summary>
/// "Is a run due?": the stored schedule is the one source of truth; a timer only asks this often. A run is due when a
/// scheduled moment has passed and no run started at or after it, so a machine that was off at the scheduled time
/// catches up once, at the next check, and never twice.
/// </summary>
public static class DueRun
{
    /// <summary>Whether the server's job is due now, by its own clock and time zone.</summary>
    public static ScheduleCheck Check(ConfigBackupJob job) => Check(job.Get(), job.Clock.GetUtcNow(), job.TimeZone);

    /// <summary>
    /// Runs the job when it is due, deciding again once the run holds the server's run lock, so two timers that both
    /// found it due take one run between them. Null when it is not due (then nothing is recorded).
    /// </summary>
    public static ConfigBackupResult? RunIfDue(ConfigBackupJob job, IBackupProgress? progress = null, CancellationToken cancellation = default) =>
        job.RunIf(now => Check(now, job.Clock.GetUtcNow(), job.TimeZone).IsDue, progress, cancellation);

    public static ScheduleCheck Check(ConfigBackupJobInfo job, DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        if (!job.Enabled)
        {
            return new ScheduleCheck { IsDue = false, Reason = "The configuration backup job is disabled, so no scheduled run is due." };
        }
        var next = job.ScheduleOptions.NextRunAfter(nowUtc, zone);
        var scheduled = job.ScheduleOptions.LastRunAtOrBefore(nowUtc, zone);
        if (scheduled is null)
        {
            return new ScheduleCheck { IsDue = false, NextRunUtc = next, Reason = $"No scheduled run has come yet; the next is at {next.UtcDateTime:u}." };
        }
        if (job.LastRunUtc is { } last && last >= scheduled)
        {
            return new ScheduleCheck
            {
                IsDue = false,
                NextRunUtc = next,
                Reason = $"The run scheduled for {scheduled.Value.UtcDateTime:u} has been taken (at {last.UtcDateTime:u}); the next is at {next.UtcDateTime:u}.",
            };
        }
        return new ScheduleCheck
        {
            IsDue = true,
            ScheduledUtc = scheduled,
            NextRunUtc = next,
            Reason = $"The run scheduled for {scheduled.Value.UtcDateTime:u} has not been taken yet.",
        };
    }
}
