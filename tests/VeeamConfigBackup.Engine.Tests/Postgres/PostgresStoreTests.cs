using Microsoft.Data.Sqlite;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Postgres;

/// <summary>The configuration database on a real PostgreSQL server: schema, records, secrets, snapshot, bad input.</summary>
public sealed class PostgresStoreTests
{
    [PostgresFact]
    public void An_empty_database_gets_the_same_tables_and_columns_as_SQLite_at_the_same_schema_version()
    {
        using var db = new TempPostgresDatabase();
        using var pgTemp = new TempHome();
        using var sqliteTemp = new TempHome();
        using (var pg = pgTemp.Open(db.Database))
        using (var sqlite = sqliteTemp.Open())
        {
            Assert.Equal("PostgreSQL", pg.Describe().DatabaseEngine);
            Assert.Equal(sqlite.Describe().SchemaVersion, pg.Describe().SchemaVersion);
        }
        var pgColumns = TestPostgres.Query(
            "SELECT table_name::text || '.' || column_name::text FROM information_schema.columns WHERE table_schema = 'public'", db.Name, r => r.GetString(0));
        var sqliteColumns = new List<string>();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(sqliteTemp.Path, ServerHome.DatabaseFile)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                sqliteColumns.Add(reader.GetString(0));
            }
        }
        Assert.Equal(sqliteColumns.Order(StringComparer.Ordinal), pgColumns.Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public void Records_live_in_the_database_and_the_home_finds_it_again_without_keeping_its_password()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        Guid credentialsId;
        using (var home = temp.Open(db.Database))
        {
            home.Passwords.Add(TestSecrets.Secure("Pg-Store-Passw0rd-1"), "pg hint");
            credentialsId = home.Credentials.Add("admin", TestSecrets.Secure("Pg-Cred-Secret-77"), Engine.Credentials.CredentialsType.Linux, "pg creds").Id;
            home.KmsServers.Add("kms", "kms.example.test");
        }
        Assert.False(File.Exists(Path.Combine(temp.Path, ServerHome.DatabaseFile)));
        // The scram password of the test server is in no file of the home; the home still names the database.
        Assert.DoesNotContain(temp.AllFiles(), f => TestSecrets.Contains(f.Bytes, db.Password));
        var recorded = ServerHome.RecordedDatabase(temp.Path);
        Assert.NotNull(recorded);
        Assert.Contains(db.Name, recorded!.ConnectionString);

        using var again = ServerHome.Open(temp.Path, recorded.WithCredential(null, Secrets.SecretChars.From(db.Password)), "test-server", temp.Clock);
        Assert.Equal("PostgreSQL", again.Describe().DatabaseEngine);
        Assert.DoesNotContain("Password", again.Describe().DatabaseLocation, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pg hint", Assert.Single(again.Passwords.List()).Hint);
        Assert.Equal("Pg-Cred-Secret-77", TestSecrets.Plain(again.Credentials.RevealPassword(again.Credentials.Get(credentialsId))));
        Assert.Single(again.KmsServers.List());
    }

    [PostgresFact]
    public void Secrets_are_only_protected_in_the_database_and_the_key_ring_stays_in_the_home()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        const string password = "Pg-Plain-Never-Stored-42";
        const string credential = "Pg-Cred-Never-Stored-43";
        using (var home = temp.Open(db.Database))
        {
            home.Passwords.Add(TestSecrets.Secure(password), "hint");
            home.Credentials.Add("svc", TestSecrets.Secure(credential), Engine.Credentials.CredentialsType.Linux);
        }
        // Every value of every table, as PostgreSQL's text form of the row (bytea as hex) and as raw bytes.
        var tables = TestPostgres.Query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", db.Name, r => r.GetString(0));
        foreach (var table in tables)
        {
            var rows = TestPostgres.Query($"SELECT t::text FROM {table} t", db.Name, r => r.GetString(0));
            foreach (var row in rows)
            {
                Assert.DoesNotContain(password, row);
                Assert.DoesNotContain(credential, row);
                Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(password)), row, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.Unicode.GetBytes(credential)), row, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("<key ", row); // a Data Protection key element
            }
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(temp.Path, ServerHome.KeyRingFolder), "key-*.xml"));
    }

    [PostgresFact]
    public void A_snapshot_sees_the_database_as_it_was_when_it_was_opened()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using var home = temp.Open(db.Database);
        home.KmsServers.Add("before", "kms1.example.test");
        var kms = ExportedTables.Get("kms_servers");
        using var snapshot = home.Store.OpenSnapshot();
        home.KmsServers.Add("after", "kms2.example.test");

        Assert.Equal(1, snapshot.CountRows(kms));
        var names = snapshot.ReadRowsInPlace(kms).Select(r => System.Text.Encoding.UTF8.GetString(r.GetText(1))).ToList();
        Assert.Equal(["before"], names);
        Assert.Equal(2, home.KmsServers.List().Count);
    }

    [PostgresFact]
    public void An_unreachable_server_is_a_clear_error_and_leaves_no_home_behind()
    {
        using var temp = new TempHome();
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var database = PostgresDatabase.Parse("Host=127.0.0.1;Port=1;Database=none;Username=nobody;Timeout=5");

        var error = Assert.Throws<ConfigBackupException>(() => temp.Open(database));

        Assert.Equal("DatabaseUnreachable", error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Kind);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.False(Directory.Exists(temp.Path));
    }

    [PostgresFact]
    public void Wrong_credentials_are_refused_without_echoing_the_password_and_leave_no_home()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        const string wrong = "Not-The-Right-Pa55word";
        var database = PostgresDatabase.Parse(db.ConnectionString, null, Secrets.SecretChars.From(wrong));

        var error = Assert.Throws<ConfigBackupException>(() => temp.Open(database));

        Assert.Equal("DatabaseAuthenticationFailed", error.ErrorId);
        Assert.DoesNotContain(wrong, error.ToString());
        Assert.DoesNotContain(db.Password, error.ToString());
        Assert.False(Directory.Exists(temp.Path));
    }

    [PostgresFact]
    public void A_missing_password_is_an_authentication_error_that_says_to_give_one()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        var withoutPassword = PostgresDatabase.Parse(db.ConnectionString).WithCredential(null, null);

        var error = Assert.Throws<ConfigBackupException>(() => temp.Open(withoutPassword));

        Assert.True(error.ErrorId == "DatabaseAuthenticationFailed", error.ToString());
        Assert.Contains("-Credential", error.Message);
    }

    [PostgresFact]
    public void A_database_with_another_products_tables_is_refused_and_left_unchanged()
    {
        using var db = new TempPostgresDatabase();
        TestPostgres.Execute("CREATE TABLE customers (id integer PRIMARY KEY, name text); INSERT INTO customers VALUES (1, 'Contoso')", db.Name);
        using var temp = new TempHome();

        var error = Assert.Throws<ConfigBackupException>(() => temp.Open(db.Database));

        Assert.Equal("DatabaseNotRecognized", error.ErrorId);
        Assert.Equal(["customers"], TestPostgres.Query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", db.Name, r => r.GetString(0)));
        Assert.Equal(["1|Contoso"], TestPostgres.Query("SELECT id || '|' || name FROM customers", db.Name, r => r.GetString(0)));
        Assert.False(Directory.Exists(temp.Path));
    }

    [PostgresFact]
    public void A_database_tied_to_another_server_is_refused()
    {
        using var db = new TempPostgresDatabase();
        using var firstTemp = new TempHome();
        using var secondTemp = new TempHome();
        using (var first = firstTemp.Open(db.Database, "first"))
        {
            first.KmsServers.Add("kms", "kms.example.test");
        }

        var error = Assert.Throws<ConfigBackupException>(() => secondTemp.Open(db.Database, "second"));

        Assert.Equal("DatabaseBelongsToAnotherServer", error.ErrorId);
        Assert.False(Directory.Exists(secondTemp.Path));
        using var again = firstTemp.Open(db.Database, "first");
        Assert.Single(again.KmsServers.List());
    }

    [PostgresFact]
    public void A_home_on_SQLite_is_not_switched_to_PostgreSQL_by_connecting()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using (var home = temp.Open())
        {
            home.KmsServers.Add("kms", "kms.example.test");
        }

        var error = Assert.Throws<ConfigBackupException>(() => temp.Open(db.Database));

        Assert.Equal("HomeUsesSqlite", error.ErrorId);
        Assert.False(File.Exists(Path.Combine(temp.Path, "database.json")));
        Assert.Empty(TestPostgres.Query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", db.Name, r => r.GetString(0)));
        using var sqlite = temp.Open();
        Assert.Single(sqlite.KmsServers.List());
    }

    [Fact]
    public void A_connection_string_that_cannot_be_read_is_refused_without_repeating_it()
    {
        var error = Assert.Throws<ConfigBackupException>(() => PostgresDatabase.Parse("Host=db;Password=Secret-In-String-9;Bogus Key=1"));

        Assert.Equal("InvalidConnectionString", error.ErrorId);
        Assert.DoesNotContain("Secret-In-String-9", error.ToString());
    }

    [Fact]
    public void Passwords_in_the_connection_string_are_used_but_never_kept_or_shown()
    {
        var database = PostgresDatabase.Parse("Host=db.example.test;Database=vbr;Username=vbr;Password=Pw-In-String-1;SSL Password=Key-Pw-In-String-2");

        Assert.True(database.PasswordWasInConnectionString);
        foreach (var shown in new[] { database.ConnectionString, database.Describe() })
        {
            Assert.DoesNotContain("Pw-In-String-1", shown);
            Assert.DoesNotContain("Key-Pw-In-String-2", shown);
        }
        Assert.Equal("Host=db.example.test;Port=5432;Database=vbr;Username=vbr", database.Describe());
        var withCredential = database.WithCredential("other", Secrets.SecretChars.From("Cred-Pw-3"));
        Assert.DoesNotContain("Cred-Pw-3", withCredential.ConnectionString);
        Assert.Contains("other", withCredential.Describe());
    }

    [PostgresFact]
    public void A_schema_version_table_of_another_product_is_not_taken_for_ours()
    {
        using var db = new TempPostgresDatabase();
        // Flyway-like: a schema_version table, but a text version and none of our tables.
        TestPostgres.Execute("CREATE TABLE schema_version (version text NOT NULL); INSERT INTO schema_version VALUES ('4.2')", db.Name);
        using var temp = new TempHome();

        Assert.Equal("DatabaseNotRecognized", Assert.Throws<ConfigBackupException>(() => temp.Open(db.Database)).ErrorId);

        TestPostgres.Execute("DROP TABLE schema_version; CREATE TABLE schema_version (version bigint NOT NULL); INSERT INTO schema_version VALUES (2)", db.Name);
        Assert.Equal("DatabaseNotRecognized", Assert.Throws<ConfigBackupException>(() => temp.Open(db.Database)).ErrorId);
        Assert.Equal(["schema_version"], TestPostgres.Query("SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'", db.Name, r => r.GetString(0)));
    }

    [PostgresFact]
    public void A_backup_that_starts_during_a_restore_waits_for_it_and_never_sees_emptied_tables()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using var home = temp.Open(db.Database);
        home.KmsServers.Add("old", "kms1.example.test");
        var kms = ExportedTables.Get("kms_servers");
        var replacement = home.Store.ListKmsServers()[0];

        var import = home.Store.BeginImport(["kms_servers"]);
        import.Insert(kms, [Guid.NewGuid(), "new", replacement.Address, (long)replacement.Port, "", 0L]);
        var backup = Task.Run(() =>
        {
            using var snapshot = home.Store.OpenSnapshot();
            return snapshot.ReadRows(kms).Select(r => (string)r[1]!).ToList();
        });
        Assert.False(backup.Wait(TimeSpan.FromSeconds(1)), "the snapshot should wait for the restore's lock");
        import.Commit();
        import.Dispose();

        Assert.Equal(["new"], backup.Result);
    }

    [PostgresFact]
    public void An_import_rebuilds_the_keys_it_set_aside_and_duplicate_ids_roll_it_all_back()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using var home = temp.Open(db.Database);
        home.KmsServers.Add("kept", "kms.example.test");
        const string keys = "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace";
        var before = TestPostgres.Query(keys, db.Name, r => r.GetString(0)).Order().ToList();
        var kms = ExportedTables.Get("kms_servers");

        using (var import = home.Store.BeginImport(ExportedTables.All.Select(t => t.Name)))
        {
            import.Insert(kms, [Guid.NewGuid(), "replaced", "kms.example.test", 5696L, "", 0L]);
            import.Commit();
        }
        Assert.Equal(before, TestPostgres.Query(keys, db.Name, r => r.GetString(0)).Order().ToList());
        Assert.Contains("kms_servers PRIMARY KEY (id)", before);

        var duplicate = Guid.NewGuid();
        using (var import = home.Store.BeginImport(["kms_servers"]))
        {
            import.Insert(kms, [duplicate, "one", "a.example.test", 5696L, "", 0L]);
            import.Insert(kms, [duplicate, "two", "b.example.test", 5696L, "", 0L]);
            Assert.ThrowsAny<Npgsql.PostgresException>(() => import.Commit());
        }
        Assert.Equal("replaced", Assert.Single(home.KmsServers.List()).Name);
        Assert.Equal(before, TestPostgres.Query(keys, db.Name, r => r.GetString(0)).Order().ToList());
    }

    [PostgresFact]
    public void A_home_on_PostgreSQL_is_not_quietly_moved_to_an_empty_database()
    {
        using var db = new TempPostgresDatabase();
        using var empty = new TempPostgresDatabase();
        using var temp = new TempHome();
        using (var home = temp.Open(db.Database))
        {
            home.KmsServers.Add("kms", "kms.example.test");
        }
        var recorded = File.ReadAllText(Path.Combine(temp.Path, "database.json"));

        var error = Assert.Throws<ConfigBackupException>(() => temp.Open(empty.Database));

        Assert.Equal("DatabaseHoldsNoConfiguration", error.ErrorId);
        Assert.Empty(TestPostgres.Query("SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace", empty.Name, r => r.GetString(0)));
        Assert.Equal(recorded, File.ReadAllText(Path.Combine(temp.Path, "database.json")));
        using var again = temp.Open(db.Database);
        Assert.Single(again.KmsServers.List());
    }

    [PostgresFact]
    public void A_damaged_database_json_stops_a_plain_reconnect_but_not_one_that_names_the_database()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using (var home = temp.Open(db.Database))
        {
            home.KmsServers.Add("kms", "kms.example.test");
        }
        var location = Path.Combine(temp.Path, "database.json");
        File.WriteAllText(location, "{ not json");

        Assert.Equal("HomeNotRecognized", Assert.Throws<ConfigBackupException>(() => ServerHome.Open(temp.Path, "test-server", temp.Clock)).ErrorId);

        using var again = temp.Open(db.Database);
        Assert.Single(again.KmsServers.List());
        Assert.Equal(db.Database.ConnectionString, ServerHome.RecordedDatabase(temp.Path)!.ConnectionString);
    }

    [PostgresFact]
    public void A_password_file_that_others_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // file modes are a Unix matter; CI runs on Linux
        }
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        var passfile = Path.Combine(Path.GetTempPath(), $"vbr-pgpass-{Guid.NewGuid():N}");
        File.WriteAllText(passfile, $"*:*:*:*:{db.Password}\n");
        File.SetUnixFileMode(passfile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var database = PostgresDatabase.Parse(db.ConnectionString + $";Passfile={passfile}").WithCredential(null, null);

            Assert.Equal("PasswordFileNotPrivate", Assert.Throws<ConfigBackupException>(() => temp.Open(database)).ErrorId);

            File.SetUnixFileMode(passfile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var home = temp.Open(database);
            Assert.Equal("PostgreSQL", home.Describe().DatabaseEngine);
        }
        finally
        {
            File.Delete(passfile);
        }
    }

    [PostgresFact]
    public void A_backup_whose_database_is_gone_is_a_failed_run_with_the_database_error()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using var home = temp.Open(db.Database);
        var key = home.Passwords.Add(TestSecrets.Secure("Pg-Gone-Passw0rd-1"), "gone").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        TestPostgres.Execute($"DROP DATABASE {db.Name} WITH (FORCE)");

        var result = home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Failed, result.Result);
        Assert.True(result.ErrorId is "DatabaseNotFound" or "DatabaseConnectionLost", result.ErrorId);
        Assert.Null(result.Path);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.bco", SearchOption.AllDirectories));
    }

    [PostgresFact]
    public void Failed_password_checks_are_counted_in_the_database_across_sessions()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using var home = temp.Open(db.Database);
        var id = home.Passwords.Add(TestSecrets.Secure("Pg-Throttle-Passw0rd"), "throttle").Record.Id;

        for (var i = 0; i < 15; i++)
        {
            Assert.False(home.Passwords.Verify(id, TestSecrets.Secure("wrong-" + i)));
        }

        Assert.ThrowsAny<ConfigBackupException>(() => home.Passwords.Verify(id, TestSecrets.Secure("Pg-Throttle-Passw0rd")));
        Assert.NotNull(home.Store.GetVerificationBlockedUntil());
    }

    [PostgresFact]
    public void A_restore_into_a_read_only_database_is_DatabaseReadOnly_and_changes_nothing()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        string point;
        Dictionary<string, List<string>> before;
        using (var home = temp.Open(db.Database))
        {
            home.KmsServers.Add("kms-before", "kms.example.test");
            point = home.ConfigBackupJob.Run().Path!;
            home.KmsServers.Add("kms-after", "kms.example.test");
            before = TableDump.Of(home);
        }
        TestPostgres.Execute($"ALTER DATABASE {db.Name} SET default_transaction_read_only = on");
        try
        {
            // A new session of the server: its connections are new, and get the setting.
            using var readOnly = temp.Open(db.Database);
            var ex = Assert.ThrowsAny<ConfigBackupException>(() => Engine.Restore.ConfigRestore.Run(readOnly, new Engine.Restore.RestoreRequest { Path = point }));
            Assert.Equal("DatabaseReadOnly", ex.ErrorId);
            Assert.Contains("default_transaction_read_only", ex.RecommendedAction);
        }
        finally
        {
            TestPostgres.Execute($"ALTER DATABASE {db.Name} SET default_transaction_read_only = off");
        }
        using var after = temp.Open(db.Database);
        TableDump.AssertEqual(before, TableDump.Of(after));
    }

    [PostgresFact]
    public void Racing_sessions_get_no_more_than_fifteen_comparisons_between_them()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        Guid id;
        using (var home = temp.Open(db.Database))
        {
            id = home.Passwords.Add(TestSecrets.Secure("Pg-Throttle-Passw0rd"), "throttle").Record.Id;
        }
        Assert.Equal(Engine.Passwords.VerificationThrottle.MaxFailures, Passwords.RacingVerifications.WrongGuessesCompared(() => temp.Open(db.Database), id));
    }

    [PostgresFact]
    public void A_backup_of_a_PostgreSQL_server_records_its_session_there()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        using var home = temp.Open(db.Database);
        var key = home.Passwords.Add(TestSecrets.Secure("Pg-Backup-Passw0rd-1"), "pg backup").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id);

        var result = home.ConfigBackupJob.Run();

        Assert.Equal(BackupOutcome.Success, result.Result);
        Assert.True(File.Exists(result.Path));
        Assert.Equal(result.Path, Assert.Single(home.ConfigBackupJob.Sessions()).Path);
    }
}
