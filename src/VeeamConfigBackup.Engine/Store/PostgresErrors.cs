using System.Net.Sockets;
using Npgsql;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// Turns what Npgsql throws into the module's errors with stable ids. Messages name the server, never a
/// password, and never a row's values (only PostgreSQL's own message text, without its detail).
/// </summary>
internal static class PostgresErrors
{
    /// <param name="ex">What Npgsql (or the socket under it) threw.</param>
    /// <param name="where">The server as shown to the user (no password).</param>
    /// <param name="connecting">True when the failure happened while a connection was being opened.</param>
    public static ConfigBackupException Translate(Exception ex, string where, bool connecting)
    {
        if (ex is PostgresException pg)
        {
            switch (pg.SqlState)
            {
                case PostgresErrorCodes.InvalidPassword:
                case PostgresErrorCodes.InvalidAuthorizationSpecification:
                    return new ConfigBackupException("DatabaseAuthenticationFailed", ErrorKind.SecurityError,
                        $"PostgreSQL ({where}) refused the user name or password. Give the right ones with Connect-VBRServer -Credential (or in a PostgreSQL password file).", ex);
                case PostgresErrorCodes.InvalidCatalogName:
                    return new ConfigBackupException("DatabaseNotFound", ErrorKind.NotFound,
                        $"PostgreSQL ({where}) has no such database. Create it first (CREATE DATABASE), empty, for this server.", ex);
                case PostgresErrorCodes.InsufficientPrivilege:
                    return new ConfigBackupException("DatabasePermissionDenied", ErrorKind.PermissionDenied,
                        $"PostgreSQL ({where}) refused the operation: {pg.MessageText}. The user needs to own the server's tables (or be allowed to create them).", ex);
                case PostgresErrorCodes.TooManyConnections:
                case PostgresErrorCodes.DeadlockDetected:
                case PostgresErrorCodes.LockNotAvailable:
                case PostgresErrorCodes.QueryCanceled:
                    return Busy(ex, where);
                case PostgresErrorCodes.DiskFull:
                    return StorageFailure.DiskFull($"PostgreSQL, {where}", ex);
                case PostgresErrorCodes.IoError:
                    return StorageFailure.IOError($"PostgreSQL, {where}", ex);
                case PostgresErrorCodes.ReadOnlySqlTransaction:
                    return StorageFailure.ReadOnly($"PostgreSQL, {where}", ex);
                case PostgresErrorCodes.AdminShutdown:
                case PostgresErrorCodes.CrashShutdown:
                case PostgresErrorCodes.CannotConnectNow:
                    return connecting ? Unreachable(ex, where) : Lost(ex, where);
            }
            if (pg.SqlState.StartsWith("08", StringComparison.Ordinal))
            {
                return connecting ? Unreachable(ex, where) : Lost(ex, where);
            }
            return new ConfigBackupException("DatabaseError", ErrorKind.InvalidOperation,
                $"PostgreSQL ({where}) reported an error: {pg.SqlState} {pg.MessageText}", ex);
        }
        if (ex.GetType() == typeof(NpgsqlException) && ex.InnerException is null && ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            // Npgsql's own refusal before it sends anything (the server asked for a password, none was given): it has no SQLSTATE.
            return new ConfigBackupException("DatabaseAuthenticationFailed", ErrorKind.SecurityError,
                $"PostgreSQL ({where}) asks for a password and none was given. Give it with Connect-VBRServer -Credential, or in a PostgreSQL password file (~/.pgpass or PGPASSFILE) for a scheduled task.", ex);
        }
        if (ex is TimeoutException || ex.InnerException is TimeoutException)
        {
            return connecting ? Unreachable(ex, where) : Busy(ex, where);
        }
        if (IsDatabaseFailure(ex))
        {
            return connecting ? Unreachable(ex, where) : Lost(ex, where);
        }
        return new ConfigBackupException("DatabaseError", ErrorKind.InvalidOperation, $"PostgreSQL ({where}) failed: {ex.Message}", ex);
    }

    private static ConfigBackupException Unreachable(Exception ex, string where) =>
        new("DatabaseUnreachable", ErrorKind.ConnectionError,
            $"Cannot connect to PostgreSQL ({where}): {Sentence(Root(ex).Message)} Check that the server runs and accepts connections from this machine.", ex);

    private static ConfigBackupException Busy(Exception ex, string where) =>
        new("DatabaseBusy", ErrorKind.ResourceBusy,
            $"PostgreSQL ({where}) did not complete the operation in time or refused it for now: {Sentence(Root(ex).Message)} Another operation (a restore, say) may hold the tables, or the server may be out of connections; run it again later.", ex);

    private static ConfigBackupException Lost(Exception ex, string where) =>
        new("DatabaseConnectionLost", ErrorKind.ConnectionError,
            $"The connection to PostgreSQL ({where}) was lost before the operation finished: {Sentence(Root(ex).Message)} The database keeps only what was committed before; run the operation again.", ex);

    private static string Sentence(string text)
    {
        text = text.Trim();
        return text.EndsWith('.') ? text : text + ".";
    }

    private static Exception Root(Exception ex)
    {
        while (ex.InnerException is not null && ex is not PostgresException)
        {
            ex = ex.InnerException;
        }
        return ex;
    }

    /// <summary>Whether an exception is one this class knows how to describe.</summary>
    public static bool IsDatabaseFailure(Exception ex) => ex is NpgsqlException or TimeoutException or IOException or SocketException;
}
