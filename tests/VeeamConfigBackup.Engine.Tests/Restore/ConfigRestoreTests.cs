using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Restore;

public sealed class ConfigRestoreTests
{
    private const string Password = "Restore-Test-Passw0rd";

    private static (string Point, GeneratedSecrets Secrets) EncryptedBackup(ServerHome home, int sessions = 200)
    {
        var secrets = ConfigurationGenerator.Fill(home, new GeneratorOptions { Sessions = sessions });
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "restore key").Record;
        secrets.Passwords[key.Id] = Password;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        var result = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Success, result.Result);
        return (result.Path!, secrets);
    }

    private static RestoreRequest Request(string point, RestoreMode mode, string? password = Password, bool history = true) =>
        new() { Path = point, Password = password is null ? null : TestSecrets.Secure(password), Mode = mode, IncludeSessionHistory = history };

    [Fact]
    public void Migrate_into_a_new_home_brings_back_every_table_record_for_record_and_every_secret()
    {
        using var sourceTemp = new TempHome();
        using var targetTemp = new TempHome();
        using var source = sourceTemp.Open("source");
        var (point, secrets) = EncryptedBackup(source);
        var expected = TableDump.Of(source);
        using var target = targetTemp.Open("target");

        var result = ConfigRestore.Run(target, Request(point, RestoreMode.Migrate));

        Assert.True(result.SecretsRestored);
        Assert.Empty(result.RecordsNeedingSecrets);
        Assert.Equal(200, result.RecordCounts["job_sessions"]);
        // The default repository moves into the target's home; everything else is identical, secrets included.
        var defaultSource = Path.Combine(sourceTemp.Path, ServerHome.DefaultRepositoryFolder);
        var defaultTarget = Path.Combine(targetTemp.Path, ServerHome.DefaultRepositoryFolder);
        var actual = TableDump.Of(target, (table, column, value) => table == "repositories" && column == "path" && value as string == defaultTarget ? defaultSource : value);
        // The job's row and session list were captured before the run recorded itself: compared separately.
        TableDump.AssertEqual(expected, actual, "config_backup_sessions", "config_backup_job");
        var job = target.ConfigBackupJob.Get();
        Assert.True(job.EncryptionEnabled);
        Assert.Equal(source.ConfigBackupJob.Get().PasswordId, job.PasswordId);
        foreach (var (id, plain) in secrets.Credentials)
        {
            Assert.Equal(plain, TestSecrets.Plain(target.Credentials.RevealPassword(target.Credentials.Get(id))));
        }
        foreach (var (id, plain) in secrets.Passwords)
        {
            Assert.True(target.Passwords.Verify(id, TestSecrets.Secure(plain)));
        }
        Assert.Equal("target", target.Identity.Name);
    }

    [Fact]
    public void Restore_on_the_same_server_undoes_later_changes()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var (point, _) = EncryptedBackup(home, sessions: 20);
        var expected = TableDump.Of(home);
        home.KmsServers.Add("added later", "kms.example.test");
        home.Credentials.Remove(home.Credentials.List()[0].Id);
        temp.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = ConfigRestore.Run(home, Request(point, RestoreMode.Restore, history: false));

        Assert.False(result.SessionHistoryRestored);
        TableDump.AssertEqual(expected, TableDump.Of(home), "config_backup_sessions", "job_sessions", "config_backup_job");
    }

    [Fact]
    public void Restore_mode_refuses_a_point_of_another_server()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var source = a.Open("a");
        var (point, _) = EncryptedBackup(source, 1);
        using var target = b.Open("b");
        var ex = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(target, Request(point, RestoreMode.Restore)));
        Assert.Equal("RestorePointFromAnotherServer", ex.ErrorId);
    }

    [Fact]
    public void A_wrong_password_leaves_the_target_exactly_as_it_was()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var source = a.Open("a");
        var (point, _) = EncryptedBackup(source, 10);
        using var target = b.Open("b");
        ConfigurationGenerator.Fill(target, new GeneratorOptions { Sessions = 5, Seed = 9, Passwords = 1 });
        var before = TableDump.Of(target);
        var ex = Assert.Throws<WrongPasswordException>(() => ConfigRestore.Run(target, Request(point, RestoreMode.Migrate, "Not-The-Passw0rd")));
        Assert.Contains("restore key", ex.Message);
        TableDump.AssertEqual(before, TableDump.Of(target));
    }

    [Fact]
    public void Damage_late_in_the_file_rolls_back_rows_already_staged()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var source = a.Open("a");
        var (point, _) = EncryptedBackup(source, 20_000); // several chunks
        var bytes = File.ReadAllBytes(point);
        bytes[^40] ^= 0x10; // inside the last chunk, after most rows were read
        var damaged = Path.Combine(a.Path, "damaged.bco");
        File.WriteAllBytes(damaged, bytes);
        using var target = b.Open("b");
        ConfigurationGenerator.Fill(target, new GeneratorOptions { Sessions = 3, Seed = 5, Passwords = 0 });
        var before = TableDump.Of(target);
        Assert.Throws<RestorePointDamagedException>(() => ConfigRestore.Run(target, Request(damaged, RestoreMode.Migrate)));
        TableDump.AssertEqual(before, TableDump.Of(target));
        Assert.Empty(Directory.GetFiles(b.Path, ".restore-staging-*"));
    }

    [Fact]
    public void An_unencrypted_point_restores_everything_else_and_lists_what_needs_its_secret()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var source = a.Open("a");
        ConfigurationGenerator.Fill(source, new GeneratorOptions { Passwords = 0, Credentials = 3, Sessions = 4 });
        var point = source.ConfigBackupJob.Run().Path!;
        using var target = b.Open("b");
        var result = ConfigRestore.Run(target, Request(point, RestoreMode.Migrate, password: null));
        Assert.False(result.SecretsRestored);
        Assert.Equal(3, result.RecordsNeedingSecrets.Count);
        Assert.All(result.RecordsNeedingSecrets, r => Assert.Equal("Credentials", r.Type));
        var restored = target.Credentials.List();
        Assert.Equal(3, restored.Count);
        Assert.All(restored, c => Assert.False(c.HasPassword));
        var ex = Assert.Throws<ConfigBackupException>(() => target.Credentials.RevealPassword(restored[0]));
        Assert.Equal("SecretNotRestored", ex.ErrorId);
        target.Credentials.Update(restored[0].Id, null, TestSecrets.Secure("Entered-Again-1"), null, null);
        Assert.Equal("Entered-Again-1", TestSecrets.Plain(target.Credentials.RevealPassword(target.Credentials.Get(restored[0].Id))));
    }

    [Fact]
    public void WhatIf_verifies_and_reports_but_writes_nothing()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var source = a.Open("a");
        var (point, _) = EncryptedBackup(source, 30);
        using var target = b.Open("b");
        var before = TableDump.Of(target);
        var filesBefore = Directory.GetFiles(b.Path, "*", SearchOption.AllDirectories).Select(f => (f, File.GetLastWriteTimeUtc(f), new FileInfo(f).Length)).ToList();
        var result = ConfigRestore.Run(target, Request(point, RestoreMode.Migrate) with { WhatIf = true });
        Assert.True(result.WhatIf);
        Assert.Equal(30, result.RecordCounts["job_sessions"]);
        TableDump.AssertEqual(before, TableDump.Of(target));
        Assert.Equal(filesBefore, Directory.GetFiles(b.Path, "*", SearchOption.AllDirectories).Select(f => (f, File.GetLastWriteTimeUtc(f), new FileInfo(f).Length)).ToList());
    }

    [Fact]
    public void Backup_existing_takes_a_backup_first_and_refuses_when_it_cannot()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var source = a.Open("a");
        var (point, _) = EncryptedBackup(source, 5);
        using var target = b.Open("b");
        var ok = ConfigRestore.Run(target, Request(point, RestoreMode.Migrate) with { BackupExisting = true });
        Assert.NotNull(ok.ExistingConfigurationBackup);
        Assert.True(File.Exists(ok.ExistingConfigurationBackup));

        // Now the target holds passwords without encryption on its side? It has the restored job (encrypted), so
        // make a target whose own backup is blocked: passwords present, encryption off.
        using var c = new TempHome();
        using var blocked = c.Open("c");
        blocked.Passwords.Add(TestSecrets.Secure("Blocks-The-Backup-1"), "blocks");
        var before = TableDump.Of(blocked);
        var ex = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(blocked, Request(point, RestoreMode.Migrate) with { BackupExisting = true }));
        Assert.Equal("BackupExistingFailed", ex.ErrorId);
        TableDump.AssertEqual(before, TableDump.Of(blocked), "config_backup_sessions", "config_backup_job");
    }

    [Fact]
    public void The_committed_vector_restores_into_a_new_home()
    {
        using var temp = new TempHome();
        using var target = temp.Open("vector-target");
        var vector = Path.Combine(AppContext.BaseDirectory, "Vectors", "v1", "encrypted.bco");
        var result = ConfigRestore.Run(target, Request(vector, RestoreMode.Migrate, Archive.TestVectorTests.VectorPassword));
        Assert.Equal(2, target.Credentials.List().Count);
        Assert.Equal(3, result.RecordCounts["job_sessions"]);
        Assert.True(target.Passwords.Verify(target.Passwords.List().Single().Id, TestSecrets.Secure(Archive.TestVectorTests.VectorPassword)));
    }
}
