using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Storage;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Storage;

/// <summary>Object storage repositories against a real S3 gateway with Object Lock (Ceph's RADOS Gateway, started by tests/S3/cluster.sh).</summary>
public sealed class S3RepositoryTests : IDisposable
{
    private const string Password = "S3-Repository-Passw0rd";
    // Object Lock dates are checked against the gateway's own clock, so the test clock starts at the real time.
    private readonly TempHome _temp = new(new ManualClock(DateTimeOffset.UtcNow));
    private readonly ServerHome _home;
    private readonly Guid _keys;

    public S3RepositoryTests()
    {
        _home = _temp.Open("s3-server");
        var key = _home.Passwords.Add(TestSecrets.Secure(Password), "s3 key").Record;
        _home.ConfigBackupJob.EnableEncryption(key.Id);
        _keys = TestS3.Endpoint is null ? Guid.Empty
            : _home.Credentials.Add(TestS3.AccessKey, TestSecrets.Secure(TestS3.SecretKey), CredentialsType.Linux, "S3 keys").Id;
    }

    public void Dispose()
    {
        _home.Dispose();
        _temp.Dispose();
    }

    private BackupRepository AddS3(string bucket, int? days = null, Guid? keys = null, string? endpoint = null) =>
        _home.Repositories.AddS3Compatible("Object storage", endpoint ?? TestS3.Endpoint!, bucket, "config/backups", null, keys ?? _keys, days, forcePathStyle: true);

