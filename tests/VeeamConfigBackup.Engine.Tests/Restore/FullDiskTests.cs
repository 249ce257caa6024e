using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Tests.Server;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Restore;

/// <summary>A disk that fills up under a restore or a backup: a typed error, and nothing lost or half-written.</summary>
public sealed class FullDiskTests : IClassFixture<GeneratedPointFixture>
{
    private readonly GeneratedPointFixture _point;

    public FullDiskTests(GeneratedPointFixture point) => _point = point;

    private RestoreRequest Migrate => new()
    {
        Path = _point.Point,
        Password = TestSecrets.Secure(GeneratedPointFixture.Password),
        Mode = RestoreMode.Migrate,
        IncludeSessionHistory = true,
    };

    [SmallFilesystemFact]
    public void A_migrate_onto_a_disk_that_fills_up_is_DatabaseDiskFull_and_leaves_no_home()
    {
        using var fs = new SmallFilesystem(6);
        var target = Path.Combine(fs.Path, "new-home");

        var ex = Assert.ThrowsAny<ConfigBackupException>(() => NewHomeMigration.Run(target, Migrate));

        Assert.Equal("DatabaseDiskFull", ex.ErrorId);
        Assert.NotNull(ex.RecommendedAction);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(fs.Path));
    }

    [SmallFilesystemFact]
    public void A_restore_into_a_home_whose_disk_fills_up_is_DatabaseDiskFull_and_changes_nothing()
    {
        using var fs = new SmallFilesystem(8);
        var homePath = Path.Combine(fs.Path, "home");
        Dictionary<string, List<string>> before;
        using (var home = ServerHome.Open(homePath, "full-disk"))
        {
            ConfigurationGenerator.Fill(home, new GeneratorOptions { Sessions = 20, Seed = 5 });
            before = TableDump.Of(home);
        }
        // Room for the database to be opened, not for 150,000 sessions.
        fs.Fill(leaveFreeBytes: 1024 * 1024);
        using (var home = ServerHome.Open(homePath))
        {
            var ex = Assert.ThrowsAny<ConfigBackupException>(() => ConfigRestore.Run(home, Migrate));
            Assert.Equal("DatabaseDiskFull", ex.ErrorId);
        }
        fs.Unfill();
        using var after = ServerHome.Open(homePath);
        TableDump.AssertEqual(before, TableDump.Of(after));
    }

    [SmallFilesystemFact]
    public void A_backup_on_a_full_disk_is_a_failed_run_with_a_typed_error_and_no_restore_point()
    {
        using var fs = new SmallFilesystem(4);
        var homePath = Path.Combine(fs.Path, "home");
        using var home = ServerHome.Open(homePath, "full-disk");
        ConfigurationGenerator.Fill(home, new GeneratorOptions { Sessions = 20, Seed = 5 });
        fs.Fill();

        var result = home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Failed, result.Result);
        // The configuration database on that disk cannot even hold the run's read snapshot: the database's own error.
        Assert.Equal("DatabaseDiskFull", result.ErrorId);
        Assert.Contains("is full", result.Error);
        Assert.Empty(Directory.GetFiles(homePath, "*.bco*", SearchOption.AllDirectories));
    }

    [SmallFilesystemFact]
    public void A_backup_to_a_repository_on_a_full_disk_is_BackupWriteFailed_and_leaves_no_partial_point()
    {
        using var fs = new SmallFilesystem(4);
        using var temp = new TempHome();
        using var home = temp.Open("full-repository");
        ConfigurationGenerator.Fill(home, new GeneratorOptions { Sessions = 20_000, Seed = 5, Passwords = 0 });
        var repository = home.Repositories.Add("Small disk", Path.Combine(fs.Path, "repo"), Engine.Repositories.RepositoryType.Local);
        home.ConfigBackupJob.Update(repositoryId: repository.Id);
        fs.Fill(leaveFreeBytes: 64 * 1024);

        var result = home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("BackupWriteFailed", result.ErrorId);
        Assert.Contains("No space left on device", result.Error);
        Assert.Empty(Directory.GetFiles(Path.Combine(fs.Path, "repo"), "*", SearchOption.AllDirectories));
    }
}
