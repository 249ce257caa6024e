using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Postgres;

/// <summary>Backup and restore between SQLite and PostgreSQL, and what a failure in the middle leaves behind.</summary>
public sealed class PostgresMigrationTests
{
    private const string Password = "Pg-Migrate-Passw0rd-2026";

    private static GeneratedSecrets FillAndEncrypt(ServerHome home, int sessions)
    {
        var secrets = ConfigurationGenerator.Fill(home, new GeneratorOptions { Sessions = sessions });
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "migration key").Record;
        secrets.Passwords[key.Id] = Password;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        return secrets;
    }

    private static string Backup(ServerHome home)
    {
        var result = home.ConfigBackupJob.Run();
        Assert.True(result.Result == BackupOutcome.Success, result.Error);
        return result.Path!;
    }

    /// <summary>An encrypted restore point of a generated SQLite server (made in <paramref name="sourceTemp"/>).</summary>
    private static string GeneratedPoint(TempHome sourceTemp, int sessions)
    {
        using var source = sourceTemp.Open("source");
        FillAndEncrypt(source, sessions);
        return Backup(source);
    }

    private static RestoreRequest Migrate(string point) =>
        new() { Path = point, Password = TestSecrets.Secure(Password), Mode = RestoreMode.Migrate, IncludeSessionHistory = true };

    /// <summary>A table dump where the target's default repository path reads as the source's (a migrate moves it into the new home).</summary>
    private static Dictionary<string, List<string>> DumpAs(ServerHome home, ServerHome source) =>
        TableDump.Of(home, (table, column, value) =>
            table == "repositories" && column == "path" && value as string == Path.Combine(home.Path, ServerHome.DefaultRepositoryFolder)
                ? Path.Combine(source.Path, ServerHome.DefaultRepositoryFolder) : value);

    private static void AssertCredentialsUsable(ServerHome home, GeneratedSecrets secrets)
    {
        foreach (var (id, plain) in secrets.Credentials)
        {
            Assert.Equal(plain, TestSecrets.Plain(home.Credentials.RevealPassword(home.Credentials.Get(id))));
        }
        foreach (var (id, plain) in secrets.Passwords)
        {
            Assert.True(home.Passwords.Verify(id, TestSecrets.Secure(plain)));
        }
    }

    [PostgresFact]
    public void SQLite_to_PostgreSQL_and_back_is_identical_in_every_table_and_keeps_credentials_usable()
    {
        using var db = new TempPostgresDatabase();
        using var sqliteTemp = new TempHome();
        using var pgTemp = new TempHome();
        using var backTemp = new TempHome();
        using var sqlite = sqliteTemp.Open("on-sqlite");
        var secrets = FillAndEncrypt(sqlite, sessions: 3_000);
        // Taken before the run: a restore point holds the database as it was when the run's snapshot began.
        var original = TableDump.Of(sqlite);
        var fromSqlite = Backup(sqlite);

        using var pg = pgTemp.Open(db.Database, "on-postgres");
        var toPg = ConfigRestore.Run(pg, Migrate(fromSqlite));

        Assert.Equal(3_000, toPg.RecordCounts["job_sessions"]);
        var onPg = DumpAs(pg, sqlite);
        TableDump.AssertEqual(original, onPg);
        Assert.Equal(original.Keys.Order(), onPg.Keys.Order());
        Assert.Equal(ExportedTables.All.Count, original.Count);
        AssertCredentialsUsable(pg, secrets);

        var beforePgBackup = TableDump.Of(pg);
        var fromPg = Backup(pg);
        using var back = backTemp.Open("back-on-sqlite");
        ConfigRestore.Run(back, Migrate(fromPg));

        TableDump.AssertEqual(beforePgBackup, DumpAs(back, pg));
        // And so, apart from the default repository's folder, back where it started.
        TableDump.AssertEqual(original, DumpAs(back, sqlite));
        AssertCredentialsUsable(back, secrets);
    }

    [PostgresFact]
    public void A_damaged_restore_point_changes_nothing_in_PostgreSQL()
    {
        using var db = new TempPostgresDatabase();
        using var sourceTemp = new TempHome();
        using var pgTemp = new TempHome();
        var point = GeneratedPoint(sourceTemp, sessions: 5_000);
        var bytes = File.ReadAllBytes(point);
        bytes[^40] ^= 0x01; // in the last chunk: most rows are already copied when it is found
        File.WriteAllBytes(point, bytes);
        using var pg = pgTemp.Open(db.Database, "target");
        pg.KmsServers.Add("kept", "kms.example.test");
        var before = TableDump.Of(pg);

        Assert.Throws<RestorePointDamagedException>(() => ConfigRestore.Run(pg, Migrate(point)));

        TableDump.AssertEqual(before, TableDump.Of(pg));
    }

    [PostgresFact]
    public void A_value_PostgreSQL_cannot_hold_fails_the_migration_cleanly_and_changes_nothing()
    {
        using var db = new TempPostgresDatabase();
        using var sourceTemp = new TempHome();
        using var pgTemp = new TempHome();
        string point;
        using (var source = sourceTemp.Open("source"))
        {
            FillAndEncrypt(source, sessions: 100);
            // SQLite text may hold U+0000; PostgreSQL text may not.
            source.KmsServers.Add("kms-nul", "kms.example.test", description: "before\0after");
            point = Backup(source);
        }
        using var pg = pgTemp.Open(db.Database, "target");
        pg.KmsServers.Add("kept", "kms.example.test");
        var before = TableDump.Of(pg);

        var error = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(pg, Migrate(point)));

        Assert.Equal("DatabaseError", error.ErrorId);
        Assert.DoesNotContain("before", error.Message); // row values stay out of messages
        TableDump.AssertEqual(before, TableDump.Of(pg));
    }

    [PostgresFact]
    public void A_dropped_connection_in_the_middle_of_a_restore_leaves_the_database_as_it_was()
    {
        using var db = new TempPostgresDatabase();
        using var sourceTemp = new TempHome();
        using var pgTemp = new TempHome();
        var point = GeneratedPoint(sourceTemp, sessions: 60_000);
        using var pg = pgTemp.Open(db.Database, "target");
        pg.KmsServers.Add("kept", "kms.example.test");
        var before = TableDump.Of(pg);
        var dropper = new DropOnProgress(db, "Restoring job_sessions");

        var error = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(pg, Migrate(point), dropper));

        Assert.Equal(1, dropper.Terminated);
        Assert.Equal("DatabaseConnectionLost", error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Kind);
        TableDump.AssertEqual(before, TableDump.Of(pg));
    }

    [PostgresFact]
    public void A_dropped_connection_in_the_middle_of_a_backup_fails_it_and_leaves_no_restore_point()
    {
        using var db = new TempPostgresDatabase();
        using var sourceTemp = new TempHome();
        using var pgTemp = new TempHome();
        var point = GeneratedPoint(sourceTemp, sessions: 60_000);
        using var pg = pgTemp.Open(db.Database, "pg");
        ConfigRestore.Run(pg, Migrate(point));
        var folder = pg.Repositories.List().Single(r => r.IsDefault).Path;
        var dropper = new DropOnProgress(db, "Writing job_sessions");

        var result = pg.ConfigBackupJob.Run(dropper);

        Assert.Equal(1, dropper.Terminated);
        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.Equal("DatabaseConnectionLost", result.ErrorId);
        Assert.Null(result.Path);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
        // The server goes on working, and the failed run is on record.
        Assert.Equal(BackupOutcome.Failed, pg.ConfigBackupJob.Sessions().Last(s => s.Type == SessionType.Backup).Result);
        Assert.Equal(BackupOutcome.Success, pg.ConfigBackupJob.Run().Result);
    }

    /// <summary>Ends the database connection that holds a transaction open (the snapshot or the import) at the first matching progress report.</summary>
    private sealed class DropOnProgress(TempPostgresDatabase db, string status) : IBackupProgress
    {
        public int Terminated { get; private set; }

        public void Report(string current, int percentComplete)
        {
            if (Terminated == 0 && current == status)
            {
                Terminated = db.TerminateTransactions();
            }
        }
    }
}
