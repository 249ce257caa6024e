using Microsoft.Data.Sqlite;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Server;

public sealed class ServerHomeTests
{
    [Fact]
    public void A_new_home_gets_an_identity_a_database_and_a_default_repository()
    {
        using var temp = new TempHome();
        using (var home = temp.Open("srv-a"))
        {
            Assert.Equal("srv-a", home.Identity.Name);
            var session = home.Describe();
            Assert.Equal("SQLite", session.DatabaseEngine);
            Assert.Equal(SqliteSchema.CurrentVersion, session.SchemaVersion);
            var repository = Assert.Single(home.Repositories.List());
            Assert.True(repository.IsDefault);
            Assert.Equal(RepositoryType.Local, repository.Type);
            Assert.Equal(Path.Combine(temp.Path, ServerHome.DefaultRepositoryFolder), repository.Path);
        }
        Assert.True(File.Exists(Path.Combine(temp.Path, ServerHome.DatabaseFile)));
        Assert.True(File.Exists(Path.Combine(temp.Path, "server.json")));
    }

    [Fact]
    public void Reopening_a_home_keeps_its_identity_and_records()
    {
        using var temp = new TempHome();
        Guid id;
        using (var home = temp.Open())
        {
            id = home.Identity.Id;
            home.KmsServers.Add("kms", "kms.example.test");
        }
        using (var again = ServerHome.Open(temp.Path, serverName: null, temp.Clock))
        {
            Assert.Equal(id, again.Identity.Id);
            Assert.Single(again.KmsServers.List());
            Assert.Single(again.Repositories.List());
        }
    }

    [Fact]
    public void Two_homes_are_two_servers()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        using var homeA = a.Open("one");
        using var homeB = b.Open("two");
        Assert.NotEqual(homeA.Identity.Id, homeB.Identity.Id);
        homeA.KmsServers.Add("kms", "kms.example.test");
        Assert.Empty(homeB.KmsServers.List());
    }

    [Fact]
    public void Another_server_name_for_an_existing_home_is_refused()
    {
        using var temp = new TempHome();
        temp.Open("first").Dispose();
        var ex = Assert.Throws<ConfigBackupException>(() => temp.Open("second"));
        Assert.Equal("ServerNameMismatch", ex.ErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    public void Unsafe_server_names_are_refused(string name)
    {
        using var temp = new TempHome();
        var ex = Assert.Throws<ConfigBackupException>(() => temp.Open(name));
        Assert.Equal("InvalidServerName", ex.ErrorId);
        Assert.False(Directory.Exists(temp.Path));
    }

    [Fact]
    public void Home_folder_key_ring_and_files_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes; on Windows the key ring is protected with DPAPI instead.
        }
        using var temp = new TempHome();
        using (var home = temp.Open())
        {
            home.Passwords.Add(TestSecrets.Secure("Correct-Horse-42"), "a hint");
        }
        const UnixFileMode ownerOnlyDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(ownerOnlyDir, File.GetUnixFileMode(temp.Path));
        var keys = Path.Combine(temp.Path, ServerHome.KeyRingFolder);
        Assert.Equal(ownerOnlyDir, File.GetUnixFileMode(keys));
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles);
        foreach (var file in Directory.GetFiles(temp.Path).Concat(keyFiles))
        {
            Assert.True((File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) == 0, $"{file} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public void A_home_path_below_a_file_cannot_be_created()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        var file = Path.Combine(temp.Path, "plain-file");
        File.WriteAllText(file, "x");
        var ex = Assert.Throws<ConfigBackupException>(() => ServerHome.Open(Path.Combine(file, "home")));
        Assert.Equal("HomeNotWritable", ex.ErrorId);
    }

    [Fact]
    public void A_home_that_is_a_file_is_refused()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        var file = Path.Combine(temp.Path, "plain-file");
        File.WriteAllText(file, "x");
        var ex = Assert.Throws<ConfigBackupException>(() => ServerHome.Open(file));
        Assert.Equal("InvalidHomePath", ex.ErrorId);
    }

    [Fact]
    public void A_read_only_home_folder_is_reported_not_writable()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // root writes through Unix modes; the Pester suite covers a read-only location for root
        }
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var ex = Assert.Throws<ConfigBackupException>(() => ServerHome.Open(temp.Path));
            Assert.Equal("HomeNotWritable", ex.ErrorId);
        }
        finally
        {
            File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_database_file_that_is_not_a_database_is_refused_and_left_unchanged()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        var db = Path.Combine(temp.Path, ServerHome.DatabaseFile);
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(db, garbage);
        var ex = Assert.Throws<ConfigBackupException>(() => temp.Open());
        Assert.Equal("DatabaseNotRecognized", ex.ErrorId);
        Assert.Equal(garbage, File.ReadAllBytes(db));
        Assert.False(File.Exists(db + "-wal"));
    }

    [Fact]
    public void Another_products_database_is_refused_and_left_unchanged()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        var db = Path.Combine(temp.Path, ServerHome.DatabaseFile);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x');";
            cmd.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(db);
        var ex = Assert.Throws<ConfigBackupException>(() => temp.Open());
        Assert.Equal("DatabaseNotRecognized", ex.ErrorId);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void A_database_from_a_newer_schema_is_refused_and_left_unchanged()
    {
        using var temp = new TempHome();
        using (var home = temp.Open())
        {
            home.KmsServers.Add("kms", "kms.example.test");
        }
        var db = Path.Combine(temp.Path, ServerHome.DatabaseFile);
        var future = SqliteSchema.CurrentVersion + 1;
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"UPDATE schema_version SET version = {future}; PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(db);
        var ex = Assert.Throws<SchemaTooNewException>(() => temp.Open());
        Assert.Equal("DatabaseSchemaTooNew", ex.ErrorId);
        Assert.Equal(future, ex.FoundVersion);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void An_empty_database_file_is_created_at_the_current_schema()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        File.WriteAllBytes(Path.Combine(temp.Path, ServerHome.DatabaseFile), []);
        using var home = temp.Open();
        Assert.Equal(SqliteSchema.CurrentVersion, home.Describe().SchemaVersion);
    }

    [Fact]
    public void A_database_at_an_older_schema_is_migrated_forward_and_keeps_its_records()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        var db = Path.Combine(temp.Path, ServerHome.DatabaseFile);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = SqliteSchema.Migrations[0].Sql + """
                INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO kms_servers (id, name, address, port, description, added_utc) VALUES ('6f9619ff-8b86-d011-b42d-00c04fc964ff', 'old', 'kms.example.test', 5696, '', 0);
                """;
            cmd.ExecuteNonQuery();
        }
        using var home = temp.Open();
        Assert.Equal(SqliteSchema.CurrentVersion, home.Describe().SchemaVersion);
        Assert.True(SqliteSchema.CurrentVersion > 1);
        Assert.Equal("old", Assert.Single(home.KmsServers.List()).Name);
        Assert.True(home.ConfigBackupJob.Get().Enabled); // a table of schema 2 is there and usable
    }
}
