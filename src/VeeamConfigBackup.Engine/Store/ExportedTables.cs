using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The tables a configuration backup carries, in restore order, with engine-neutral types. Secret columns
/// name the purpose their values are protected for. Left out on purpose: schema_version (the header says it),
/// the verification throttle and settings (state of this machine, not configuration).
/// </summary>
internal static class ExportedTables
{
    private static ColumnSchema Text(string name, bool nullable = false) => new(name, ColumnType.Text, nullable);

    private static ColumnSchema Integer(string name, bool nullable = false) => new(name, ColumnType.Integer, nullable);

    private static ColumnSchema Id(string name, bool nullable = false) => new(name, ColumnType.Guid, nullable);

    private static ColumnSchema Secret(string name, SecretPurpose purpose) => new(name, ColumnType.Blob, Secret: purpose);

    public static IReadOnlyList<TableSchema> All { get; } =
    [
        new("repositories", [Id("id"), Text("name"), Text("path"), Text("type"), Integer("is_default"), Integer("created_utc"), Integer("immutability_days"),
            Text("service_endpoint", nullable: true), Text("bucket", nullable: true), Text("folder", nullable: true), Text("region", nullable: true),
            Id("credentials_id", nullable: true), Integer("force_path_style")]),
        new("passwords", [Id("id"), Text("hint"), Text("description"), Integer("created_utc"), Integer("modified_utc"),
            Secret("password_protected", SecretPurpose.PasswordManagerPassword)]),
        new("credentials", [Id("id"), Text("user_name"), Text("description"), Text("type"), Integer("created_utc"), Integer("modified_utc"),
            Secret("password_protected", SecretPurpose.CredentialsPassword)]),
        new("certificates", [Id("id"), Text("thumbprint"), Text("subject"), Integer("not_before_utc"), Integer("not_after_utc"),
            new ColumnSchema("certificate_der", ColumnType.Blob), Secret("pfx_protected", SecretPurpose.CertificatePrivateKey), Integer("added_utc")]),
        new("kms_servers", [Id("id"), Text("name"), Text("address"), Integer("port"), Text("description"), Integer("added_utc")]),
        new("managed_servers", [Id("id"), Text("name"), Text("type"), Id("credentials_id", nullable: true), Text("description"), Integer("created_utc")]),
        new("jobs", [Id("id"), Text("name"), Text("type"), Id("repository_id"), Id("encryption_password_id", nullable: true),
            Integer("enabled"), Text("schedule"), Integer("created_utc")]),
        new("config_backup_job", [Integer("id"), Integer("enabled"), Id("repository_id", nullable: true), Integer("restore_points_to_keep"),
            Text("schedule"), Integer("encryption_enabled"), Id("encryption_password_id", nullable: true),
            Integer("last_run_utc", nullable: true), Text("last_result", nullable: true), Text("notification", nullable: true)]),
        new("notification_receivers", [Id("id"), Text("kind"), Text("settings"), Id("credentials_id", nullable: true), Integer("added_utc")]),
        new("snmp_receivers", [Id("id"), Text("receiver_ip"), Integer("receiver_port"),
            Secret("community_protected", SecretPurpose.NotificationReceiverSecret), Integer("added_utc")]),
        new("password_loss_protection", [Integer("id"), Text("key_id"), new ColumnSchema("public_key", ColumnType.Blob), Integer("created_utc")]),
        new("security_officer", [Integer("id"), Text("hint"), Integer("kdf_iterations"), new ColumnSchema("kdf_salt", ColumnType.Blob),
            Secret("key_protected", SecretPurpose.SecurityOfficerKey), Integer("created_utc"), Integer("modified_utc")]),
        new("config_backup_sessions", [Id("id"), Integer("start_utc"), Integer("end_utc"), Text("result"), Text("path", nullable: true),
            Integer("size_bytes"), Integer("encrypted"), Integer("secrets_included"), Text("details"), Text("type"),
            Text("restore_mode", nullable: true), Text("error_id", nullable: true)]) { IsHistory = true },
        new("job_sessions", [Id("id"), Id("job_id"), Integer("start_utc"), Integer("end_utc", nullable: true), Text("result"),
            Integer("processed_bytes"), Integer("transferred_bytes"), Text("log")]) { IsHistory = true },
    ];

    public static TableSchema Get(string name) => All.First(t => t.Name == name);

    /// <summary>The table's columns as an SQL list, in export order (names come from this list, never from a file).</summary>
    public static string ColumnList(TableSchema table) => string.Join(", ", table.Columns.Select(c => c.Name));

    /// <summary>Every row of the table, its columns in export order.</summary>
    public static string SelectAll(TableSchema table) => $"SELECT {ColumnList(table)} FROM {table.Name}";
}