    private ConfigBackupResult Run()
    {
        var result = _home.ConfigBackupJob.Run();
        Assert.True(result.Result != BackupOutcome.Failed, result.Error);
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));
        return result;
    }

    [S3Fact]
    public void Bad_buckets_keys_and_endpoints_are_refused_with_their_ids_and_nothing_is_registered()
    {
        var locked = TestS3.NewBucket(objectLock: true);
        var unlocked = TestS3.NewBucket(objectLock: false);
        var wrongKeys = _home.Credentials.Add("WRONGACCESSKEY", TestSecrets.Secure("wrong-secret-key"), CredentialsType.Linux).Id;

        Assert.Equal("S3BucketNotFound", Assert.ThrowsAny<ConfigBackupException>(() => AddS3("vbr-no-such-bucket-" + Guid.NewGuid().ToString("N")[..8])).ErrorId);
        var refusedKeys = Assert.ThrowsAny<ConfigBackupException>(() => AddS3(locked, keys: wrongKeys));
        Assert.Equal("S3AuthenticationFailed", refusedKeys.ErrorId);
        var down = Assert.ThrowsAny<ConfigBackupException>(() => AddS3(locked, endpoint: "http://127.0.0.1:1"));
        Assert.Equal("S3EndpointUnreachable", down.ErrorId);
        foreach (var ex in new Exception[] { refusedKeys, down })
        {
            Assert.DoesNotContain("wrong-secret-key", ex.ToString());
            Assert.DoesNotContain(TestS3.SecretKey, ex.ToString());
        }
        var withUser = Assert.ThrowsAny<ConfigBackupException>(() => AddS3(locked, endpoint: $"http://{TestS3.AccessKey}:{TestS3.SecretKey}@127.0.0.1:1"));
        Assert.Equal("InvalidServiceEndpoint", withUser.ErrorId);
        Assert.DoesNotContain(TestS3.SecretKey, withUser.ToString());
        var noLock = Assert.ThrowsAny<ConfigBackupException>(() => AddS3(unlocked, days: 1));
        Assert.Equal("ObjectLockNotEnabled", noLock.ErrorId);
        Assert.NotNull(noLock.RecommendedAction);
        Assert.Equal("InvalidImmutabilityPeriod", Assert.ThrowsAny<ConfigBackupException>(() => AddS3(locked, days: 1000)).ErrorId);
        Assert.DoesNotContain(_home.Repositories.List(), r => r.Type == RepositoryType.S3Compatible);
        Assert.DoesNotContain(TestS3.SecretKey, noLock.Message);
    }

    [S3Fact]
    public void A_backup_goes_to_the_bucket_locked_and_is_listed_verified_and_restored_from_it()
    {
        var bucket = TestS3.NewBucket(objectLock: true);
        var repository = AddS3(bucket, days: 1);
        _home.ConfigBackupJob.Update(repositoryId: repository.Id);
        ConfigurationGenerator.Fill(_home, new GeneratorOptions { Sessions = 250_000, Credentials = 3, Passwords = 0 });

        var result = Run();

        Assert.StartsWith($"s3://{bucket}/config/backups/VeeamConfigBackup/s3-server/s3-server_", result.Path);
        Assert.True(result.SizeBytes > S3RestorePointStore.PartSize, "big enough for more than one part");
        Assert.Equal(result.StartTimeUtc.AddDays(1), result.ImmutableUntilUtc!.Value, TimeSpan.FromSeconds(5));
        var version = Assert.Single(TestS3.Versions(bucket));
        Assert.Equal(result.SizeBytes, version.Size);
        Assert.Empty(TestS3.Uploads(bucket));

        var listed = Assert.Single(RestorePointCatalog.List(_home.Repositories.List().Where(r => r.Id == repository.Id), _home.Repositories));
        Assert.Null(listed.Error);
        Assert.Equal("Object storage", listed.Repository);
        Assert.Equal("s3-server", listed.ServerName);
        Assert.Equal(result.ImmutableUntilUtc!.Value, listed.ImmutableUntilUtc!.Value, TimeSpan.FromSeconds(1));

        using var store = _home.Repositories.OpenStore(repository);
        Assert.True(RestorePointVerifier.Verify(result.Path!, new RestoreCredentials { Password = TestSecrets.Secure(Password) }, store: store).ContentVerified);
        var refused = Assert.Throws<RestorePointImmutableException>(() => RestorePointCatalog.Remove(store, result.Path!, _temp.Clock));
        Assert.Equal("RestorePointImmutable", refused.ErrorId);

        using var newTemp = new TempHome();
        using var newHome = newTemp.Open("restored");
        var restored = ConfigRestore.Run(newHome, new RestoreRequest { Path = result.Path!, Store = store, Password = TestSecrets.Secure(Password), Mode = RestoreMode.Migrate });
        Assert.True(restored.SecretsRestored);
        Assert.Equal(_home.Credentials.List().Count, newHome.Credentials.List().Count);
        Assert.Equal(TestS3.SecretKey, TestSecrets.Plain(newHome.Credentials.RevealPassword(newHome.Credentials.Get(_keys))));
    }

    [S3Fact]
    public void Retention_keeps_locked_points_and_deletes_unlocked_ones_by_version()
    {
        var locked = AddS3(TestS3.NewBucket(objectLock: true), days: 1);
        _home.ConfigBackupJob.Update(repositoryId: locked.Id, restorePointsToKeep: 1);
        var first = Run();
        Run();
        var third = Run();
        Assert.Empty(third.RemovedRestorePoints);
        Assert.Equal(2, third.KeptImmutable.Count);
        Assert.Contains(third.KeptImmutable, k => k.Path == first.Path);

        var plainBucket = TestS3.NewBucket(objectLock: true);
        var plain = _home.Repositories.AddS3Compatible("Unlocked", TestS3.Endpoint!, plainBucket, "", null, _keys, null, forcePathStyle: true);
        _home.ConfigBackupJob.Update(repositoryId: plain.Id);
        Run();
        var last = Run();
        Assert.Single(last.RemovedRestorePoints);
        // Deleted by version: nothing is left of it, not even a delete marker hiding the data.
        var version = Assert.Single(TestS3.Versions(plainBucket));
        Assert.EndsWith(Path.GetFileName(last.Path!), version.Key);
    }

    [S3Fact]
    public void A_stopped_run_aborts_its_upload_and_leaves_no_object()
    {
        var bucket = TestS3.NewBucket(objectLock: true);
        _home.ConfigBackupJob.Update(repositoryId: AddS3(bucket, days: 1).Id);
        ConfigurationGenerator.Fill(_home, new GeneratorOptions { Sessions = 60_000, Passwords = 0 });
        using var stop = new CancellationTokenSource();
        var progress = new StopAt(stop, "Writing job_sessions", 50);

        var result = _home.ConfigBackupJob.Run(progress, stop.Token);

        Assert.True(progress.Stopped);
        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("BackupCanceled", result.ErrorId);
        Assert.Empty(TestS3.Versions(bucket));
        Assert.Empty(TestS3.Uploads(bucket));
    }

    [S3Fact]
    public void A_repository_that_holds_locked_points_cannot_be_removed()
    {
        var repository = AddS3(TestS3.NewBucket(objectLock: true), days: 1);
        _home.ConfigBackupJob.Update(repositoryId: repository.Id);
        Run();
        Assert.Equal("RepositoryInUse", Assert.Throws<ConfigBackupException>(() => _home.Repositories.Remove(repository.Id)).ErrorId);
        Assert.Equal("CredentialsInUse", Assert.Throws<ConfigBackupException>(() => _home.Credentials.Remove(_keys)).ErrorId);
        _home.ConfigBackupJob.Update(repositoryId: _home.Repositories.Default.Id);
        Assert.Equal("RepositoryHoldsImmutableRestorePoints", Assert.Throws<ConfigBackupException>(() => _home.Repositories.Remove(repository.Id)).ErrorId);
    }

    [S3Fact]
    public void A_connection_cut_in_the_middle_of_an_upload_fails_the_run_leaves_nothing_visible_and_the_next_run_works()
    {
        var bucket = TestS3.NewBucket(objectLock: true);
        using var proxy = new CuttingProxy(new Uri(TestS3.Endpoint!));
        _home.ConfigBackupJob.Update(repositoryId: AddS3(bucket, days: 1, endpoint: proxy.Endpoint).Id);
        ConfigurationGenerator.Fill(_home, new GeneratorOptions { Sessions = 250_000, Passwords = 0 });
        var earlier = Run();
        // The gateway "goes away" 3 MB into the next upload, and stays away through the client's retries.
        proxy.CutAfterBytes = 3 * 1024 * 1024;

        var cut = _home.ConfigBackupJob.Run();

        Assert.True(proxy.Down);
        Assert.Equal(BackupOutcome.Failed, cut.Result);
        Assert.Contains(cut.ErrorId, new[] { "S3EndpointUnreachable", "S3ServiceUnavailable" });
        Assert.Null(cut.Path);
        var versions = TestS3.Versions(bucket);
        Assert.Equal(earlier.Path, $"s3://{bucket}/{Assert.Single(versions).Key}"); // the earlier point, untouched, and nothing new
        proxy.BringUp();
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));

        var next = Run();

        Assert.Equal(2, TestS3.Versions(bucket).Count);
        // The cut run could not reach the service to abort its upload; unfinished, it is invisible, and a run aborts it
        // once it is older than S3RestorePointStore.AbandonedUploadAge (another home may be uploading a fresh one).
        Assert.True(TestS3.Uploads(bucket).Count <= 1);
        Assert.NotEqual(earlier.Path, next.Path);
    }

    [S3Fact]
    public void An_overloaded_service_is_retried_a_bounded_number_of_times_then_the_run_fails_with_its_id()
    {
        var bucket = TestS3.NewBucket(objectLock: true);
        using var proxy = new CuttingProxy(new Uri(TestS3.Endpoint!));
        _home.ConfigBackupJob.Update(repositoryId: AddS3(bucket, days: 1, endpoint: proxy.Endpoint).Id);
        proxy.Overloaded = true;
        proxy.DropConnections();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = _home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("S3ServiceUnavailable", result.ErrorId);
        // The first request and its retries (the client's MaxErrorRetry of 3), then no more: bounded, with back-off.
        Assert.InRange(proxy.SlowDowns, 2, 8);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.Empty(TestS3.Versions(bucket));
    }

    [S3Fact]
    public void Only_restore_points_in_the_repositorys_folder_are_ever_deleted_and_a_dead_unlocked_repository_can_be_unregistered()
    {
        var bucket = TestS3.NewBucket(objectLock: true);
        using (var client = TestS3.Client())
        {
            foreach (var key in new[] { "config/backups/other-data.json", "config/backups/VeeamConfigBackup/s3-server/notes.txt", "elsewhere/x.bco" })
            {
                client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "keep me" }).GetAwaiter().GetResult();
            }
        }
        var repository = AddS3(bucket);
        using (var store = _home.Repositories.OpenStore(repository))
        {
            Assert.Equal("NotARestorePointFile", Assert.ThrowsAny<ConfigBackupException>(() => RestorePointCatalog.Remove(store, $"s3://{bucket}/config/backups/other-data.json", _temp.Clock)).ErrorId);
            Assert.Equal("NotARestorePointFile", Assert.ThrowsAny<ConfigBackupException>(() => RestorePointCatalog.Remove(store, $"s3://{bucket}/config/backups/VeeamConfigBackup/s3-server/notes.txt", _temp.Clock)).ErrorId);
            Assert.Equal("RestorePointNotFound", Assert.ThrowsAny<ConfigBackupException>(() => RestorePointCatalog.Remove(store, $"s3://{bucket}/elsewhere/x.bco", _temp.Clock)).ErrorId);
        }
        Assert.Equal(3, TestS3.Versions(bucket).Count);

        // A period can be given later (the bucket has Object Lock), and taken within 1 to 999 days.
        Assert.Equal(5, _home.Repositories.SetImmutabilityPeriod(repository.Id, 5).ImmutabilityPeriod);
        Assert.Equal("InvalidImmutabilityPeriod", Assert.ThrowsAny<ConfigBackupException>(() => _home.Repositories.SetImmutabilityPeriod(repository.Id, 1000)).ErrorId);

        // An unlocked repository whose endpoint is gone can still be unregistered: this module never locked points there.
        using var proxy = new CuttingProxy(new Uri(TestS3.Endpoint!));
        var unlocked = _home.Repositories.AddS3Compatible("Through proxy", proxy.Endpoint, bucket, "proxied", null, _keys, null, forcePathStyle: true);
        proxy.CutAfterBytes = 0;
        proxy.DropConnections();
        _home.Repositories.Remove(unlocked.Id);
        Assert.DoesNotContain(_home.Repositories.List(), r => r.Id == unlocked.Id);
    }

    private sealed class StopAt(CancellationTokenSource stop, string status, int percent) : IBackupProgress
    {
        public bool Stopped { get; private set; }

        public void Report(string current, int percentComplete)
        {
            if (!Stopped && current == status && percentComplete >= percent)
            {
                Stopped = true;
                stop.Cancel();
            }
        }
    }
}
