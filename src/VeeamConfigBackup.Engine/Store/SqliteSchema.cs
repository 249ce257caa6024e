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
    ];

    public static int CurrentVersion => Migrations[^1].Version;
}
