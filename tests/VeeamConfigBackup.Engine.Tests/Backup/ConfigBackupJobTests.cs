using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Backup;

public sealed class ConfigBackupJobTests
{
    private const string Password = "Job-Encryption-Passw0rd";

    [Fact]
    public void The_job_exists_with_the_products_defaults()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.ConfigBackupJob.TimeZone = TimeZoneInfo.Utc;
        var job = home.ConfigBackupJob.Get();
        Assert.True(job.Enabled);
        Assert.Equal(10, job.RestorePointsToKeep);
        Assert.Equal(home.Repositories.Default.Id, job.RepositoryId);
        Assert.Equal(ScheduleType.Daily, job.ScheduleOptions.Type);
        Assert.Equal(new TimeSpan(10, 0, 0), job.ScheduleOptions.TimeOfDay);
        Assert.False(job.EncryptionEnabled);
        // The manual clock stands at 10:00:00.123 UTC, just past today's run: the next is tomorrow at 10:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), job.NextRunUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    public void Restore_points_to_keep_is_bounded(int keep)
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var ex = Assert.Throws<ConfigBackupException>(() => home.ConfigBackupJob.Update(restorePointsToKeep: keep));
        Assert.Equal("InvalidRestorePointsToKeep", ex.ErrorId);
        Assert.Equal(10, home.ConfigBackupJob.Get().RestorePointsToKeep);
    }

    [Fact]
    public void Passwords_without_encryption_block_the_job_and_write_nothing()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.Passwords.Add(TestSecrets.Secure(Password), "hint");
        var result = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("BackupBlockedByPolicy", result.ErrorId);
        Assert.Contains(result.Warnings, w => w.RuleId == PolicyRules.PasswordsExistEncryptionOff && w.Severity == PolicySeverity.Blocking);
        Assert.Null(result.Path);
        Assert.False(Directory.Exists(Path.Combine(home.Repositories.Default.Path, RestorePointNaming.FolderName)));
        Assert.Equal(BackupOutcome.Failed, Assert.Single(home.ConfigBackupJob.Sessions()).Result);
    }

    [Fact]
    public void A_hardened_repository_without_encryption_blocks_the_job()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.Repositories.Add("immutable", Path.Combine(temp.Path, "imm"), RepositoryType.Hardened);
        var result = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Contains(result.Warnings, w => w.RuleId == PolicyRules.HardenedRepositoryEncryptionOff);
    }

    [Fact]
    public void Without_passwords_an_unencrypted_backup_runs_with_a_warning_and_leaves_every_secret_out()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var secrets = ConfigurationGenerator.Fill(home, new GeneratorOptions { Passwords = 0, Sessions = 50 });
        var result = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Warning, result.Result);
        Assert.False(result.Encrypted);
        Assert.False(result.SecretsIncluded);
        Assert.Contains(result.Warnings, w => w.RuleId == PolicyRules.EncryptionOff);
        Assert.Equal(50, result.RecordCounts["job_sessions"]);
        var bytes = File.ReadAllBytes(result.Path!);
        foreach (var secret in secrets.Credentials.Values)
        {
            Assert.False(TestSecrets.Contains(bytes, secret));
        }
        var rows = ReadTable(result.Path!, null, "credentials");
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Null(r[6]));
    }

    [Fact]
    public void An_encrypted_backup_carries_the_secrets_in_plain_form_inside_the_encryption()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var secrets = ConfigurationGenerator.Fill(home, new GeneratorOptions { Passwords = 1, Sessions = 10 });
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "job key").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        var result = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Success, result.Result);
        Assert.True(result.Encrypted);
        Assert.True(result.SecretsIncluded);
        Assert.Matches(@"test-server_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.bco$", result.Path);
        Assert.Equal(Path.Combine(home.Repositories.Default.Path, "VeeamConfigBackup", "test-server"), Path.GetDirectoryName(result.Path));
        var bytes = File.ReadAllBytes(result.Path!);
        Assert.All(secrets.Credentials.Values, s => Assert.False(TestSecrets.Contains(bytes, s)));
        var credentials = ReadTable(result.Path!, Password, "credentials");
        var plain = credentials.Select(r => System.Text.Encoding.UTF8.GetString((byte[])r[6]!)).ToHashSet();
        Assert.Subset(plain, secrets.Credentials.Values.ToHashSet());
        Assert.Equal(secrets.Credentials.Count, plain.Count);
        var passwords = ReadTable(result.Path!, Password, "passwords").Select(r => System.Text.Encoding.UTF8.GetString((byte[])r[5]!)).ToList();
        Assert.Contains(Password, passwords);
    }

    [Fact]
    public void The_password_the_job_encrypts_with_cannot_be_removed()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "job key").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        Assert.Equal([ConfigBackupJobInfo.JobName], home.Passwords.Get(key.Id).UsedBy);
        var ex = Assert.Throws<PasswordInUseException>(() => home.Passwords.Remove(key.Id));
        Assert.Equal("PasswordInUse", ex.ErrorId);
        home.ConfigBackupJob.DisableEncryption();
        home.Passwords.Remove(key.Id);
    }

    [Fact]
    public void Retention_keeps_the_newest_points_and_deletes_only_after_the_new_one_is_written()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.ConfigBackupJob.Update(restorePointsToKeep: 2);
        var paths = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var result = home.ConfigBackupJob.Run();
            Assert.NotEqual(BackupOutcome.Failed, result.Result);
            paths.Add(result.Path!);
            temp.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var folder = Path.GetDirectoryName(paths[0])!;
        File.WriteAllText(Path.Combine(folder, "notes.bco"), "not ours");
        // A point named in the future is left alone and takes no kept place.
        var future = Path.Combine(folder, "test-server_2099-01-01_00-00-00.bco");
        File.Copy(paths[^1], future);
        var next = home.ConfigBackupJob.Run();
        Assert.Contains(next.Warnings, w => w.RuleId == PolicyRules.RetentionFailed && w.Message.Contains("future"));
        Assert.True(File.Exists(future));
        File.Delete(future);
        paths.Add(next.Path!);
        var remaining = Directory.GetFiles(folder, "test-server_*.bco").Order().ToList();
        Assert.Equal(paths.TakeLast(2).Order(), remaining);
        Assert.True(File.Exists(Path.Combine(folder, "notes.bco")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void A_second_run_while_one_is_running_fails_fast()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        using (new FileStream(Path.Combine(temp.Path, ".backup.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var result = home.ConfigBackupJob.Run();
            Assert.Equal(BackupOutcome.Failed, result.Result);
            Assert.Equal("BackupAlreadyRunning", result.ErrorId);
        }
        Assert.NotEqual(BackupOutcome.Failed, home.ConfigBackupJob.Run().Result);
    }

    [Fact]
    public async Task Two_real_runs_at_once_the_second_fails_fast_and_the_first_succeeds()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "job key").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id); // the key derivation keeps the first run busy for a while
        var progress = new FirstReport();
        var first = Task.Run(() => home.ConfigBackupJob.Run(progress));
        // The first progress report comes after the lock is taken and before the key derivation (about 0.3 s).
        Assert.True(progress.Reached.Wait(TimeSpan.FromSeconds(30)));
        var second = home.ConfigBackupJob.Run();
        var firstResult = await first;
        Assert.Equal(BackupOutcome.Success, firstResult.Result);
        Assert.Equal("BackupAlreadyRunning", second.ErrorId);
        Assert.True(second.Duration < TimeSpan.FromSeconds(1));
        Assert.Single(home.ConfigBackupJob.Sessions());
    }

    private sealed class FirstReport : IBackupProgress
    {
        public ManualResetEventSlim Reached { get; } = new();

        public void Report(string status, int percentComplete) => Reached.Set();
    }

    [Fact]
    public void A_repository_that_cannot_be_written_fails_the_run_with_no_file_left()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        Directory.CreateDirectory(temp.Path);
        var blocker = Path.Combine(temp.Path, "a-file");
        File.WriteAllText(blocker, "x");
        var repo = home.Repositories.Add("broken", Path.Combine(blocker, "repo"), RepositoryType.Local);
        home.ConfigBackupJob.Update(repositoryId: repo.Id);
        var result = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("BackupBlockedByPolicy", result.ErrorId);
        Assert.Contains(result.Warnings, w => w.RuleId == PolicyRules.RepositoryNotWritable && w.Severity == PolicySeverity.Blocking);
    }

    [Fact]
    public void The_snapshot_does_not_see_writes_made_after_it_started()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.KmsServers.Add("before", "kms.example.test");
        using var snapshot = home.Store.OpenSnapshot();
        home.KmsServers.Add("after", "kms.example.test");
        Assert.Equal(1, snapshot.CountRows(ExportedTables.Get("kms_servers")));
        Assert.Single(snapshot.ReadRows(ExportedTables.Get("kms_servers")));
    }

    private static List<object?[]> ReadTable(string path, string? password, string table)
    {
        using var chars = password is null ? null : SecretChars.From(password);
        using var reader = RestorePointReader.Open(File.OpenRead(path));
        var content = reader.OpenContent(chars);
        var rows = new List<object?[]>();
        while (content.NextTable() is { } t)
        {
            while (content.NextRow() is { } row)
            {
                if (t.Name == table) rows.Add(row);
            }
        }
        return rows;
    }

    [Fact]
    public void A_target_that_is_gone_from_the_database_blocks_the_run_with_RepositoryMissing()
    {
        // No cmdlet can remove the job's target any more (RepositoryInUse); a database changed by other means still can.
        using var temp = new TempHome();
        using var home = temp.Open();
        var repository = home.Repositories.Add("Gone", Path.Combine(temp.Path, "gone"), Engine.Repositories.RepositoryType.Local);
        home.ConfigBackupJob.Update(repositoryId: repository.Id);
        Assert.Equal("RepositoryInUse", Assert.Throws<Engine.Errors.ConfigBackupException>(() => home.Repositories.Remove(repository.Id)).ErrorId);
        home.Store.DeleteRepository(repository.Id);

        var result = home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Contains(result.Warnings, w => w.RuleId == Engine.Policy.PolicyRules.RepositoryMissing);
    }
}
