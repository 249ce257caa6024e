using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Tests.Support;
using ZstdSharp;

namespace VeeamConfigBackup.Engine.Tests.Restore;

/// <summary>Restore points made by someone else, to harm: anyone can make an unencrypted one.</summary>
public sealed class HostileRestorePointTests
{
    private static string WriteUnencrypted(string folder, int schema, Guid serverId, Action<ContentWriter> content)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.bco");
        using var output = File.Create(path);
        using var writer = RestorePointWriter.Begin(output, new RestorePointHeader
        {
            ServerName = "x", ServerId = serverId, CreationTimeUtc = DateTimeOffset.UtcNow, ProductVersion = "0", SchemaVersion = schema,
        }, null);
        content(writer.Content);
        writer.Complete();
        return path;
    }

    [Fact]
    public void Table_names_that_carry_SQL_are_refused_and_reach_no_database()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var before = TableDump.Of(home);
        var evil = "kms_servers (id) VALUES ('x'); DELETE FROM repositories; --";
        var point = WriteUnencrypted(Path.Combine(temp.Path, "in"), 1, home.Identity.Id, c =>
        {
            c.BeginTable(new TableSchema(evil, [new ColumnSchema("id", ColumnType.Text)]));
            c.WriteRow(["x"]);
            c.EndTable();
        });
        Assert.Throws<RestorePointDamagedException>(() => ConfigRestore.Run(home, new RestoreRequest { Path = point }));
        TableDump.AssertEqual(before, TableDump.Of(home));
    }

    [Fact]
    public void An_unencrypted_point_given_with_a_password_is_refused()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var point = home.ConfigBackupJob.Run().Path!;
        var ex = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(home, new RestoreRequest { Path = point, Password = TestSecrets.Secure("I-Expected-Encryption-1") }));
        Assert.Equal("RestorePointNotEncrypted", ex.ErrorId);
    }

    [Fact]
    public void A_small_file_cannot_make_the_reader_take_gigabytes()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        // A row of 200 byte strings of 1 MiB each: every value is under the per-value limit, the row is not.
        var point = WriteUnencrypted(temp.Path, 3, Guid.NewGuid(), c =>
        {
            c.BeginTable(new TableSchema("t", Enumerable.Range(0, 200).Select(i => new ColumnSchema($"c{i}", ColumnType.Blob)).ToList()));
            c.WriteRow(Enumerable.Range(0, 200).Select(_ => (object?)new byte[1024 * 1024]).ToArray());
            c.EndTable();
        });
        Assert.True(new FileInfo(point).Length < 200_000, "zeros compress: the file is small");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = RestorePointVerifier.Verify(point, (System.Security.SecureString?)null);
        Assert.False(result.Valid);
        Assert.Equal("RestorePointDamaged", result.ErrorId);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100L * 1024 * 1024);
    }

    [Fact]
    public void An_older_schema_point_that_declares_a_secret_column_as_a_plain_blob_is_damage()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var before = TableDump.Of(home);
        // Schema 1's passwords table, its secret column declared as an ordinary blob so that "secrets: false" does not catch it.
        var point = WriteUnencrypted(Path.Combine(temp.Path, "in"), 1, home.Identity.Id, c =>
        {
            c.BeginTable(new TableSchema("passwords",
            [
                new ColumnSchema("id", ColumnType.Guid), new ColumnSchema("hint", ColumnType.Text), new ColumnSchema("description", ColumnType.Text),
                new ColumnSchema("created_utc", ColumnType.Integer), new ColumnSchema("modified_utc", ColumnType.Integer),
                new ColumnSchema("password_protected", ColumnType.Blob),
            ]));
            c.WriteRow([Guid.NewGuid(), "planted", "", 0L, 0L, "planted-plain-secret"u8.ToArray()]);
            c.EndTable();
        });

        var ex = Assert.Throws<RestorePointDamagedException>(() => ConfigRestore.Run(home, new RestoreRequest { Path = point }));
        Assert.Contains("passwords", ex.Message);
        TableDump.AssertEqual(before, TableDump.Of(home));
    }

    [Fact]
    public void Texts_of_an_unencrypted_point_are_restored_with_control_characters_escaped()
    {
        using var sourceTemp = new TempHome();
        using var targetTemp = new TempHome();
        string point;
        using (var source = sourceTemp.Open("source"))
        {
            source.Credentials.Add("svc", TestSecrets.Secure("Cred-Passw0rd-1"), Engine.Credentials.CredentialsType.Linux, "owned\u001b]0;title\u0007\u001b[2J");
            point = source.ConfigBackupJob.Run().Path!;
        }
        using var target = targetTemp.Open("target");
        ConfigRestore.Run(target, new RestoreRequest { Path = point, Mode = RestoreMode.Migrate });

        var restored = Assert.Single(target.Credentials.List());
        Assert.Equal("owned\\u001B]0;title\\u0007\\u001B[2J", restored.Description);
    }
}
