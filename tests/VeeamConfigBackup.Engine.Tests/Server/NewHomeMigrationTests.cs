using System.Diagnostics;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Server;

/// <summary>One encrypted point of a generated server, large enough that a migrate of it takes a few seconds.</summary>
public sealed class GeneratedPointFixture : IDisposable
{
    public const string Password = "Bench-Passw0rd-2026"; // the benchmark tool's migrate uses this password

    private readonly TempHome _source = new();

    public GeneratedPointFixture()
    {
        using var source = _source.Open("source");
        ConfigurationGenerator.Fill(source, new GeneratorOptions { Sessions = 150_000 });
        var key = source.Passwords.Add(TestSecrets.Secure(Password), "bench").Record;
        source.ConfigBackupJob.EnableEncryption(key.Id);
        var backup = source.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Success, backup.Result);
        Point = backup.Path!;
        Credentials = source.Credentials.List().Count;
        Passwords = source.Passwords.List().Count;
    }

    public string Point { get; }

    public int Credentials { get; }

    public int Passwords { get; }

    public void Dispose() => _source.Dispose();
}

/// <summary>A migrate into a new folder makes the whole home appear at once, or nothing at all.</summary>
public sealed class NewHomeMigrationTests : IClassFixture<GeneratedPointFixture>, IDisposable
{
    private readonly GeneratedPointFixture _point;
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "vbr-engine-tests", Guid.NewGuid().ToString("N"));

    public NewHomeMigrationTests(GeneratedPointFixture point)
    {
        _point = point;
        Directory.CreateDirectory(_parent);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string[] Leftovers(string target) =>
        Directory.GetFileSystemEntries(_parent, $".{Path.GetFileName(target)}.migrating-*");

    private RestoreRequest Request(string? password = GeneratedPointFixture.Password) => new()
    {
        Path = _point.Point,
        Password = password is null ? null : TestSecrets.Secure(password),
        Mode = RestoreMode.Migrate,
    };

    /// <summary>What a complete home is: it opens, and its credentials and passwords are the source's.</summary>
    private void AssertComplete(string target)
    {
        using var home = ServerHome.Open(target);
        Assert.Equal(_point.Credentials, home.Credentials.List().Count);
        Assert.Equal(_point.Passwords, home.Passwords.List().Count);
        Assert.Equal(Path.Combine(target, ServerHome.DefaultRepositoryFolder), home.Repositories.List().Single(r => r.IsDefault).Path);
    }

    [Theory]
    [InlineData("first progress")]
    [InlineData("Restoring job_sessions")]
    [InlineData("Committing")]
    [InlineData("Restore complete")]
    public void A_migrate_killed_at_any_moment_leaves_nothing_at_the_target_or_the_complete_home(string killAt)
    {
        var target = Path.Combine(_parent, "new-home");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BenchTool.Path, "migrate", target, _point.Point },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string? line;
        var reached = false;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            var parts = line.Split(' ');
            if (parts is ["progress", var percent, ..] && (killAt == "first progress" || line.Contains(killAt, StringComparison.Ordinal) &&
                (killAt != "Restoring job_sessions" || int.Parse(percent) >= 20)))
            {
                reached = true;
                break;
            }
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.True(reached, $"the migrate never reached '{killAt}': " + process.StandardError.ReadToEnd());

        if (Directory.Exists(target))
        {
            AssertComplete(target);
            return;
        }
        // The next migrate into the same path removes what the killed one left beside it, and succeeds.
        NewHomeMigration.Run(target, Request());
        AssertComplete(target);
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void A_failed_migrate_leaves_neither_the_home_nor_its_staging_folder()
    {
        var target = Path.Combine(_parent, "never");
        Assert.Throws<WrongPasswordException>(() => NewHomeMigration.Run(target, Request("Not-The-Passw0rd-1")));
        Assert.False(Directory.Exists(target));
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void An_empty_target_folder_is_replaced_by_the_complete_home()
    {
        var target = Path.Combine(_parent, "made-by-hand");
        Directory.CreateDirectory(target);
        Assert.True(NewHomeMigration.IsNewHome(target));
        NewHomeMigration.Run(target, Request());
        AssertComplete(target);
        Assert.Empty(Leftovers(target));
        Assert.False(NewHomeMigration.IsNewHome(target));
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => NewHomeMigration.Run(target, Request()));
        Assert.Equal("TargetHomeNotNew", ex.ErrorId);
    }

    [Fact]
    public void A_running_migrations_staging_folder_is_left_alone_and_an_abandoned_one_is_removed()
    {
        var target = Path.Combine(_parent, "busy");
        var running = Path.Combine(_parent, ".busy.migrating-running");
        var abandoned = Path.Combine(_parent, ".busy.migrating-abandoned");
        Directory.CreateDirectory(Path.Combine(running, "keys"));
        Directory.CreateDirectory(Path.Combine(abandoned, "keys"));
        File.WriteAllText(abandoned + ".lock", "");
        using (new FileStream(running + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            using var home = ServerHome.Open(target);
        }
        Assert.True(Directory.Exists(running));
        Assert.False(Directory.Exists(abandoned));
        Assert.False(File.Exists(abandoned + ".lock"));
    }

    [Fact]
    public void A_file_as_the_target_is_refused_before_anything_is_restored()
    {
        var target = Path.Combine(_parent, "a-file");
        File.WriteAllText(target, "not a folder");
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => NewHomeMigration.Run(target, Request()));
        Assert.Equal("InvalidHomePath", ex.ErrorId);
        Assert.Equal("not a folder", File.ReadAllText(target));
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void A_link_as_the_target_is_refused_and_what_it_points_to_is_left_alone()
    {
        var pointed = Path.Combine(_parent, "pointed");
        Directory.CreateDirectory(pointed);
        var target = Path.Combine(_parent, "link");
        Directory.CreateSymbolicLink(target, pointed);
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => NewHomeMigration.Run(target, Request()));
        Assert.Equal("TargetPathNotPlainFolder", ex.ErrorId);
        Assert.NotNull(new DirectoryInfo(target).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(pointed));
    }

    [SmallFilesystemFact]
    public void A_mount_point_as_the_target_is_refused_with_a_folder_inside_it_as_the_advice_and_that_works()
    {
        using var volume = new SmallFilesystem(64);
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => NewHomeMigration.Run(volume.Path, Request()));
        Assert.Equal("TargetPathNotPlainFolder", ex.ErrorId);
        Assert.Contains(Path.Combine(volume.Path, "vbr-home"), ex.RecommendedAction);
        Assert.Empty(Directory.GetFileSystemEntries(volume.Path));

        NewHomeMigration.Run(Path.Combine(volume.Path, "vbr-home"), Request());
        AssertComplete(Path.Combine(volume.Path, "vbr-home"));
    }

    [SmallFilesystemFact]
    public void A_read_only_parent_is_HomeNotWritable_with_nothing_written()
    {
        using var volume = new SmallFilesystem(1);
        volume.MakeReadOnly();
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => NewHomeMigration.Run(Path.Combine(volume.Path, "home"), Request()));
        Assert.Equal("HomeNotWritable", ex.ErrorId);
        Assert.NotNull(ex.RecommendedAction);
        Assert.Empty(Directory.GetFileSystemEntries(volume.Path));
    }

    [Fact]
    public void A_migrate_removes_abandoned_staging_folders_of_other_targets_in_the_same_folder()
    {
        var abandoned = Path.Combine(_parent, ".elsewhere.migrating-abandoned");
        Directory.CreateDirectory(Path.Combine(abandoned, "keys"));
        File.WriteAllText(Path.Combine(abandoned, "keys", "key.xml"), "<key/>");
        NewHomeMigration.Run(Path.Combine(_parent, "new-one"), Request());
        Assert.False(Directory.Exists(abandoned));
    }
}
