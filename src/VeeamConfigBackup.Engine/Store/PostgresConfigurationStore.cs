using System.Data;
using Npgsql;
using VeeamConfigBackup.Engine.Errors;

using static VeeamConfigBackup.Engine.Store.StoredTime;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The configuration database on a PostgreSQL server, in the connection's current schema. Same tables and
/// migrations as SQLite; secrets arrive already protected by the home's key ring, which never enters the database.
/// Each operation takes a pooled connection, so a dropped connection costs one operation, not the session.
/// </summary>
internal sealed class PostgresConfigurationStore : IConfigurationStore
{
    private const string BlockedUntilSetting = "password_verification_blocked_until";
    private const string OwnerSetting = "server_id";
    // Any fixed number: sessions opening the same new database take turns creating its tables.
    private const long MigrationLock = 0x5642_5243_4647; // "VBRCFG"

    private readonly NpgsqlDataSource _source;

    private PostgresConfigurationStore(NpgsqlDataSource source, string location, int schemaVersion)
    {
        _source = source;
        Location = location;
        SchemaVersion = schemaVersion;
    }

    public string EngineName => "PostgreSQL";

    public string Location { get; }

    public int SchemaVersion { get; }

    /// <summary>
    /// Connects and brings the schema up to date. An empty database gets the tables; a database holding
    /// other tables, or a newer schema, is refused before anything is written to it.
    /// </summary>
    /// <param name="database">Where the database is.</param>
    /// <param name="mustHoldConfiguration">
    /// True for a home that already keeps its configuration in PostgreSQL: an empty database is then refused
    /// (<c>DatabaseHoldsNoConfiguration</c>) rather than set up, so that a mistyped or new database name does not
    /// quietly show the server with no configuration at all.
    /// </param>
    public static PostgresConfigurationStore Open(PostgresDatabase database, bool mustHoldConfiguration = false)
    {
        var location = database.Describe();
        NpgsqlDataSource source;
        try
        {
            source = database.CreateDataSource();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigBackupException("InvalidConnectionString", ErrorKind.InvalidArgument,
                $"The PostgreSQL connection string ({location}) has a setting Npgsql refuses: {ex.Message}", ex);
        }
        try
        {
            NpgsqlConnection connection;
            try
            {
                connection = source.OpenConnection();
            }
            catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex))
            {
                throw PostgresErrors.Translate(ex, location, connecting: true);
            }
            using (connection)
            {
                try
                {
                    var version = Migrate(connection, location, mustHoldConfiguration);
                    return new PostgresConfigurationStore(source, location, version);
                }
                catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex))
                {
                    throw PostgresErrors.Translate(ex, location, connecting: false);
                }
            }
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static int Migrate(NpgsqlConnection connection, string location, bool mustHoldConfiguration)
    {
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "SELECT pg_advisory_xact_lock(@lock)", ("lock", MigrationLock));
        // pg_class, not information_schema: the latter lists only what this user may use, and another role's tables
        // must make the schema count as taken just the same.
        var tables = Query(connection, tx, """
            SELECT c.relname::text FROM pg_class c
            WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            """, r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        var found = 0;
        if (tables.Count == 0 && mustHoldConfiguration)
        {
            throw new ConfigBackupException("DatabaseHoldsNoConfiguration", ErrorKind.InvalidOperation,
                $"The PostgreSQL database ({location}) is empty, but this home's server keeps its configuration in PostgreSQL already: this is not its database. Connect with the connection string of the server's own database (the home records it in database.json). If that database was lost and this empty one is to replace it, delete database.json from the home, connect again with -ConnectionString, and restore the latest configuration backup with Restore-VBRConfigBackup. Nothing was written.");
        }
        if (tables.Count > 0)
        {
            found = ReadVersion(connection, tx, tables) ?? throw NotRecognized(location);
            // A schema_version of another product can look like ours: every table our migrations made up to that version must be there.
            var expected = PostgresSchema.Migrations.Where(m => m.Version <= found).SelectMany(m => PostgresSchema.TablesCreatedBy(m));
            if (!expected.All(tables.Contains))
            {
                throw NotRecognized(location);
            }
        }
        if (found > SqliteSchema.CurrentVersion)
        {
            throw new SchemaTooNewException(found, SqliteSchema.CurrentVersion);
        }
        // PostgreSQL's DDL is transactional: every step and the version that records it commit together or not at all.
        foreach (var migration in PostgresSchema.Migrations.Where(m => m.Version > found))
        {
            Execute(connection, tx, migration.Sql);
            Execute(connection, tx, migration.Version == 1
                ? "INSERT INTO schema_version (version) VALUES (1)"
                : $"UPDATE schema_version SET version = {migration.Version}");
        }
        tx.Commit();
        return Math.Max(found, SqliteSchema.CurrentVersion);
    }

    /// <summary>Our schema_version: one bigint column named version, holding one positive row; anything else is not ours (null).</summary>
    private static int? ReadVersion(NpgsqlConnection connection, NpgsqlTransaction tx, HashSet<string> tables)
    {
        if (!tables.Contains("schema_version"))
        {
            return null;
        }
        var columns = Query(connection, tx, """
            SELECT a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = to_regclass(quote_ident(current_schema()) || '.schema_version') AND a.attnum > 0 AND NOT a.attisdropped
            """, r => r.GetString(0));
        if (columns.Count != 1 || columns[0] != "version bigint")
        {
            return null;
        }
        var versions = Query(connection, tx, "SELECT version FROM schema_version LIMIT 2", r => r.GetInt64(0));
        return versions.Count == 1 && versions[0] is > 0 and <= int.MaxValue ? (int)versions[0] : null;
    }

    private static ConfigBackupException NotRecognized(string location) =>
        new("DatabaseNotRecognized", ErrorKind.InvalidData,
            $"The PostgreSQL database ({location}) holds tables that are not this product's. It was left unchanged; give an empty database, or one of this product, to connect to.");

    public bool BindToServer(Guid serverId) => Run(connection =>
    {
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "LOCK TABLE settings IN SHARE ROW EXCLUSIVE MODE");
        var owner = Query(connection, tx, "SELECT value FROM settings WHERE name = @name", r => r.GetString(0), ("name", OwnerSetting));
        var bound = owner.Count == 0;
        if (bound)
        {
            Execute(connection, tx, "INSERT INTO settings (name, value) VALUES (@name, @value)", ("name", OwnerSetting), ("value", serverId.ToString()));
        }
        else if (!string.Equals(owner[0], serverId.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            // Its secrets are protected by another home's key ring: this home could not read them, and writing would mix two servers.
            throw new ConfigBackupException("DatabaseBelongsToAnotherServer", ErrorKind.InvalidOperation,
                $"The PostgreSQL database ({Location}) holds the configuration of another server (id {owner[0]}), whose key ring is in another home. Connect that home to it, or give this server its own database. To copy a configuration between servers, use a configuration backup and Restore-VBRConfigBackup -Mode Migrate.");
        }
        tx.Commit();
        return bound;
    });

    public void ReleaseServer(Guid serverId) => Run(connection =>
        Execute(connection, null, "DELETE FROM settings WHERE name = @name AND value = @value", ("name", OwnerSetting), ("value", serverId.ToString())));

    public ConfigBackupException DescribeFailure(Exception ex) =>
        ex as ConfigBackupException ?? PostgresErrors.Translate(ex, Location, connecting: false);

    public IReadOnlyList<PasswordRow> ListPasswords() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.PasswordColumns} FROM passwords ORDER BY created_utc, id",
            StoredRecords.Password));

    public void InsertPassword(PasswordRow p) => Run(c => Execute(c, null,
        "INSERT INTO passwords (id, hint, description, created_utc, modified_utc, password_protected) VALUES (@id, @hint, @description, @created, @modified, @secret)",
        ("id", p.Id), ("hint", p.Hint), ("description", p.Description),
        ("created", ToUnixMs(p.CreatedUtc)), ("modified", ToUnixMs(p.ModifiedUtc)), ("secret", p.ProtectedPassword)));

    public void UpdatePassword(PasswordRow p) => Run(c => Execute(c, null,
        "UPDATE passwords SET hint = @hint, description = @description, modified_utc = @modified, password_protected = @secret WHERE id = @id",
        ("id", p.Id), ("hint", p.Hint), ("description", p.Description), ("modified", ToUnixMs(p.ModifiedUtc)), ("secret", p.ProtectedPassword)));

    public bool DeletePassword(Guid id) => Run(c => Execute(c, null, "DELETE FROM passwords WHERE id = @id", ("id", id)) > 0);

    public IReadOnlyList<string> ListPasswordUsers(Guid passwordId) => Run(c =>
        Query(c, null, """
            SELECT @job::text FROM config_backup_job WHERE encryption_enabled = 1 AND encryption_password_id = @id
            UNION ALL
            SELECT name FROM jobs WHERE encryption_password_id = @id
            """, r => r.GetString(0), ("id", passwordId), ("job", ConfigBackupJobRow.JobName)));

    public IReadOnlyList<CredentialsRow> ListCredentials() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.CredentialsColumns} FROM credentials ORDER BY created_utc, id",
            StoredRecords.Credentials));

    public void InsertCredentials(CredentialsRow x) => Run(c => Execute(c, null,
        "INSERT INTO credentials (id, user_name, description, type, created_utc, modified_utc, password_protected) VALUES (@id, @user, @description, @type, @created, @modified, @secret)",
        ("id", x.Id), ("user", x.UserName), ("description", x.Description), ("type", x.Type),
        ("created", ToUnixMs(x.CreatedUtc)), ("modified", ToUnixMs(x.ModifiedUtc)), ("secret", x.ProtectedPassword)));

    public void UpdateCredentials(CredentialsRow x) => Run(c => Execute(c, null,
        "UPDATE credentials SET user_name = @user, description = @description, type = @type, modified_utc = @modified, password_protected = @secret WHERE id = @id",
        ("id", x.Id), ("user", x.UserName), ("description", x.Description), ("type", x.Type),
        ("modified", ToUnixMs(x.ModifiedUtc)), ("secret", x.ProtectedPassword)));

    public bool DeleteCredentials(Guid id) => Run(c => Execute(c, null, "DELETE FROM credentials WHERE id = @id", ("id", id)) > 0);

    public IReadOnlyList<RepositoryRow> ListRepositories() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.RepositoryColumns} FROM repositories ORDER BY is_default DESC, created_utc, id",
            StoredRecords.Repository));

    public void InsertRepository(RepositoryRow b) => Run(c => Execute(c, null,
        "INSERT INTO repositories (id, name, path, type, is_default, created_utc, immutability_days, service_endpoint, bucket, folder, region, credentials_id, force_path_style) " +
        "VALUES (@id, @name, @path, @type, @default, @created, @days, @endpoint, @bucket, @folder, @region, @credentials, @pathStyle)",
        ("id", b.Id), ("name", b.Name), ("path", b.Path), ("type", b.Type), ("default", b.IsDefault ? 1L : 0L), ("created", ToUnixMs(b.CreatedUtc)),
        ("days", (long)b.ImmutabilityPeriod), ("endpoint", Typed(b.ServiceEndpoint, NpgsqlTypes.NpgsqlDbType.Text)), ("bucket", Typed(b.Bucket, NpgsqlTypes.NpgsqlDbType.Text)),
        ("folder", Typed(b.Folder, NpgsqlTypes.NpgsqlDbType.Text)), ("region", Typed(b.Region, NpgsqlTypes.NpgsqlDbType.Text)),
        ("credentials", Typed(b.CredentialsId, NpgsqlTypes.NpgsqlDbType.Uuid)), ("pathStyle", b.ForcePathStyle ? 1L : 0L)));

    public void SetRepositoryImmutability(Guid id, int days) => Run(c => Execute(c, null,
        "UPDATE repositories SET immutability_days = @days WHERE id = @id", ("id", id), ("days", (long)days)));

    public bool DeleteRepository(Guid id) => Run(c => Execute(c, null, "DELETE FROM repositories WHERE id = @id", ("id", id)) > 0);

    public IReadOnlyList<CertificateRow> ListCertificates() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.CertificateColumns} FROM certificates ORDER BY added_utc, id",
            StoredRecords.Certificate));

    public void InsertCertificate(CertificateRow x) => Run(c => Execute(c, null,
        "INSERT INTO certificates (id, thumbprint, subject, not_before_utc, not_after_utc, certificate_der, pfx_protected, added_utc) VALUES (@id, @thumb, @subject, @nb, @na, @der, @pfx, @added)",
        ("id", x.Id), ("thumb", x.Thumbprint), ("subject", x.Subject), ("nb", ToUnixMs(x.NotBeforeUtc)),
        ("na", ToUnixMs(x.NotAfterUtc)), ("der", x.CertificateDer), ("pfx", x.ProtectedPfx), ("added", ToUnixMs(x.AddedUtc))));

    public bool DeleteCertificate(Guid id) => Run(c => Execute(c, null, "DELETE FROM certificates WHERE id = @id", ("id", id)) > 0);

    public IReadOnlyList<KmsServerRow> ListKmsServers() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.KmsServerColumns} FROM kms_servers ORDER BY added_utc, id",
            StoredRecords.KmsServer));

    public void InsertKmsServer(KmsServerRow k) => Run(c => Execute(c, null,
        "INSERT INTO kms_servers (id, name, address, port, description, added_utc) VALUES (@id, @name, @address, @port, @description, @added)",
        ("id", k.Id), ("name", k.Name), ("address", k.Address), ("port", (long)k.Port), ("description", k.Description), ("added", ToUnixMs(k.AddedUtc))));

    public bool DeleteKmsServer(Guid id) => Run(c => Execute(c, null, "DELETE FROM kms_servers WHERE id = @id", ("id", id)) > 0);

    public DateTimeOffset? ReserveVerificationAttempt(DateTimeOffset atUtc, DateTimeOffset windowStartUtc, int maxAttempts, DateTimeOffset blockUntilUtc) => Run(c =>
    {
        using var tx = c.BeginTransaction();
        // The lock conflicts with itself and is taken before the check: check, count and reserve are one step for every session.
        Execute(c, tx, "LOCK TABLE password_verification_failures IN SHARE ROW EXCLUSIVE MODE");
        if (BlockedUntil(c, tx) is { } until && until > atUtc)
        {
            tx.Commit();
            return until;
        }
        if (CountFailures(c, tx, windowStartUtc) >= maxAttempts)
        {
            StartBlock(c, tx, blockUntilUtc);
            tx.Commit();
            return blockUntilUtc;
        }
        Execute(c, tx, "INSERT INTO password_verification_failures (at_utc) VALUES (@at)", ("at", ToUnixMs(atUtc)));
        tx.Commit();
        return (DateTimeOffset?)null;
    });

    public void ReleaseVerificationAttempt(DateTimeOffset atUtc) => Run(c =>
    {
        using var tx = c.BeginTransaction();
        // Under the lock, so that two releases of one instant cannot pick the same row and leave a phantom failure.
        // Reservations at one instant are alike: taking back any one of them is taking back this one.
        Execute(c, tx, "LOCK TABLE password_verification_failures IN SHARE ROW EXCLUSIVE MODE");
        Execute(c, tx, "DELETE FROM password_verification_failures WHERE ctid = (SELECT ctid FROM password_verification_failures WHERE at_utc = @at LIMIT 1)",
            ("at", ToUnixMs(atUtc)));
        tx.Commit();
    });

    public void ConfirmVerificationFailure(DateTimeOffset windowStartUtc, int maxAttempts, DateTimeOffset blockUntilUtc) => Run(c =>
    {
        using var tx = c.BeginTransaction();
        Execute(c, tx, "LOCK TABLE password_verification_failures IN SHARE ROW EXCLUSIVE MODE");
        if (CountFailures(c, tx, windowStartUtc) >= maxAttempts)
        {
            StartBlock(c, tx, blockUntilUtc);
        }
        tx.Commit();
    });

    public DateTimeOffset? GetVerificationBlockedUntil() => Run(c => BlockedUntil(c, null));

    private static DateTimeOffset? BlockedUntil(NpgsqlConnection c, NpgsqlTransaction? tx)
    {
        var values = Query(c, tx, "SELECT value FROM settings WHERE name = @name", r => r.GetString(0), ("name", BlockedUntilSetting));
        return values.Count == 0 ? null : FromUnixMs(long.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long CountFailures(NpgsqlConnection c, NpgsqlTransaction tx, DateTimeOffset windowStartUtc)
    {
        Execute(c, tx, "DELETE FROM password_verification_failures WHERE at_utc < @start", ("start", ToUnixMs(windowStartUtc)));
        return Query(c, tx, "SELECT count(*) FROM password_verification_failures", r => r.GetInt64(0))[0];
    }

    /// <summary>Sets the block and forgets the failures that caused it.</summary>
    private static void StartBlock(NpgsqlConnection c, NpgsqlTransaction tx, DateTimeOffset untilUtc)
    {
        Execute(c, tx, "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            ("name", BlockedUntilSetting), ("value", ToUnixMs(untilUtc).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Execute(c, tx, "DELETE FROM password_verification_failures");
    }

    public ConfigBackupJobRow? GetConfigBackupJob() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.JobColumns} FROM config_backup_job",
            StoredRecords.Job).FirstOrDefault());

    public void SaveConfigBackupJob(ConfigBackupJobRow j) => Run(c => Execute(c, null, """
        INSERT INTO config_backup_job (id, enabled, repository_id, restore_points_to_keep, schedule, encryption_enabled, encryption_password_id, last_run_utc, last_result, notification)
        VALUES (1, @enabled, @repo, @keep, @schedule, @enc, @pw, @last, @result, @notification)
        ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, repository_id = excluded.repository_id,
            restore_points_to_keep = excluded.restore_points_to_keep, schedule = excluded.schedule,
            encryption_enabled = excluded.encryption_enabled, encryption_password_id = excluded.encryption_password_id,
            last_run_utc = excluded.last_run_utc, last_result = excluded.last_result, notification = excluded.notification
        """, ("enabled", j.Enabled ? 1L : 0L), ("repo", Typed(j.RepositoryId, NpgsqlTypes.NpgsqlDbType.Uuid)), ("keep", (long)j.RestorePointsToKeep),
        ("schedule", j.ScheduleJson), ("enc", j.EncryptionEnabled ? 1L : 0L), ("pw", Typed(j.EncryptionPasswordId, NpgsqlTypes.NpgsqlDbType.Uuid)),
        ("last", Typed(j.LastRunUtc is { } last ? ToUnixMs(last) : null, NpgsqlTypes.NpgsqlDbType.Bigint)),
        ("result", Typed(j.LastResult, NpgsqlTypes.NpgsqlDbType.Text)), ("notification", Typed(j.NotificationJson, NpgsqlTypes.NpgsqlDbType.Text))));

    public void InsertConfigBackupSession(ConfigBackupSessionRow s) => Run(c => Execute(c, null, """
        INSERT INTO config_backup_sessions (id, start_utc, end_utc, result, path, size_bytes, encrypted, secrets_included, details, type, restore_mode, error_id)
        VALUES (@id, @start, @end, @result, @path, @size, @enc, @secrets, @details, @type, @mode, @error)
        """, ("id", s.Id), ("start", ToUnixMs(s.StartTimeUtc)), ("end", ToUnixMs(s.EndTimeUtc)),
        ("result", s.Result), ("path", Typed(s.Path, NpgsqlTypes.NpgsqlDbType.Text)), ("size", s.SizeBytes), ("enc", s.Encrypted ? 1L : 0L),
        ("secrets", s.SecretsIncluded ? 1L : 0L), ("details", s.Details), ("type", s.Type),
        ("mode", Typed(s.RestoreMode, NpgsqlTypes.NpgsqlDbType.Text)), ("error", Typed(s.ErrorId, NpgsqlTypes.NpgsqlDbType.Text))));

    public IReadOnlyList<NotificationReceiverRow> ListNotificationReceivers() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.NotificationReceiverColumns} FROM notification_receivers ORDER BY added_utc, id",
            StoredRecords.NotificationReceiver));

    public void InsertNotificationReceiver(NotificationReceiverRow n) => Run(c => Execute(c, null,
        "INSERT INTO notification_receivers (id, kind, settings, credentials_id, added_utc) VALUES (@id, @kind, @settings, @credentials, @added)",
        ("id", n.Id), ("kind", n.Kind), ("settings", n.SettingsJson), ("credentials", Typed(n.CredentialsId, NpgsqlTypes.NpgsqlDbType.Uuid)),
        ("added", ToUnixMs(n.AddedUtc))));

    public void UpdateNotificationReceiver(NotificationReceiverRow n) => Run(c => Execute(c, null,
        "UPDATE notification_receivers SET settings = @settings, credentials_id = @credentials WHERE id = @id",
        ("id", n.Id), ("settings", n.SettingsJson), ("credentials", Typed(n.CredentialsId, NpgsqlTypes.NpgsqlDbType.Uuid))));

    public bool DeleteNotificationReceiver(Guid id) => Run(c => Execute(c, null, "DELETE FROM notification_receivers WHERE id = @id", ("id", id)) > 0);

    public IReadOnlyList<SnmpReceiverRow> ListSnmpReceivers() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.SnmpReceiverColumns} FROM snmp_receivers ORDER BY added_utc, id",
            StoredRecords.SnmpReceiver));

    public void ReplaceSnmpReceivers(IReadOnlyList<SnmpReceiverRow> rows) => Run(c =>
    {
        using var tx = c.BeginTransaction();
        Execute(c, tx, "DELETE FROM snmp_receivers");
        foreach (var r in rows)
        {
            Execute(c, tx, "INSERT INTO snmp_receivers (id, receiver_ip, receiver_port, community_protected, added_utc) VALUES (@id, @ip, @port, @community, @added)",
                ("id", r.Id), ("ip", r.ReceiverIp), ("port", (long)r.ReceiverPort), ("community", r.ProtectedCommunity), ("added", ToUnixMs(r.AddedUtc)));
        }
        tx.Commit();
    });

    public IReadOnlyList<ConfigBackupSessionRow> ListConfigBackupSessions() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.SessionColumns} FROM config_backup_sessions ORDER BY start_utc, end_utc, id",
            StoredRecords.Session));

    public RecoveryKeyRow? GetRecoveryKey() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.RecoveryKeyColumns} FROM password_loss_protection",
            StoredRecords.RecoveryKey).FirstOrDefault());

    public void SetRecoveryKey(RecoveryKeyRow? row) => Run(c =>
    {
        if (row is null)
        {
            Execute(c, null, "DELETE FROM password_loss_protection");
            return;
        }
        Execute(c, null, """
            INSERT INTO password_loss_protection (id, key_id, public_key, created_utc) VALUES (1, @id, @key, @created)
            ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, public_key = excluded.public_key, created_utc = excluded.created_utc
            """, ("id", row.KeyId), ("key", row.PublicKey), ("created", ToUnixMs(row.CreatedUtc)));
    });

    public SecurityOfficerRow? GetSecurityOfficer() => Run(c =>
        Query(c, null, $"SELECT {StoredRecords.SecurityOfficerColumns} FROM security_officer",
            StoredRecords.SecurityOfficer).FirstOrDefault());

    public void SetSecurityOfficer(SecurityOfficerRow row) => Run(c => Execute(c, null, """
        INSERT INTO security_officer (id, hint, kdf_iterations, kdf_salt, key_protected, created_utc, modified_utc)
        VALUES (1, @hint, @iterations, @salt, @key, @created, @modified)
        ON CONFLICT (id) DO UPDATE SET hint = excluded.hint, kdf_iterations = excluded.kdf_iterations, kdf_salt = excluded.kdf_salt,
            key_protected = excluded.key_protected, modified_utc = excluded.modified_utc
        """, ("hint", row.Hint), ("iterations", (long)row.KdfIterations), ("salt", row.KdfSalt), ("key", row.KeyProtected),
        ("created", ToUnixMs(row.CreatedUtc)), ("modified", ToUnixMs(row.ModifiedUtc))));

    public IStoreSnapshot OpenSnapshot() => new PostgresSnapshot(Connect());

    public IStoreImport BeginImport(IEnumerable<string> tablesToReplace) => new PostgresImport(Connect(), tablesToReplace.ToList());

    public void BulkInsert(Archive.TableSchema table, IEnumerable<object?[]> rows)
    {
        try
        {
            using var import = new PostgresImport(Connect(), []);
            foreach (var row in rows)
            {
                import.Insert(table, row);
            }
            import.Commit();
        }
        catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex))
        {
            throw PostgresErrors.Translate(ex, Location, connecting: false);
        }
    }

    /// <summary>A connection of its own, for work that spans many statements (a snapshot, an import).</summary>
    private NpgsqlConnection Connect()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex))
        {
            throw PostgresErrors.Translate(ex, Location, connecting: true);
        }
    }

    public void Dispose() => _source.Dispose();

    private T Run<T>(Func<NpgsqlConnection, T> work)
    {
        using var connection = Connect();
        try
        {
            return work(connection);
        }
        catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex))
        {
            var error = PostgresErrors.Translate(ex, Location, connecting: false);
            if (error.ErrorId == "DatabaseConnectionLost")
            {
                // The pool's other idle connections were most likely cut too (a server restart): the next command starts fresh.
                _source.Clear();
            }
            throw error;
        }
    }

    private void Run(Action<NpgsqlConnection> work) => Run(c =>
    {
        work(c);
        return 0;
    });

    /// <summary>A null with its type, where PostgreSQL could not infer one (ON CONFLICT's excluded row).</summary>
    private static NpgsqlParameter Typed(object? value, NpgsqlTypes.NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, Func<NpgsqlDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(map(reader));
        }
        return result;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            if (value is NpgsqlParameter typed)
            {
                typed.ParameterName = name;
                command.Parameters.Add(typed);
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
        return command;
    }
}
