using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Storage;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Repositories;

/// <summary>
/// Hardened repositories on a real filesystem with real immutable flags; expiry follows the engine's clock. Every
/// folder made here goes through <see cref="ImmutableCleanup"/> (TempHome does it) so no flag outlives a test.
/// </summary>
public sealed class HardenedRepositoryTests : IDisposable
{
    private const string Password = "Hardened-Passw0rd-2026";
    private readonly TempHome _temp = new();
    private readonly ServerHome _home;
    private readonly string _hardenedPath;

    public HardenedRepositoryTests()
    {
        _home = _temp.Open("hardened-server");
        _hardenedPath = Path.Combine(_temp.Path, "hardened");
        var key = _home.Passwords.Add(TestSecrets.Secure(Password), "hardened").Record;
        _home.ConfigBackupJob.EnableEncryption(key.Id);
    }

    public void Dispose()
    {
        _home.Dispose();
        _temp.Dispose();
    }

    private BackupRepository AddHardened(int? days = null) => _home.Repositories.Add("Hardened", _hardenedPath, RepositoryType.Hardened, days);

    private ConfigBackupResult Run()
    {
        var result = _home.ConfigBackupJob.Run();
        Assert.NotEqual(BackupOutcome.Failed, result.Result);
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(10_000)]
    [InlineData(-7)]
    public void An_immutability_period_outside_7_to_9999_days_is_refused_and_nothing_is_registered(int days)
    {
        var ex = Assert.Throws<ConfigBackupException>(() => AddHardened(days));
        Assert.Equal("InvalidImmutabilityPeriod", ex.ErrorId);
        Assert.DoesNotContain(_home.Repositories.List(), r => r.Name == "Hardened");
    }

    [Fact]
    public void An_immutability_period_on_a_repository_that_is_not_hardened_is_refused()
    {
        var ex = Assert.Throws<ConfigBackupException>(() => _home.Repositories.Add("Plain", Path.Combine(_temp.Path, "plain"), RepositoryType.Local, 30));
        Assert.Equal("ImmutabilityNeedsHardenedRepository", ex.ErrorId);
    }

    [ImmutableFact]
    public void A_hardened_repository_defaults_to_seven_days_and_its_period_can_be_changed_for_later_points()
    {
        var repository = AddHardened();
        Assert.Equal(7, repository.ImmutabilityPeriod);
        Assert.True(repository.IsImmutable);
        _home.ConfigBackupJob.Update(repositoryId: repository.Id);
        var first = Run();
        Assert.Equal(30, _home.Repositories.SetImmutabilityPeriod(repository.Id, 30).ImmutabilityPeriod);
        var second = Run();

        Assert.Equal(first.StartTimeUtc.AddDays(7), first.ImmutableUntilUtc!.Value, TimeSpan.FromSeconds(2));
        Assert.Equal(second.StartTimeUtc.AddDays(30), second.ImmutableUntilUtc!.Value, TimeSpan.FromSeconds(2));
        Assert.Equal(first.ImmutableUntilUtc, RestorePointCatalog.Describe(first.Path!).ImmutableUntilUtc); // unchanged by the new period
        Assert.Equal("InvalidImmutabilityPeriod", Assert.Throws<ConfigBackupException>(() => _home.Repositories.SetImmutabilityPeriod(repository.Id, 5)).ErrorId);
        Assert.Equal("ImmutabilityNeedsHardenedRepository", Assert.Throws<ConfigBackupException>(
            () => _home.Repositories.SetImmutabilityPeriod(_home.Repositories.Default.Id, 30)).ErrorId);
    }

