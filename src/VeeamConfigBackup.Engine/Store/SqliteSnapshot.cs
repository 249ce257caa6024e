using Microsoft.Data.Sqlite;
using SQLitePCL;
using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// A read transaction on its own connection: in WAL mode every read inside it sees the database as it was
/// at the first read, while the server's own connection goes on writing.
/// </summary>
internal sealed class SqliteSnapshot : IStoreSnapshot
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public SqliteSnapshot(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _connection.Open();
        _transaction = _connection.BeginTransaction(deferred: true);
        using var start = _connection.CreateCommand();
        start.Transaction = _transaction;
        // The snapshot starts at the first read, so read something now rather than at the first table.
        start.CommandText = "SELECT COUNT(*) FROM schema_version";
        start.ExecuteScalar();
    }

    public IEnumerable<object?[]> ReadRows(TableSchema table)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = ExportedTables.SelectAll(table);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return StoredRecords.Row(reader, table);
        }
    }

    public IEnumerable<IRowSource> ReadRowsInPlace(TableSchema table)
    {
        var sql = ExportedTables.SelectAll(table);
        if (raw.sqlite3_prepare_v2(_connection.Handle, sql, out var statement) != raw.SQLITE_OK)
        {
            throw new SqliteException($"Cannot read table {table.Name}: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}", raw.sqlite3_errcode(_connection.Handle));
        }
        using (statement)
        {
            var row = new StatementRow(statement);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                yield return row;
            }
            if (rc != raw.SQLITE_DONE)
            {
                throw new SqliteException($"Reading table {table.Name} failed: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}", rc);
            }
        }
    }

    /// <summary>The current row of a prepared statement; text and blobs are spans into SQLite's own buffers.</summary>
    private sealed class StatementRow(sqlite3_stmt statement) : IRowSource
    {
        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public long GetInteger(int column) => raw.sqlite3_column_int64(statement, column);

        // sqlite3_column_blob on a TEXT value gives its UTF-8 bytes without conversion.
        public ReadOnlySpan<byte> GetText(int column) => raw.sqlite3_column_blob(statement, column);

        public ReadOnlySpan<byte> GetBlob(int column) => raw.sqlite3_column_blob(statement, column);
    }

    public long CountRows(TableSchema table)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {table.Name}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
