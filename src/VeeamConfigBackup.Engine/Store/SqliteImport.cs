using Microsoft.Data.Sqlite;
using SQLitePCL;
using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// A restore's write side on SQLite: one IMMEDIATE transaction that first empties the replaced tables, then
/// inserts with one prepared statement per table. A crash or a kill before Commit leaves the WAL without a
/// commit record, so the database opens exactly as it was.
/// </summary>
internal sealed class SqliteImport : IStoreImport
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Action _release;
    // Statements prepared on the raw handle: a restore binds millions of values, and the ADO.NET layer's
    // per-parameter work was most of its time. They run inside the same connection's transaction.
    private readonly Dictionary<string, sqlite3_stmt> _inserts = new(StringComparer.Ordinal);
    private bool _done;

    public SqliteImport(SqliteConnection connection, IEnumerable<string> tablesToReplace, Action release)
    {
        _connection = connection;
        _release = release;
        SetCache(connection, ImportCacheKiB);
        _transaction = connection.BeginTransaction(deferred: false);
        foreach (var table in tablesToReplace)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = _transaction;
            delete.CommandText = $"DELETE FROM {table}";
            delete.ExecuteNonQuery();
        }
    }

    public void Insert(TableSchema table, object?[] row)
    {
        var db = _connection.Handle!;
        if (!_inserts.TryGetValue(table.Name, out var statement))
        {
            var sql = $"INSERT INTO {table.Name} ({ExportedTables.ColumnList(table)}) VALUES ({string.Join(", ", table.Columns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(db, sql, out statement), db);
            _inserts[table.Name] = statement;
        }
        for (var i = 0; i < row.Length; i++)
        {
            var rc = row[i] switch
            {
                null => raw.sqlite3_bind_null(statement, i + 1),
                long l => raw.sqlite3_bind_int64(statement, i + 1, l),
                string text => raw.sqlite3_bind_text(statement, i + 1, text),
                Guid g => raw.sqlite3_bind_text(statement, i + 1, g.ToString()), // GUIDs are text in the database
                byte[] blob => raw.sqlite3_bind_blob(statement, i + 1, blob),
                var other => throw new ArgumentException($"A {other.GetType().Name} cannot be stored."),
            };
            Check(rc, db);
        }
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE)
        {
            throw new SqliteException($"Inserting into {table.Name} failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", step);
        }
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    /// <summary>
    /// A restore writes a whole database in one transaction; with SQLite's default 2 MiB page cache it would
    /// spill pages to the WAL and read them back over and over. 64 MiB, for the import only, bounds memory whatever the size.
    /// </summary>
    private const int ImportCacheKiB = 64 * 1024;
    private const int DefaultCacheKiB = 2000;

    private static void SetCache(SqliteConnection connection, int kib)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA cache_size = -{kib}";
        pragma.ExecuteNonQuery();
    }

    public void Commit()
    {
        _transaction.Commit();
        _done = true;
    }

    public void Dispose()
    {
        foreach (var statement in _inserts.Values)
        {
            statement.Dispose();
        }
        if (!_done)
        {
            _transaction.Rollback();
        }
        _transaction.Dispose();
        SetCache(_connection, DefaultCacheKiB);
        _release();
    }
}