    [ImmutableFact]
    public void A_point_written_to_a_hardened_repository_is_immutable_on_disk_and_cannot_be_deleted()
    {
        _home.ConfigBackupJob.Update(repositoryId: AddHardened().Id);
        var point = Run().Path!;

        Assert.True(ImmutableFlag.IsSet(point));
        Assert.True(ImmutableFlag.IsSet(RestorePointImmutability.SidecarOf(point)));
        Assert.ThrowsAny<Exception>(() => File.Delete(point));
        Assert.ThrowsAny<Exception>(() => File.WriteAllText(point, "overwritten"));
        Assert.True(File.Exists(point));
        var refused = Assert.Throws<RestorePointImmutableException>(() => RestorePointCatalog.Remove(point, _temp.Clock));
        Assert.Equal("RestorePointImmutable", refused.ErrorId);
        Assert.Contains(refused.ImmutableUntilUtc.UtcDateTime.ToString("u"), refused.Message);
        Assert.True(Engine.Restore.RestorePointVerifier.Verify(point, TestSecrets.Secure(Password)).ContentVerified);
    }

    [ImmutableFact]
    public void Retention_keeps_every_immutable_point_and_deletes_them_once_they_expire()
    {
        _home.ConfigBackupJob.Update(repositoryId: AddHardened().Id, restorePointsToKeep: 1);
        var first = Run();
        var second = Run();
        var third = Run();

        Assert.Empty(third.RemovedRestorePoints);
        Assert.Equal([second.Path, first.Path], third.KeptImmutable.Select(k => k.Path));
        Assert.Equal(first.ImmutableUntilUtc, third.KeptImmutable.Single(k => k.Path == first.Path).ImmutableUntilUtc);
        Assert.All(new[] { first, second, third }, r => Assert.True(File.Exists(r.Path)));

        _temp.Clock.Advance(TimeSpan.FromDays(8));
        var later = Run();

        Assert.Equal(3, later.RemovedRestorePoints.Count);
        Assert.Empty(later.KeptImmutable);
        Assert.All(new[] { first, second, third }, r =>
        {
            Assert.False(File.Exists(r.Path));
            Assert.False(File.Exists(RestorePointImmutability.SidecarOf(r.Path!)));
        });
        Assert.True(ImmutableFlag.IsSet(later.Path!));
    }

    [ImmutableFact]
    public void An_expired_point_can_be_removed_and_the_repository_then_too()
    {
        var repository = AddHardened();
        _home.ConfigBackupJob.Update(repositoryId: repository.Id);
        var point = Run().Path!;

        var inUse = Assert.Throws<ConfigBackupException>(() => _home.Repositories.Remove(repository.Id));
        Assert.Equal("RepositoryInUse", inUse.ErrorId);
        _home.ConfigBackupJob.Update(repositoryId: _home.Repositories.Default.Id);
        var holds = Assert.Throws<ConfigBackupException>(() => _home.Repositories.Remove(repository.Id));
        Assert.Equal("RepositoryHoldsImmutableRestorePoints", holds.ErrorId);
        Assert.NotNull(holds.RecommendedAction);
        Assert.Contains(_home.Repositories.List(), r => r.Id == repository.Id);

        _temp.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        RestorePointCatalog.Remove(point, _temp.Clock);
        Assert.False(File.Exists(point));
        _home.Repositories.Remove(repository.Id);
        Assert.DoesNotContain(_home.Repositories.List(), r => r.Id == repository.Id);
    }

    [ImmutableFact]
    public void The_expiry_survives_the_loss_of_the_configuration_database()
    {
        _home.ConfigBackupJob.Update(repositoryId: AddHardened(30).Id);
        var result = Run();

        // Another server, with nothing of the first one's database, registers the same folder.
        using var otherTemp = new TempHome(_temp.Clock);
        using var other = otherTemp.Open("replacement");
        var again = other.Repositories.Add("Same folder", _hardenedPath, RepositoryType.Local);
        var listed = Assert.Single(RestorePointCatalog.List([again], other.Repositories));
        Assert.Equal(result.ImmutableUntilUtc, listed.ImmutableUntilUtc);
        Assert.Equal("Same folder", listed.Repository);
        Assert.Throws<RestorePointImmutableException>(() => RestorePointCatalog.Remove(listed.Path, _temp.Clock));
        Assert.Equal("RepositoryHoldsImmutableRestorePoints", Assert.Throws<ConfigBackupException>(() => other.Repositories.Remove(again.Id)).ErrorId);
    }

