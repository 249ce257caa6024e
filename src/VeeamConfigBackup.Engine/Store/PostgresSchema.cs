namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The same schema history as <see cref="SqliteSchema"/>, step for step and version for version, in PostgreSQL's
/// dialect: the same tables and columns, ids as <c>uuid</c>, every integer as <c>bigint</c> (SQLite's integers are
/// 64-bit), blobs as <c>bytea</c>. A restore point from either engine therefore restores into the other unchanged.
/// </summary>
internal static class PostgresSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "configuration records, Password Manager, Credentials Manager", """
            CREATE TABLE schema_version (version bigint NOT NULL);
            CREATE TABLE passwords (
                id uuid PRIMARY KEY,
                hint text NOT NULL,
                description text NOT NULL,
                created_utc bigint NOT NULL,
                modified_utc bigint NOT NULL,
                password_protected bytea NOT NULL);
            CREATE TABLE credentials (
                id uuid PRIMARY KEY,
                user_name text NOT NULL,
                description text NOT NULL,
                type text NOT NULL,
                created_utc bigint NOT NULL,
                modified_utc bigint NOT NULL,
                password_protected bytea NOT NULL);
            CREATE TABLE repositories (
                id uuid PRIMARY KEY,
                name text NOT NULL UNIQUE,
                path text NOT NULL,
                type text NOT NULL,
                is_default bigint NOT NULL,
                created_utc bigint NOT NULL);
            CREATE TABLE certificates (
                id uuid PRIMARY KEY,
                thumbprint text NOT NULL UNIQUE,
                subject text NOT NULL,
                not_before_utc bigint NOT NULL,
                not_after_utc bigint NOT NULL,
                certificate_der bytea NOT NULL,
                pfx_protected bytea NOT NULL,
                added_utc bigint NOT NULL);
            CREATE TABLE kms_servers (
                id uuid PRIMARY KEY,
                name text NOT NULL UNIQUE,
                address text NOT NULL,
                port bigint NOT NULL,
                description text NOT NULL,
                added_utc bigint NOT NULL);
            CREATE TABLE password_verification_failures (at_utc bigint NOT NULL);
            CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL);
            """),
        new(2, "jobs, managed servers, session history, the configuration backup job and its sessions", """
            CREATE TABLE managed_servers (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                type text NOT NULL,
                credentials_id uuid,
                description text NOT NULL,
                created_utc bigint NOT NULL);
            CREATE TABLE jobs (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                type text NOT NULL,
                repository_id uuid NOT NULL,
                encryption_password_id uuid,
                enabled bigint NOT NULL,
                schedule text NOT NULL,
                created_utc bigint NOT NULL);
            CREATE TABLE job_sessions (
                id uuid PRIMARY KEY,
                job_id uuid NOT NULL,
                start_utc bigint NOT NULL,
                end_utc bigint,
                result text NOT NULL,
                processed_bytes bigint NOT NULL,
                transferred_bytes bigint NOT NULL,
                log text NOT NULL);
            CREATE TABLE config_backup_job (
                id bigint PRIMARY KEY CHECK (id = 1),
                enabled bigint NOT NULL,
                repository_id uuid,
                restore_points_to_keep bigint NOT NULL,
                schedule text NOT NULL,
                encryption_enabled bigint NOT NULL,
                encryption_password_id uuid,
                last_run_utc bigint,
                last_result text);
            CREATE TABLE config_backup_sessions (
                id uuid PRIMARY KEY,
                start_utc bigint NOT NULL,
                end_utc bigint NOT NULL,
                result text NOT NULL,
                path text,
                size_bytes bigint NOT NULL,
                encrypted bigint NOT NULL,
                secrets_included bigint NOT NULL,
                details text NOT NULL);
            """),
        new(3, "password loss protection (recovery public key) and the Security Officer", """
            CREATE TABLE password_loss_protection (
                id bigint PRIMARY KEY CHECK (id = 1),
                key_id text NOT NULL,
                public_key bytea NOT NULL,
                created_utc bigint NOT NULL);
            CREATE TABLE security_officer (
                id bigint PRIMARY KEY CHECK (id = 1),
                hint text NOT NULL,
                kdf_iterations bigint NOT NULL,
                kdf_salt bytea NOT NULL,
                key_protected bytea NOT NULL,
                created_utc bigint NOT NULL,
                modified_utc bigint NOT NULL);
            """),
        new(4, "the immutability period of hardened repositories", """
            ALTER TABLE repositories ADD COLUMN immutability_days bigint NOT NULL DEFAULT 0;
            UPDATE repositories SET immutability_days = 7 WHERE type = 'Hardened';
            """),
        new(5, "S3-compatible object storage repositories", """
            ALTER TABLE repositories ADD COLUMN service_endpoint text;
            ALTER TABLE repositories ADD COLUMN bucket text;
            ALTER TABLE repositories ADD COLUMN folder text;
            ALTER TABLE repositories ADD COLUMN region text;
            ALTER TABLE repositories ADD COLUMN credentials_id uuid;
            ALTER TABLE repositories ADD COLUMN force_path_style bigint NOT NULL DEFAULT 0;
            """),
        new(6, "notification receivers, the job's notification options, restore sessions", """
            CREATE TABLE notification_receivers (
                id uuid PRIMARY KEY,
                kind text NOT NULL,
                settings text NOT NULL,
                credentials_id uuid,
                added_utc bigint NOT NULL);
            CREATE TABLE snmp_receivers (
                id uuid PRIMARY KEY,
                receiver_ip text NOT NULL,
                receiver_port bigint NOT NULL,
                community_protected bytea NOT NULL,
                added_utc bigint NOT NULL);
            ALTER TABLE config_backup_job ADD COLUMN notification text;
            ALTER TABLE config_backup_sessions ADD COLUMN type text NOT NULL DEFAULT 'Backup';
            ALTER TABLE config_backup_sessions ADD COLUMN restore_mode text;
            ALTER TABLE config_backup_sessions ADD COLUMN error_id text;
            """),
    ];

    /// <summary>The tables a migration creates (read from its own SQL, so the list cannot drift from it).</summary>
    public static IEnumerable<string> TablesCreatedBy(SchemaMigration migration) =>
        System.Text.RegularExpressions.Regex.Matches(migration.Sql, @"CREATE TABLE (\w+)").Select(m => m.Groups[1].Value);
}
