using Microsoft.Data.Sqlite;
using VeeamConfigBackup.Engine.Errors;

using static VeeamConfigBackup.Engine.Store.StoredTime;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>The embedded configuration database: one SQLite file in the server's home.</summary>
internal sealed class SqliteConfigurationStore : IConfigurationStore
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIOError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const string BlockedUntilSetting = "password_verification_blocked_until";

    private readonly SqliteConnection _connection;
    private readonly object _gate = new();

    private SqliteConfigurationStore(string path, SqliteConnection connection, int schemaVersion)
    {
        Location = path;
        _connection = connection;
        SchemaVersion = schemaVersion;
    }

    public string EngineName => "SQLite";

    public string Location { get; }

    public int SchemaVersion { get; }

    /// <summary>
    /// Opens (or creates) the database and brings its schema up to date. A file that is not a database,
    /// another product's database, or one from a newer schema is refused before anything is written to it.
    /// </summary>
    public static SqliteConfigurationStore Open(string path) => Open(path, SqliteSchema.CurrentVersion);

    /// <summary>Opens the database migrated only up to <paramref name="version"/>: a restore stages an older restore point this way.</summary>
    public static SqliteConfigurationStore Open(string path, int version)
    {
        CreateOwnerOnlyFile(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            // Without pooling, Dispose really closes the file: a disconnected home can be moved or deleted.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            var found = ReadSchemaVersion(connection, path);
            if (found > SqliteSchema.CurrentVersion)
            {
                throw new SchemaTooNewException(found, SqliteSchema.CurrentVersion);
            }
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
            Migrate(connection, found, version);
            return new SqliteConfigurationStore(path, connection, Math.Max(found, version));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            connection.Dispose();
            throw NotRecognized(path, ex);
        }
        catch (SqliteException ex)
        {
            // A database that cannot be created or migrated on this disk (full, read-only): the same errors as any write.
            connection.Dispose();
            throw Describe(path, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CreateOwnerOnlyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // SQLite gives its -wal and -shm files the mode of the database file, so this covers them too.
            options.UnixCreateMode = Protection.PrivateDirectory.FileMode;
        }
        using var _ = new FileStream(path, options);
    }

    private static int ReadSchemaVersion(SqliteConnection connection, string path)
    {
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", null, r => r.GetString(0));
        if (tables.Count == 0)
        {
            return 0;
        }
        if (!tables.Contains("schema_version"))
        {
            throw NotRecognized(path, null);
        }
        var versions = Query(connection, "SELECT version FROM schema_version", null, r => r.GetInt32(0));
        if (versions.Count != 1)
        {
            throw NotRecognized(path, null);
        }
        return versions[0];
    }

    private static void Migrate(SqliteConnection connection, int from, int to)
    {
        foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version > from && m.Version <= to))
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, migration.Sql, tx);
            Execute(connection, migration.Version == 1
                ? "INSERT INTO schema_version (version) VALUES (1)"
                : $"UPDATE schema_version SET version = {migration.Version}", tx);
            tx.Commit();
        }
    }

    /// <summary>The database file lives inside the home, beside the key ring that protects it: nothing to tie.</summary>
    public bool BindToServer(Guid serverId) => false;

    public void ReleaseServer(Guid serverId)
    {
    }

    public ConfigBackupException DescribeFailure(Exception ex) => Describe(Location, ex);

    /// <summary>SQLite's result codes that mean the storage failed, not the content: a restore must not call them damage.</summary>
    internal static bool IsStorageFailure(SqliteException ex) =>
        ex.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIOError or SqliteFull or SqliteCantOpen;

    internal static ConfigBackupException Describe(string location, Exception ex) => ex switch
    {
        ConfigBackupException known => known,
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => new ConfigBackupException("DatabaseBusy", ErrorKind.ResourceBusy,
            $"The configuration database '{location}' is locked by another operation (a restore, say). Run again when it has finished.", ex),
        SqliteException { SqliteErrorCode: SqliteFull } => StorageFailure.DiskFull(location, ex),
        // SQLite reports a write that met a full disk (in the WAL, say) as an I/O error: the free space tells which it was.
        SqliteException { SqliteErrorCode: SqliteIOError or SqliteCantOpen } when DiskSpace.IsNearlyFull(location) => StorageFailure.DiskFull(location, ex),
        SqliteException { SqliteErrorCode: SqliteIOError or SqliteCantOpen } => StorageFailure.IOError(location, ex),
        SqliteException { SqliteErrorCode: SqliteReadOnly } => StorageFailure.ReadOnly(location, ex),
        _ => new ConfigBackupException("DatabaseError", ErrorKind.InvalidOperation, $"The configuration database '{location}' failed: {ex.Message}", ex),
    };

    private static ConfigBackupException NotRecognized(string path, Exception? inner) =>
        new("DatabaseNotRecognized", ErrorKind.InvalidData,
            $"'{path}' is not a configuration database of this product (it is damaged, or belongs to something else). It was left unchanged; restore it from a configuration backup or point to another home.",
            inner);

    public IReadOnlyList<PasswordRow> ListPasswords() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.PasswordColumns} FROM passwords ORDER BY created_utc, id", null,
            StoredRecords.Password));

    public void InsertPassword(PasswordRow p) => Locked(() => Execute(_connection,
        "INSERT INTO passwords (id, hint, description, created_utc, modified_utc, password_protected) VALUES ($id, $hint, $description, $created, $modified, $secret)",
        null, ("$id", p.Id.ToString()), ("$hint", p.Hint), ("$description", p.Description),
        ("$created", ToUnixMs(p.CreatedUtc)), ("$modified", ToUnixMs(p.ModifiedUtc)), ("$secret", p.ProtectedPassword)));

    public void UpdatePassword(PasswordRow p) => Locked(() => Execute(_connection,
        "UPDATE passwords SET hint = $hint, description = $description, modified_utc = $modified, password_protected = $secret WHERE id = $id",
        null, ("$id", p.Id.ToString()), ("$hint", p.Hint), ("$description", p.Description),
        ("$modified", ToUnixMs(p.ModifiedUtc)), ("$secret", p.ProtectedPassword)));

    public bool DeletePassword(Guid id) => Locked(() => Execute(_connection, "DELETE FROM passwords WHERE id = $id", null, ("$id", id.ToString())) > 0);

    public IReadOnlyList<string> ListPasswordUsers(Guid passwordId) => Locked(() =>
        Query(_connection, """
            SELECT $job FROM config_backup_job WHERE encryption_enabled = 1 AND encryption_password_id = $id
            UNION ALL
            SELECT name FROM jobs WHERE encryption_password_id = $id
            """, null, r => r.GetString(0), ("$id", passwordId.ToString()), ("$job", ConfigBackupJobRow.JobName)));

    public IReadOnlyList<CredentialsRow> ListCredentials() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.CredentialsColumns} FROM credentials ORDER BY created_utc, id", null,
            StoredRecords.Credentials));

    public void InsertCredentials(CredentialsRow c) => Locked(() => Execute(_connection,
        "INSERT INTO credentials (id, user_name, description, type, created_utc, modified_utc, password_protected) VALUES ($id, $user, $description, $type, $created, $modified, $secret)",
        null, ("$id", c.Id.ToString()), ("$user", c.UserName), ("$description", c.Description), ("$type", c.Type),
        ("$created", ToUnixMs(c.CreatedUtc)), ("$modified", ToUnixMs(c.ModifiedUtc)), ("$secret", c.ProtectedPassword)));

    public void UpdateCredentials(CredentialsRow c) => Locked(() => Execute(_connection,
        "UPDATE credentials SET user_name = $user, description = $description, type = $type, modified_utc = $modified, password_protected = $secret WHERE id = $id",
        null, ("$id", c.Id.ToString()), ("$user", c.UserName), ("$description", c.Description), ("$type", c.Type),
        ("$modified", ToUnixMs(c.ModifiedUtc)), ("$secret", c.ProtectedPassword)));

    public bool DeleteCredentials(Guid id) => Locked(() => Execute(_connection, "DELETE FROM credentials WHERE id = $id", null, ("$id", id.ToString())) > 0);

    public IReadOnlyList<RepositoryRow> ListRepositories() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.RepositoryColumns} FROM repositories ORDER BY is_default DESC, created_utc, id", null,
            StoredRecords.Repository));

    public void InsertRepository(RepositoryRow b) => Locked(() => Execute(_connection,
        "INSERT INTO repositories (id, name, path, type, is_default, created_utc, immutability_days, service_endpoint, bucket, folder, region, credentials_id, force_path_style) " +
        "VALUES ($id, $name, $path, $type, $default, $created, $days, $endpoint, $bucket, $folder, $region, $credentials, $pathStyle)",
        null, ("$id", b.Id.ToString()), ("$name", b.Name), ("$path", b.Path), ("$type", b.Type),
        ("$default", b.IsDefault ? 1 : 0), ("$created", ToUnixMs(b.CreatedUtc)), ("$days", b.ImmutabilityPeriod),
        ("$endpoint", b.ServiceEndpoint), ("$bucket", b.Bucket), ("$folder", b.Folder), ("$region", b.Region),
        ("$credentials", b.CredentialsId?.ToString()), ("$pathStyle", b.ForcePathStyle ? 1 : 0)));

    public void SetRepositoryImmutability(Guid id, int days) => Locked(() => Execute(_connection,
        "UPDATE repositories SET immutability_days = $days WHERE id = $id", null, ("$id", id.ToString()), ("$days", days)));

    public bool DeleteRepository(Guid id) => Locked(() => Execute(_connection, "DELETE FROM repositories WHERE id = $id", null, ("$id", id.ToString())) > 0);

    public IReadOnlyList<CertificateRow> ListCertificates() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.CertificateColumns} FROM certificates ORDER BY added_utc, id", null,
            StoredRecords.Certificate));

    public void InsertCertificate(CertificateRow c) => Locked(() => Execute(_connection,
        "INSERT INTO certificates (id, thumbprint, subject, not_before_utc, not_after_utc, certificate_der, pfx_protected, added_utc) VALUES ($id, $thumb, $subject, $nb, $na, $der, $pfx, $added)",
        null, ("$id", c.Id.ToString()), ("$thumb", c.Thumbprint), ("$subject", c.Subject), ("$nb", ToUnixMs(c.NotBeforeUtc)),
        ("$na", ToUnixMs(c.NotAfterUtc)), ("$der", c.CertificateDer), ("$pfx", c.ProtectedPfx), ("$added", ToUnixMs(c.AddedUtc))));

    public bool DeleteCertificate(Guid id) => Locked(() => Execute(_connection, "DELETE FROM certificates WHERE id = $id", null, ("$id", id.ToString())) > 0);

    public IReadOnlyList<KmsServerRow> ListKmsServers() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.KmsServerColumns} FROM kms_servers ORDER BY added_utc, id", null,
            StoredRecords.KmsServer));

    public void InsertKmsServer(KmsServerRow k) => Locked(() => Execute(_connection,
        "INSERT INTO kms_servers (id, name, address, port, description, added_utc) VALUES ($id, $name, $address, $port, $description, $added)",
        null, ("$id", k.Id.ToString()), ("$name", k.Name), ("$address", k.Address), ("$port", k.Port),
        ("$description", k.Description), ("$added", ToUnixMs(k.AddedUtc))));

    public bool DeleteKmsServer(Guid id) => Locked(() => Execute(_connection, "DELETE FROM kms_servers WHERE id = $id", null, ("$id", id.ToString())) > 0);

    public DateTimeOffset? ReserveVerificationAttempt(DateTimeOffset atUtc, DateTimeOffset windowStartUtc, int maxAttempts, DateTimeOffset blockUntilUtc) => Locked(() =>
    {
        // IMMEDIATE takes the write lock before the check: check, count and reserve are one step for every process.
        using var tx = _connection.BeginTransaction(deferred: false);
        if (BlockedUntil(tx) is { } until && until > atUtc)
        {
            tx.Commit();
            return until;
        }
        if (CountFailures(tx, windowStartUtc) >= maxAttempts)
        {
            StartBlock(tx, blockUntilUtc);
            tx.Commit();
            return blockUntilUtc;
        }
        Execute(_connection, "INSERT INTO password_verification_failures (at_utc) VALUES ($at)", tx, ("$at", ToUnixMs(atUtc)));
        tx.Commit();
        return (DateTimeOffset?)null;
    });

    public void ReleaseVerificationAttempt(DateTimeOffset atUtc) => Locked(() => Execute(_connection,
        // Reservations at one instant are alike: taking back any one of them is taking back this one.
        "DELETE FROM password_verification_failures WHERE rowid = (SELECT rowid FROM password_verification_failures WHERE at_utc = $at LIMIT 1)",
        null, ("$at", ToUnixMs(atUtc))));

    public void ConfirmVerificationFailure(DateTimeOffset windowStartUtc, int maxAttempts, DateTimeOffset blockUntilUtc) => Locked(() =>
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        if (CountFailures(tx, windowStartUtc) >= maxAttempts)
        {
            StartBlock(tx, blockUntilUtc);
        }
        tx.Commit();
    });

    public DateTimeOffset? GetVerificationBlockedUntil() => Locked(() => BlockedUntil(null));

    private DateTimeOffset? BlockedUntil(SqliteTransaction? tx)
    {
        var values = Query(_connection, "SELECT value FROM settings WHERE name = $name", tx, r => r.GetString(0), ("$name", BlockedUntilSetting));
        return values.Count == 0 ? null : FromUnixMs(long.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private int CountFailures(SqliteTransaction tx, DateTimeOffset windowStartUtc)
    {
        Execute(_connection, "DELETE FROM password_verification_failures WHERE at_utc < $start", tx, ("$start", ToUnixMs(windowStartUtc)));
        return Query(_connection, "SELECT COUNT(*) FROM password_verification_failures", tx, r => r.GetInt32(0))[0];
    }

    /// <summary>Sets the block and forgets the failures that caused it.</summary>
    private void StartBlock(SqliteTransaction tx, DateTimeOffset untilUtc)
    {
        Execute(_connection, "INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", tx,
            ("$name", BlockedUntilSetting), ("$value", ToUnixMs(untilUtc).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Execute(_connection, "DELETE FROM password_verification_failures", tx);
    }

    public ConfigBackupJobRow? GetConfigBackupJob() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.JobColumns} FROM config_backup_job", null,
            StoredRecords.Job).FirstOrDefault());

    public void SaveConfigBackupJob(ConfigBackupJobRow j) => Locked(() => Execute(_connection, """
        INSERT INTO config_backup_job (id, enabled, repository_id, restore_points_to_keep, schedule, encryption_enabled, encryption_password_id, last_run_utc, last_result, notification)
        VALUES (1, $enabled, $repo, $keep, $schedule, $enc, $pw, $last, $result, $notification)
        ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, repository_id = excluded.repository_id,
            restore_points_to_keep = excluded.restore_points_to_keep, schedule = excluded.schedule,
            encryption_enabled = excluded.encryption_enabled, encryption_password_id = excluded.encryption_password_id,
            last_run_utc = excluded.last_run_utc, last_result = excluded.last_result, notification = excluded.notification
        """, null, ("$enabled", j.Enabled ? 1 : 0), ("$repo", j.RepositoryId?.ToString()), ("$keep", j.RestorePointsToKeep),
        ("$schedule", j.ScheduleJson), ("$enc", j.EncryptionEnabled ? 1 : 0), ("$pw", j.EncryptionPasswordId?.ToString()),
        ("$last", j.LastRunUtc is { } last ? ToUnixMs(last) : null), ("$result", j.LastResult), ("$notification", j.NotificationJson)));

    public void InsertConfigBackupSession(ConfigBackupSessionRow s) => Locked(() => Execute(_connection, """
        INSERT INTO config_backup_sessions (id, start_utc, end_utc, result, path, size_bytes, encrypted, secrets_included, details, type, restore_mode, error_id)
        VALUES ($id, $start, $end, $result, $path, $size, $enc, $secrets, $details, $type, $mode, $error)
        """, null, ("$id", s.Id.ToString()), ("$start", ToUnixMs(s.StartTimeUtc)), ("$end", ToUnixMs(s.EndTimeUtc)),
        ("$result", s.Result), ("$path", s.Path), ("$size", s.SizeBytes), ("$enc", s.Encrypted ? 1 : 0),
        ("$secrets", s.SecretsIncluded ? 1 : 0), ("$details", s.Details), ("$type", s.Type), ("$mode", s.RestoreMode), ("$error", s.ErrorId)));

    public IReadOnlyList<NotificationReceiverRow> ListNotificationReceivers() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.NotificationReceiverColumns} FROM notification_receivers ORDER BY added_utc, id", null,
            StoredRecords.NotificationReceiver));

    public void InsertNotificationReceiver(NotificationReceiverRow n) => Locked(() => Execute(_connection,
        "INSERT INTO notification_receivers (id, kind, settings, credentials_id, added_utc) VALUES ($id, $kind, $settings, $credentials, $added)",
        null, ("$id", n.Id.ToString()), ("$kind", n.Kind), ("$settings", n.SettingsJson), ("$credentials", n.CredentialsId?.ToString()),
        ("$added", ToUnixMs(n.AddedUtc))));

    public void UpdateNotificationReceiver(NotificationReceiverRow n) => Locked(() => Execute(_connection,
        "UPDATE notification_receivers SET settings = $settings, credentials_id = $credentials WHERE id = $id",
        null, ("$id", n.Id.ToString()), ("$settings", n.SettingsJson), ("$credentials", n.CredentialsId?.ToString())));

    public bool DeleteNotificationReceiver(Guid id) => Locked(() =>
        Execute(_connection, "DELETE FROM notification_receivers WHERE id = $id", null, ("$id", id.ToString())) > 0);

    public IReadOnlyList<SnmpReceiverRow> ListSnmpReceivers() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.SnmpReceiverColumns} FROM snmp_receivers ORDER BY added_utc, id", null,
            StoredRecords.SnmpReceiver));

    public void ReplaceSnmpReceivers(IReadOnlyList<SnmpReceiverRow> rows) => Locked(() =>
    {
        using var tx = _connection.BeginTransaction();
        Execute(_connection, "DELETE FROM snmp_receivers", tx);
        foreach (var r in rows)
        {
            Execute(_connection, "INSERT INTO snmp_receivers (id, receiver_ip, receiver_port, community_protected, added_utc) VALUES ($id, $ip, $port, $community, $added)",
                tx, ("$id", r.Id.ToString()), ("$ip", r.ReceiverIp), ("$port", r.ReceiverPort), ("$community", r.ProtectedCommunity), ("$added", ToUnixMs(r.AddedUtc)));
        }
        tx.Commit();
    });

    public IReadOnlyList<ConfigBackupSessionRow> ListConfigBackupSessions() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.SessionColumns} FROM config_backup_sessions ORDER BY start_utc, rowid", null,
            StoredRecords.Session));

    public IStoreSnapshot OpenSnapshot() => new SqliteSnapshot(Location);

    public RecoveryKeyRow? GetRecoveryKey() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.RecoveryKeyColumns} FROM password_loss_protection", null,
            StoredRecords.RecoveryKey).FirstOrDefault());

    public void SetRecoveryKey(RecoveryKeyRow? row) => Locked(() =>
    {
        if (row is null)
        {
            Execute(_connection, "DELETE FROM password_loss_protection");
            return;
        }
        Execute(_connection, """
            INSERT INTO password_loss_protection (id, key_id, public_key, created_utc) VALUES (1, $id, $key, $created)
            ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, public_key = excluded.public_key, created_utc = excluded.created_utc
            """, null, ("$id", row.KeyId), ("$key", row.PublicKey), ("$created", ToUnixMs(row.CreatedUtc)));
    });

    public SecurityOfficerRow? GetSecurityOfficer() => Locked(() =>
        Query(_connection, $"SELECT {StoredRecords.SecurityOfficerColumns} FROM security_officer", null,
            StoredRecords.SecurityOfficer).FirstOrDefault());

    public void SetSecurityOfficer(SecurityOfficerRow row) => Locked(() => Execute(_connection, """
        INSERT INTO security_officer (id, hint, kdf_iterations, kdf_salt, key_protected, created_utc, modified_utc)
        VALUES (1, $hint, $iterations, $salt, $key, $created, $modified)
        ON CONFLICT (id) DO UPDATE SET hint = excluded.hint, kdf_iterations = excluded.kdf_iterations, kdf_salt = excluded.kdf_salt,
            key_protected = excluded.key_protected, modified_utc = excluded.modified_utc
        """, null, ("$hint", row.Hint), ("$iterations", row.KdfIterations), ("$salt", row.KdfSalt), ("$key", row.KeyProtected),
        ("$created", ToUnixMs(row.CreatedUtc)), ("$modified", ToUnixMs(row.ModifiedUtc))));

    public void BulkInsert(Archive.TableSchema table, IEnumerable<object?[]> rows) => Locked(() =>
    {
        using var tx = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table.Name} ({ExportedTables.ColumnList(table)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString(), // GUIDs are text in the database
                    var value => value,
                };
            }
            command.ExecuteNonQuery();
        }
        tx.Commit();
    });

    public IStoreImport BeginImport(IEnumerable<string> tablesToReplace)
    {
        Monitor.Enter(_gate);
        try
        {
            return new SqliteImport(_connection, tablesToReplace, () => Monitor.Exit(_gate));
        }
        catch
        {
            Monitor.Exit(_gate);
            throw;
        }
    }

    /// <summary>Each table of this database with its column names (what a staged restore checks names against).</summary>
    internal Dictionary<string, HashSet<string>> TableShapes() => Locked(() =>
    {
        var shapes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in Query(_connection, "SELECT name FROM sqlite_master WHERE type = 'table'", null, r => r.GetString(0)))
        {
            shapes[table] = Query(_connection, "SELECT name FROM pragma_table_info($t)", null, r => r.GetString(0), ("$t", table)).ToHashSet(StringComparer.Ordinal);
        }
        return shapes;
    });

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    private void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, tx, parameters);
        return command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, SqliteTransaction? tx, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, tx, parameters);
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(map(reader));
        }
        return result;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
