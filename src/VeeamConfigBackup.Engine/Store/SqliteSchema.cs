namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The schema's history for SQLite. Versions only grow; a released migration is never edited, only followed
/// by a new one. Times are Unix milliseconds (UTC) and ids are text GUIDs so the logical export is engine-neutral.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "configuration records, Password Manager, Credentials Manager", """
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE passwords (
                id TEXT PRIMARY KEY,
                hint TEXT NOT NULL,
                description TEXT NOT NULL,
                created_utc INTEGER NOT NULL,
                modified_utc INTEGER NOT NULL,
                password_protected BLOB NOT NULL);
            CREATE TABLE credentials (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL,
                description TEXT NOT NULL,
                type TEXT NOT NULL,
                created_utc INTEGER NOT NULL,
                modified_utc INTEGER NOT NULL,
                password_protected BLOB NOT NULL);
            CREATE TABLE repositories (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                path TEXT NOT NULL,
                type TEXT NOT NULL,
                is_default INTEGER NOT NULL,
                created_utc INTEGER NOT NULL);
            CREATE TABLE certificates (
                id TEXT PRIMARY KEY,
                thumbprint TEXT NOT NULL UNIQUE,
                subject TEXT NOT NULL,
                not_before_utc INTEGER NOT NULL,
                not_after_utc INTEGER NOT NULL,
                certificate_der BLOB NOT NULL,
                pfx_protected BLOB NOT NULL,
                added_utc INTEGER NOT NULL);
            CREATE TABLE kms_servers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                address TEXT NOT NULL,
                port INTEGER NOT NULL,
                description TEXT NOT NULL,
                added_utc INTEGER NOT NULL);
            CREATE TABLE password_verification_failures (at_utc INTEGER NOT NULL);
            CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """),
        new(2, "jobs, managed servers, session history, the configuration backup job and its sessions", """
            CREATE TABLE managed_servers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                credentials_id TEXT,
                description TEXT NOT NULL,
                created_utc INTEGER NOT NULL);
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                repository_id TEXT NOT NULL,
                encryption_password_id TEXT,
                enabled INTEGER NOT NULL,
                schedule TEXT NOT NULL,
                created_utc INTEGER NOT NULL);
            CREATE TABLE job_sessions (
                id TEXT PRIMARY KEY,
                job_id TEXT NOT NULL,
                start_utc INTEGER NOT NULL,
                end_utc INTEGER,
                result TEXT NOT NULL,
                processed_bytes INTEGER NOT NULL,
                transferred_bytes INTEGER NOT NULL,
                log TEXT NOT NULL);
            CREATE TABLE config_backup_job (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                enabled INTEGER NOT NULL,
                repository_id TEXT,
                restore_points_to_keep INTEGER NOT NULL,
                schedule TEXT NOT NULL,
                encryption_enabled INTEGER NOT NULL,
                encryption_password_id TEXT,
                last_run_utc INTEGER,
                last_result TEXT);
            CREATE TABLE config_backup_sessions (
                id TEXT PRIMARY KEY,
                start_utc INTEGER NOT NULL,
                end_utc INTEGER NOT NULL,
                result TEXT NOT NULL,
                path TEXT,
                size_bytes INTEGER NOT NULL,
                encrypted INTEGER NOT NULL,
                secrets_included INTEGER NOT NULL,
                details TEXT NOT NULL);
            """),
        new(3, "password loss protection (recovery public key) and the Security Officer", """
            CREATE TABLE password_loss_protection (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                key_id TEXT NOT NULL,
                public_key BLOB NOT NULL,
                created_utc INTEGER NOT NULL);
            CREATE TABLE security_officer (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                hint TEXT NOT NULL,
                kdf_iterations INTEGER NOT NULL,
                kdf_salt BLOB NOT NULL,
                key_protected BLOB NOT NULL,
                created_utc INTEGER NOT NULL,
                modified_utc INTEGER NOT NULL);
            """),
        new(4, "the immutability period of hardened repositories", """
            ALTER TABLE repositories ADD COLUMN immutability_days INTEGER NOT NULL DEFAULT 0;
            UPDATE repositories SET immutability_days = 7 WHERE type = 'Hardened';
            """),
        new(5, "S3-compatible object storage repositories", """
            ALTER TABLE repositories ADD COLUMN service_endpoint TEXT;
            ALTER TABLE repositories ADD COLUMN bucket TEXT;
            ALTER TABLE repositories ADD COLUMN folder TEXT;
            ALTER TABLE repositories ADD COLUMN region TEXT;
            ALTER TABLE repositories ADD COLUMN credentials_id TEXT;
            ALTER TABLE repositories ADD COLUMN force_path_style INTEGER NOT NULL DEFAULT 0;
            """),
        new(6, "notification receivers, the job's notification options, restore sessions", """
            CREATE TABLE notification_receivers (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                settings TEXT NOT NULL,
                credentials_id TEXT,
                added_utc INTEGER NOT NULL);
            CREATE TABLE snmp_receivers (
                id TEXT PRIMARY KEY,
                receiver_ip TEXT NOT NULL,
                receiver_port INTEGER NOT NULL,
                community_protected BLOB NOT NULL,
                added_utc INTEGER NOT NULL);
            ALTER TABLE config_backup_job ADD COLUMN notification TEXT;
            ALTER TABLE config_backup_sessions ADD COLUMN type TEXT NOT NULL DEFAULT 'Backup';
            ALTER TABLE config_backup_sessions ADD COLUMN restore_mode TEXT;
            ALTER TABLE config_backup_sessions ADD COLUMN error_id TEXT;
            """),
    ];

    public static int CurrentVersion => Migrations[^1].Version;
}
