using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The errors of a configuration database that could not write: the same ids on SQLite and PostgreSQL, for backup
/// and restore alike, each with what to do. A failed write is never committed, so each also says nothing changed.
/// </summary>
internal static class StorageFailure
{
    public static ConfigBackupException DiskFull(string where, Exception inner) =>
        new("DatabaseDiskFull", ErrorKind.InvalidOperation,
            $"The disk that holds the configuration database ({where}) is full, so the operation was not completed; nothing was changed.", inner)
        {
            RecommendedAction = "Free space on that disk (or move the server home or database to a larger one), then run the operation again.",
        };

    public static ConfigBackupException IOError(string where, Exception inner) =>
        new("DatabaseIOError", ErrorKind.InvalidOperation,
            $"The configuration database ({where}) could not be read or written by the operating system: {inner.Message} Nothing was changed.", inner)
        {
            RecommendedAction = "Check the disk and its file system (the system log says more), then run the operation again.",
        };

    public static ConfigBackupException ReadOnly(string where, Exception inner) =>
        new("DatabaseReadOnly", ErrorKind.PermissionDenied,
            $"The configuration database ({where}) is read-only, so the operation was not completed; nothing was changed.", inner)
        {
            RecommendedAction = "Make the database writable (the mount, the file's permissions, or PostgreSQL's default_transaction_read_only), then run the operation again.",
        };
}
