using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Scheduling;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Scheduling;

public sealed class DueRunTests
{
    // A Friday; the job's default schedule is daily at 10:00.
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static (TempHome Temp, Engine.Server.ServerHome Home) Open(DateTimeOffset at)
    {
        var temp = new TempHome(new ManualClock(at));
        var home = temp.Open();
        home.ConfigBackupJob.TimeZone = TimeZoneInfo.Utc;
        return (temp, home);
    }

    [Fact]
    public void A_run_is_due_once_its_time_has_passed_and_not_again_until_the_next_one()
    {
        var (temp, home) = Open(Morning);
        using (temp)
        using (home)
        {
            // Yesterday's 10:00 was never taken: a new server catches up once.
            Assert.NotNull(DueRun.RunIfDue(home.ConfigBackupJob));
            var check = DueRun.Check(home.ConfigBackupJob);
            Assert.False(check.IsDue, check.Reason);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), check.NextRunUtc);
            Assert.Null(DueRun.RunIfDue(home.ConfigBackupJob));

            temp.Clock.Advance(TimeSpan.FromMinutes(59));
            Assert.False(DueRun.Check(home.ConfigBackupJob).IsDue);
            temp.Clock.Advance(TimeSpan.FromMinutes(2));
            var due = DueRun.Check(home.ConfigBackupJob);
            Assert.True(due.IsDue, due.Reason);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), due.ScheduledUtc);
            Assert.NotEqual(BackupOutcome.Failed, DueRun.RunIfDue(home.ConfigBackupJob)!.Result);
            Assert.Null(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.Equal(2, home.ConfigBackupJob.Sessions().Count);
        }
    }

    [Fact]
    public void A_machine_that_was_off_for_days_catches_up_once_not_once_per_missed_run()
    {
        var (temp, home) = Open(Morning.AddHours(2));
        using (temp)
        using (home)
        {
            Assert.NotNull(DueRun.RunIfDue(home.ConfigBackupJob));
            temp.Clock.Advance(TimeSpan.FromDays(3));
            Assert.NotNull(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.Null(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.Equal(2, home.ConfigBackupJob.Sessions().Count);
        }
    }

    [Fact]
    public void A_disabled_job_is_never_due()
    {
        var (temp, home) = Open(Morning.AddHours(2));
        using (temp)
        using (home)
        {
            home.ConfigBackupJob.Update(enabled: false);
            var check = DueRun.Check(home.ConfigBackupJob);
            Assert.False(check.IsDue);
            Assert.Null(check.NextRunUtc);
            Assert.Null(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.Empty(home.ConfigBackupJob.Sessions());
        }
    }

    [Fact]
    public void A_monthly_schedule_is_due_after_its_day_and_not_before()
    {
        // The fourth Saturday of November 2026 is the 28th; the monthly default runs at 22:00.
        var (temp, home) = Open(new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.Zero));
        using (temp)
        using (home)
        {
            home.ConfigBackupJob.Update(schedule: ScheduleOptions.Default(ScheduleType.Monthly));
            var before = DueRun.Check(home.ConfigBackupJob);
            // October's fourth Saturday (the 24th) was never taken.
            Assert.Equal(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), before.ScheduledUtc);
            Assert.NotNull(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.False(DueRun.Check(home.ConfigBackupJob).IsDue);
            temp.Clock.Advance(TimeSpan.FromHours(2));
            Assert.True(DueRun.Check(home.ConfigBackupJob).IsDue);
        }
    }

    [Fact]
    public void Two_timers_that_both_find_the_run_due_take_one_run_between_them()
    {
        var (temp, home) = Open(Morning.AddHours(2));
        using (temp)
        using (home)
        {
            var first = DueRun.Check(home.ConfigBackupJob);
            var second = DueRun.Check(home.ConfigBackupJob);
            Assert.True(first.IsDue && second.IsDue);
            // Both go ahead, one after the other: the second decides again under the lock and finds the run taken.
            Assert.NotNull(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.Null(DueRun.RunIfDue(home.ConfigBackupJob));
            Assert.Single(home.ConfigBackupJob.Sessions());
        }
    }
}
