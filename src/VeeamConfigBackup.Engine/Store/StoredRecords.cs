using System.Data.Common;
using static VeeamConfigBackup.Engine.Store.StoredTime;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// How each record is read back from its table, the same for every database engine: one column list and one
/// mapping per record, so SQLite and PostgreSQL cannot drift apart. Ids are text in SQLite and uuid in PostgreSQL;
/// integers are 64-bit in both.
/// </summary>
internal static class StoredRecords
{
    public const string PasswordColumns = "id, hint, description, created_utc, modified_utc, password_protected";

    public const string CredentialsColumns = "id, user_name, description, type, created_utc, modified_utc, password_protected";

    public const string RepositoryColumns = "id, name, path, type, is_default, created_utc, immutability_days, service_endpoint, bucket, folder, region, credentials_id, force_path_style";

    public const string CertificateColumns = "id, thumbprint, subject, not_before_utc, not_after_utc, certificate_der, pfx_protected, added_utc";

    public const string KmsServerColumns = "id, name, address, port, description, added_utc";

    public const string JobColumns = "enabled, repository_id, restore_points_to_keep, schedule, encryption_enabled, encryption_password_id, last_run_utc, last_result, notification";

    public const string SessionColumns = "id, start_utc, end_utc, result, path, size_bytes, encrypted, secrets_included, details, type, restore_mode, error_id";

    public const string NotificationReceiverColumns = "id, kind, settings, credentials_id, added_utc";

    public const string SnmpReceiverColumns = "id, receiver_ip, receiver_port, community_protected, added_utc";

    public const string RecoveryKeyColumns = "key_id, public_key, created_utc";

    public const string SecurityOfficerColumns = "hint, kdf_iterations, kdf_salt, key_protected, created_utc, modified_utc";

    public static PasswordRow Password(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        Hint = r.GetString(1),
        Description = r.GetString(2),
        CreatedUtc = FromUnixMs(r.GetInt64(3)),
        ModifiedUtc = FromUnixMs(r.GetInt64(4)),
        ProtectedPassword = (byte[])r.GetValue(5),
    };

    public static CredentialsRow Credentials(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        UserName = r.GetString(1),
        Description = r.GetString(2),
        Type = r.GetString(3),
        CreatedUtc = FromUnixMs(r.GetInt64(4)),
        ModifiedUtc = FromUnixMs(r.GetInt64(5)),
        ProtectedPassword = (byte[])r.GetValue(6),
    };

    public static RepositoryRow Repository(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        Name = r.GetString(1),
        Path = r.GetString(2),
        Type = r.GetString(3),
        IsDefault = r.GetInt64(4) != 0,
        CreatedUtc = FromUnixMs(r.GetInt64(5)),
        ImmutabilityPeriod = checked((int)r.GetInt64(6)),
        ServiceEndpoint = r.IsDBNull(7) ? null : r.GetString(7),
        Bucket = r.IsDBNull(8) ? null : r.GetString(8),
        Folder = r.IsDBNull(9) ? null : r.GetString(9),
        Region = r.IsDBNull(10) ? null : r.GetString(10),
        CredentialsId = r.IsDBNull(11) ? null : Id(r, 11),
        ForcePathStyle = r.GetInt64(12) != 0,
    };

    public static CertificateRow Certificate(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        Thumbprint = r.GetString(1),
        Subject = r.GetString(2),
        NotBeforeUtc = FromUnixMs(r.GetInt64(3)),
        NotAfterUtc = FromUnixMs(r.GetInt64(4)),
        CertificateDer = (byte[])r.GetValue(5),
        ProtectedPfx = (byte[])r.GetValue(6),
        AddedUtc = FromUnixMs(r.GetInt64(7)),
    };

    public static KmsServerRow KmsServer(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        Name = r.GetString(1),
        Address = r.GetString(2),
        Port = checked((int)r.GetInt64(3)),
        Description = r.GetString(4),
        AddedUtc = FromUnixMs(r.GetInt64(5)),
    };

    public static ConfigBackupJobRow Job(DbDataReader r) => new()
    {
        Enabled = r.GetInt64(0) != 0,
        RepositoryId = OptionalId(r, 1),
        RestorePointsToKeep = checked((int)r.GetInt64(2)),
        ScheduleJson = r.GetString(3),
        EncryptionEnabled = r.GetInt64(4) != 0,
        EncryptionPasswordId = OptionalId(r, 5),
        LastRunUtc = r.IsDBNull(6) ? null : FromUnixMs(r.GetInt64(6)),
        LastResult = r.IsDBNull(7) ? null : r.GetString(7),
        NotificationJson = r.IsDBNull(8) ? null : r.GetString(8),
    };

    public static ConfigBackupSessionRow Session(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        StartTimeUtc = FromUnixMs(r.GetInt64(1)),
        EndTimeUtc = FromUnixMs(r.GetInt64(2)),
        Result = r.GetString(3),
        Path = r.IsDBNull(4) ? null : r.GetString(4),
        SizeBytes = r.GetInt64(5),
        Encrypted = r.GetInt64(6) != 0,
        SecretsIncluded = r.GetInt64(7) != 0,
        Details = r.GetString(8),
        Type = r.GetString(9),
        RestoreMode = r.IsDBNull(10) ? null : r.GetString(10),
        ErrorId = r.IsDBNull(11) ? null : r.GetString(11),
    };

    public static NotificationReceiverRow NotificationReceiver(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        Kind = r.GetString(1),
        SettingsJson = r.GetString(2),
        CredentialsId = OptionalId(r, 3),
        AddedUtc = FromUnixMs(r.GetInt64(4)),
    };

    public static SnmpReceiverRow SnmpReceiver(DbDataReader r) => new()
    {
        Id = Id(r, 0),
        ReceiverIp = r.GetString(1),
        ReceiverPort = checked((int)r.GetInt64(2)),
        ProtectedCommunity = (byte[])r.GetValue(3),
        AddedUtc = FromUnixMs(r.GetInt64(4)),
    };

    public static RecoveryKeyRow RecoveryKey(DbDataReader r) =>
        new(r.GetString(0), (byte[])r.GetValue(1), FromUnixMs(r.GetInt64(2)));

    public static SecurityOfficerRow SecurityOfficer(DbDataReader r) =>
        new(r.GetString(0), checked((int)r.GetInt64(1)), (byte[])r.GetValue(2), (byte[])r.GetValue(3), FromUnixMs(r.GetInt64(4)), FromUnixMs(r.GetInt64(5)));

    /// <summary>A row of an exported table as engine-neutral values (long, string, Guid, byte[] or null).</summary>
    public static object?[] Row(DbDataReader r, Archive.TableSchema table)
    {
        var row = new object?[table.Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = r.IsDBNull(i) ? null : table.Columns[i].Type switch
            {
                Archive.ColumnType.Integer => r.GetInt64(i),
                Archive.ColumnType.Text => r.GetString(i),
                Archive.ColumnType.Guid => Id(r, i),
                _ => (byte[])r.GetValue(i),
            };
        }
        return row;
    }

    /// <summary>An id column: a uuid where the engine has the type (PostgreSQL), text otherwise (SQLite).</summary>
    private static Guid Id(DbDataReader r, int column) =>
        r.GetFieldType(column) == typeof(Guid) ? r.GetGuid(column) : Guid.Parse(r.GetString(column));

    private static Guid? OptionalId(DbDataReader r, int column) => r.IsDBNull(column) ? null : Id(r, column);
}