    [ImmutableFact]
    public void A_run_killed_between_the_rename_and_the_flags_is_completed_by_the_next_run()
    {
        _home.ConfigBackupJob.Update(repositoryId: AddHardened().Id);
        var point = Run().Path!;
        // What a kill right after the rename leaves: the point and its expiry, without the flags.
        ImmutableFlag.Clear(point);
        ImmutableFlag.Clear(RestorePointImmutability.SidecarOf(point));
        Run();
        Assert.True(ImmutableFlag.IsSet(point));
        Assert.True(ImmutableFlag.IsSet(RestorePointImmutability.SidecarOf(point)));
    }

    [ImmutableFact]
    public void Every_registered_repository_is_listed_with_its_name_and_expiries()
    {
        var hardened = AddHardened();
        var plain = Run();
        _home.ConfigBackupJob.Update(repositoryId: hardened.Id);
        var locked = Run();

        var listed = RestorePointCatalog.List(_home.Repositories.List(), _home.Repositories);
        Assert.Equal(2, listed.Count);
        Assert.Equal("Hardened", listed.Single(p => p.Path == locked.Path).Repository);
        Assert.Equal(locked.ImmutableUntilUtc, listed.Single(p => p.Path == locked.Path).ImmutableUntilUtc);
        Assert.Equal(RepositoryCatalog.DefaultName, listed.Single(p => p.Path == plain.Path).Repository);
        Assert.Null(listed.Single(p => p.Path == plain.Path).ImmutableUntilUtc);
    }

    [ImmutableFact]
    public void A_hardened_repository_the_job_does_not_target_is_a_policy_warning()
    {
        AddHardened();
        var warning = Assert.Single(_home.ConfigBackupJob.Evaluate(), w => w.RuleId == PolicyRules.HardenedRepositoryNotTargeted);
        Assert.Equal(PolicySeverity.Warning, warning.Severity);
        Assert.Contains("Set-VBRConfigBackupJob -Repository", warning.Recommendation);
        _home.ConfigBackupJob.Update(repositoryId: _home.Repositories.List().Single(r => r.Name == "Hardened").Id);
        Assert.DoesNotContain(_home.ConfigBackupJob.Evaluate(), w => w.RuleId == PolicyRules.HardenedRepositoryNotTargeted);
    }

    [SmallFilesystemFact]
    public void A_folder_on_a_filesystem_without_the_flag_is_not_registered_as_hardened()
    {
        using var ramfs = SmallFilesystem.WithoutImmutableFlag();
        var ex = Assert.Throws<ImmutabilityNotSupportedException>(() =>
            _home.Repositories.Add("No flags", Path.Combine(ramfs.Path, "repo"), RepositoryType.Hardened));
        Assert.Equal("ImmutabilityNotSupported", ex.ErrorId);
        Assert.Contains("no immutable attribute", ex.Message);
        Assert.DoesNotContain(_home.Repositories.List(), r => r.Name == "No flags");
        Assert.Empty(Directory.GetFileSystemEntries(ramfs.Path));
    }

    [SmallFilesystemFact]
    public void A_run_whose_point_cannot_be_made_immutable_fails_and_leaves_no_point()
    {
        var repository = AddHardened();
        _home.ConfigBackupJob.Update(repositoryId: repository.Id);
        var earlier = Run().Path!;
        // The filesystem under the repository changes after it was registered: a ramfs mounted over its server folder.
        var folder = Path.GetDirectoryName(earlier)!;
        using var ramfs = SmallFilesystem.WithoutImmutableFlag(Path.Combine(folder, "..", "..", RestorePointFolder.Name, _home.Identity.Name));

        var result = _home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("ImmutabilityNotSupported", result.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(ramfs.Path));
        ramfs.Dispose();
        Assert.True(ImmutableFlag.IsSet(earlier)); // the earlier point, under the mount, is untouched
    }

