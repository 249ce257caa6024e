using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Scheduling;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Scheduling;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CronTimerTests
{
    [Fact]
    public void A_system_cron_file_is_written_whole_in_the_form_cron_reads_and_removed_again()
    {
        using var cron = new TempHome();
        using var home = new TempHome();
        Directory.CreateDirectory(cron.Path);
        var timer = new CronTimer(cron.Path, systemFile: true);
        timer.Register(home.Path, "echo run", 5);
        var file = timer.LocationFor(home.Path);
        // Debian's cron reads only names of letters, digits, '-' and '_', mode 0644, with a user column.
        Assert.Matches("^[A-Za-z0-9_-]+$", Path.GetFileName(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        Assert.Contains("*/5 * * * * root echo run\n", File.ReadAllText(file));
        Assert.Equal((5, "echo run"), timer.Find(home.Path));
        Assert.Single(Directory.GetFiles(cron.Path));

        timer.Register(home.Path, "echo again", 1);
        Assert.Equal((1, "echo again"), timer.Find(home.Path));
        Assert.Contains("* * * * * root echo again\n", File.ReadAllText(file));

        Assert.True(timer.Unregister(home.Path));
        Assert.Null(timer.Find(home.Path));
        Assert.False(timer.Unregister(home.Path));
        Assert.Empty(Directory.GetFiles(cron.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(-5)]
    public void An_interval_cron_cannot_keep_is_refused_and_nothing_is_written(int interval)
    {
        using var cron = new TempHome();
        Directory.CreateDirectory(cron.Path);
        var timer = new CronTimer(cron.Path, systemFile: true);
        var ex = Assert.Throws<ConfigBackupException>(() => timer.Register(cron.Path, "echo run", interval));
        Assert.Equal("InvalidInterval", ex.ErrorId);
        Assert.Empty(Directory.GetFiles(cron.Path));
    }

    [Fact]
    public void Two_homes_get_two_entries()
    {
        using var cron = new TempHome();
        using var one = new TempHome();
        using var two = new TempHome();
        Directory.CreateDirectory(cron.Path);
        var timer = new CronTimer(cron.Path, systemFile: true);
        timer.Register(one.Path, "echo one", 5);
        timer.Register(two.Path, "echo two", 10);
        Assert.Equal((5, "echo one"), timer.Find(one.Path));
        Assert.Equal((10, "echo two"), timer.Find(two.Path));
        timer.Unregister(one.Path);
        Assert.Equal((10, "echo two"), timer.Find(two.Path));
    }
}
