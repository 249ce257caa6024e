using VeeamConfigBackup.Engine.Scheduling;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Scheduling;

public sealed class ScheduleLogTests
{
    [Fact]
    public void The_timed_runs_log_stays_bounded_however_many_runs_write_to_it()
    {
        using var home = new TempHome();
        ScheduleLog.EnsureFolder(home.Path);
        var log = ScheduleLog.PathFor(home.Path);
        for (var run = 0; run < 12; run++)
        {
            ScheduleLog.Rotate(home.Path);
            // One run's output: a little over half the limit, so every second run rotates.
            File.AppendAllText(log, $"run {run}\n" + new string('x', (int)(ScheduleLog.MaxBytes / 2) + 10));
        }
        var files = Directory.GetFiles(Path.GetDirectoryName(log)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([log, log + ".1", log + ".2", log + ".3"], files);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length < 2 * ScheduleLog.MaxBytes));
        // The newest output is in the log, the oldest kept in .3; older ones are gone.
        Assert.StartsWith("run 10", File.ReadAllText(log));
        Assert.StartsWith("run 4", File.ReadAllText(log + ".3"));
    }
}