    [Fact]
    public void A_hardened_repository_of_an_older_schema_keeps_seven_days_of_immutability_after_the_upgrade()
    {
        // A schema 3 point has no immutability_days column; migration 4 must not read its absence as "not immutable".
        var folder = Path.Combine(_temp.Path, "in");
        Directory.CreateDirectory(folder);
        var point = Path.Combine(folder, "schema3.bco");
        using (var output = File.Create(point))
        using (var writer = Engine.Archive.RestorePointWriter.Begin(output, new Engine.Archive.RestorePointHeader
        {
            ServerName = "old", ServerId = Guid.NewGuid(), CreationTimeUtc = DateTimeOffset.UtcNow, ProductVersion = "0.1.0", SchemaVersion = 3,
        }, null))
        {
            writer.Content.BeginTable(new Engine.Archive.TableSchema("repositories",
            [
                new Engine.Archive.ColumnSchema("id", Engine.Archive.ColumnType.Guid), new Engine.Archive.ColumnSchema("name", Engine.Archive.ColumnType.Text),
                new Engine.Archive.ColumnSchema("path", Engine.Archive.ColumnType.Text), new Engine.Archive.ColumnSchema("type", Engine.Archive.ColumnType.Text),
                new Engine.Archive.ColumnSchema("is_default", Engine.Archive.ColumnType.Integer), new Engine.Archive.ColumnSchema("created_utc", Engine.Archive.ColumnType.Integer),
            ]));
            writer.Content.WriteRow([Guid.NewGuid(), "Default Backup Repository", "/old/Backups", "Local", 1L, 0L]);
            writer.Content.WriteRow([Guid.NewGuid(), "Old hardened", "/old/hardened", "Hardened", 0L, 0L]);
            writer.Content.EndTable();
            writer.Complete();
        }
        using var newTemp = new TempHome();
        using var target = newTemp.Open("upgraded");
        Engine.Restore.ConfigRestore.Run(target, new Engine.Restore.RestoreRequest { Path = point, Mode = Engine.Restore.RestoreMode.Migrate });

        var hardened = target.Repositories.List().Single(r => r.Name == "Old hardened");
        Assert.Equal(7, hardened.ImmutabilityPeriod);
        Assert.True(hardened.IsImmutable);
    }

    [ImmutableFact]
    public void A_run_killed_between_flagging_the_expiry_and_the_point_is_completed_by_the_next_run()
    {
        _home.ConfigBackupJob.Update(repositoryId: AddHardened().Id);
        var point = Run().Path!;
        ImmutableFlag.Clear(RestorePointImmutability.SidecarOf(point)); // either of the two without its flag
        Run();
        Assert.True(ImmutableFlag.IsSet(RestorePointImmutability.SidecarOf(point)));
    }

    [ImmutableFact]
    public void A_point_flagged_without_its_expiry_file_is_kept_and_never_shown_as_deletable()
    {
        _home.ConfigBackupJob.Update(repositoryId: AddHardened().Id);
        var point = Run().Path!;
        ImmutableFlag.Clear(RestorePointImmutability.SidecarOf(point));
        File.Delete(RestorePointImmutability.SidecarOf(point));
        Assert.Equal(DateTimeOffset.MaxValue, RestorePointImmutability.ImmutableUntil(point));
        Assert.Throws<RestorePointImmutableException>(() => RestorePointCatalog.Remove(point, _temp.Clock));
    }

    [Fact]
    public void Another_homes_unfinished_point_in_the_same_server_folder_is_left_alone_and_odd_names_do_not_stop_retention()
    {
        var first = Run();
        var folder = Path.GetDirectoryName(first.Path)!;
        var busy = Path.Combine(folder, $".{_home.Identity.Name}_2030-01-01_00-00-00.bco.other.tmp");
        File.WriteAllText(Path.Combine(folder, $"{_home.Identity.Name}_2024-13-45_99-99-99.bco"), "not a time");
        using (var held = new FileStream(busy, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            var second = _home.ConfigBackupJob.Run();
            Assert.NotEqual(BackupOutcome.Failed, second.Result);
            Assert.True(File.Exists(busy));
        }
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));
        Run();
        Assert.False(File.Exists(busy)); // nobody holds it any more: a killed run's leftover, removed
    }
}
