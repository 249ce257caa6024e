using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Restore;

/// <summary>
/// A restore point of schema version 1 restores into the current schema through the store's own forward
/// migrations. No released version wrote schema-1 restore points (backups came with schema 2), so the point
/// is written here in schema 1's shape: its tables and columns as migration 1 created them, ids as text.
/// </summary>
public sealed class OlderSchemaRestoreTests
{
    private const string Password = "Schema-One-Passw0rd";

    private static ColumnSchema T(string name) => new(name, ColumnType.Text);

    private static ColumnSchema I(string name) => new(name, ColumnType.Integer);

    [Fact]
    public void A_schema_1_restore_point_is_migrated_forward_into_the_current_schema()
    {
        using var temp = new TempHome();
        RestoreSchema1Point(temp, () => temp.Open("new-server"));
    }

    [PostgresFact]
    public void A_schema_1_restore_point_is_migrated_forward_into_a_PostgreSQL_server()
    {
        using var db = new TempPostgresDatabase();
        using var temp = new TempHome();
        RestoreSchema1Point(temp, () => temp.Open(db.Database, "new-server"));
    }

    /// <summary>Writes a schema-1 point into the home's folder, restores it into the server <paramref name="open"/> gives, and checks it all came.</summary>
    private static void RestoreSchema1Point(TempHome temp, Func<Engine.Server.ServerHome> open)
    {
        Directory.CreateDirectory(temp.Path);
        var point = Path.Combine(temp.Path, "schema1.bco");
        var credentialId = Guid.NewGuid();
        var passwordId = Guid.NewGuid();
        using (var output = File.Create(point))
        using (var chars = SecretChars.From(Password))
        using (var writer = RestorePointWriter.Begin(output, new RestorePointHeader
        {
            ServerName = "old-server", ServerId = Guid.NewGuid(), CreationTimeUtc = DateTimeOffset.UtcNow,
            ProductVersion = "0.0.1", SchemaVersion = 1, PasswordHint = "schema one",
        }, chars))
        {
            var content = writer.Content;
            content.BeginTable(new TableSchema("repositories", [T("id"), T("name"), T("path"), T("type"), I("is_default"), I("created_utc")]));
            content.WriteRow([Guid.NewGuid().ToString(), "Default Backup Repository", "/old/home/Backups", "Local", 1L, 0L]);
            content.EndTable();
            content.BeginTable(new TableSchema("passwords", [T("id"), T("hint"), T("description"), I("created_utc"), I("modified_utc"),
                new ColumnSchema("password_protected", ColumnType.Blob, Secret: SecretPurpose.PasswordManagerPassword)]));
            content.WriteRow([passwordId.ToString(), "schema one", "", 0L, 0L, System.Text.Encoding.UTF8.GetBytes(Password)]);
            content.EndTable();
            content.BeginTable(new TableSchema("credentials", [T("id"), T("user_name"), T("description"), T("type"), I("created_utc"), I("modified_utc"),
                new ColumnSchema("password_protected", ColumnType.Blob, Secret: SecretPurpose.CredentialsPassword)]));
            content.WriteRow([credentialId.ToString(), "old-admin", "", "Linux", 0L, 0L, "Old-Cred-Passw0rd"u8.ToArray()]);
            content.EndTable();
            content.BeginTable(new TableSchema("kms_servers", [T("id"), T("name"), T("address"), I("port"), T("description"), I("added_utc")]));
            content.WriteRow([Guid.NewGuid().ToString(), "old-kms", "kms.example.test", 5696L, "", 0L]);
            content.EndTable();
            writer.Complete();
        }

        using var target = open();
        var result = ConfigRestore.Run(target, new RestoreRequest { Path = point, Password = TestSecrets.Secure(Password), Mode = RestoreMode.Migrate });

        Assert.Equal(1, result.SourceSchemaVersion);
        Assert.Equal(SqliteSchema.CurrentVersion, target.Describe().SchemaVersion);
        Assert.Equal("old-admin", target.Credentials.Get(credentialId).UserName);
        Assert.Equal("Old-Cred-Passw0rd", TestSecrets.Plain(target.Credentials.RevealPassword(target.Credentials.Get(credentialId))));
        Assert.True(target.Passwords.Verify(passwordId, TestSecrets.Secure(Password)));
        Assert.Equal("old-kms", Assert.Single(target.KmsServers.List()).Name);
        Assert.Equal(Path.Combine(temp.Path, "Backups"), target.Repositories.Default.Path);
        Assert.True(target.ConfigBackupJob.Get().Enabled); // schema 2's job row, made fresh by the migration
        Assert.Empty(Directory.GetFiles(temp.Path, ".restore-staging-*"));
    }
}
