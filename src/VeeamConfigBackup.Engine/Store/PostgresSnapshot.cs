using System.Buffers;
using System.Data;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// A REPEATABLE READ, READ ONLY transaction on a connection of its own: every table is read as of one moment,
/// while the server goes on writing through other connections. Tables stream out through binary COPY, so
/// memory stays flat whatever their size.
/// </summary>
internal sealed class PostgresSnapshot : IStoreSnapshot
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    public PostgresSnapshot(NpgsqlConnection connection)
    {
        _connection = connection;
        try
        {
            _transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, _transaction);
            readOnly.ExecuteNonQuery();
            // TRUNCATE (a restore) is not MVCC-safe: a snapshot fixed before a restore commits would read its tables as
            // empty. Locking them before the first query (LOCK does not fix the snapshot) waits for a running restore
            // to finish, so the snapshot sees the old content or the new one, never emptied tables.
            using var share = new NpgsqlCommand(
                $"LOCK TABLE {string.Join(", ", ExportedTables.All.Select(t => t.Name))} IN ACCESS SHARE MODE", connection, _transaction);
            share.ExecuteNonQuery();
            // The snapshot is taken at the first query; take it now rather than at the first table.
            using var start = new NpgsqlCommand("SELECT count(*) FROM schema_version", connection, _transaction);
            start.ExecuteScalar();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public IEnumerable<object?[]> ReadRows(TableSchema table)
    {
        using var command = new NpgsqlCommand(ExportedTables.SelectAll(table), _connection, _transaction);
        using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        while (reader.Read())
        {
            yield return StoredRecords.Row(reader, table);
        }
    }

    public IEnumerable<IRowSource> ReadRowsInPlace(TableSchema table)
    {
        using var export = _connection.BeginBinaryExport($"COPY ({ExportedTables.SelectAll(table)}) TO STDOUT (FORMAT BINARY)");
        var row = new CopiedRow(table);
        var finished = false;
        try
        {
            while (export.StartRow() != -1)
            {
                row.Read(export);
                yield return row;
            }
            finished = true;
        }
        finally
        {
            if (!finished)
            {
                // A reader that stops early (a canceled or failed backup) would otherwise drain the rest of the table on dispose.
                // Best effort only: on a connection that already broke, Npgsql's Cancel can throw anything (even a
                // NullReferenceException), and the failure that stopped the reader is the one to report.
                try { export.Cancel(); } catch (Exception) { }
            }
        }
    }

    public long CountRows(TableSchema table)
    {
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {table.Name}", _connection, _transaction);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// One row of a binary COPY, held in buffers reused from row to row: text is encoded to UTF-8 once, into the
    /// same buffer each time, so a million rows cost a million short-lived strings but no growing memory.
    /// </summary>
    private sealed class CopiedRow(TableSchema table) : IRowSource
    {
        private readonly ColumnSchema[] _columns = [.. table.Columns];
        private readonly bool[] _null = new bool[table.Columns.Count];
        private readonly long[] _integers = new long[table.Columns.Count];
        private readonly byte[]?[] _bytes = new byte[table.Columns.Count][];
        private readonly int[] _lengths = new int[table.Columns.Count];

        public void Read(NpgsqlBinaryExporter export)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                if (export.IsNull)
                {
                    _null[i] = true;
                    export.Skip();
                    continue;
                }
                _null[i] = false;
                switch (_columns[i].Type)
                {
                    case ColumnType.Integer:
                        _integers[i] = export.Read<long>(NpgsqlDbType.Bigint);
                        break;
                    case ColumnType.Text:
                        Encode(i, export.Read<string>(NpgsqlDbType.Text));
                        break;
                    case ColumnType.Guid:
                        var guid = export.Read<Guid>(NpgsqlDbType.Uuid);
                        var buffer = Buffer(i, 36);
                        guid.TryFormat(buffer, out _lengths[i], "D");
                        break;
                    default:
                        var blob = export.Read<byte[]>(NpgsqlDbType.Bytea);
                        _bytes[i] = blob;
                        _lengths[i] = blob.Length;
                        break;
                }
            }
        }

        private void Encode(int column, string text)
        {
            var buffer = Buffer(column, Encoding.UTF8.GetMaxByteCount(text.Length));
            _lengths[column] = Encoding.UTF8.GetBytes(text, buffer);
        }

        private byte[] Buffer(int column, int size)
        {
            var buffer = _bytes[column];
            if (buffer is null || buffer.Length < size)
            {
                buffer = _bytes[column] = new byte[Math.Max(size, 256)];
            }
            return buffer;
        }

        public bool IsNull(int column) => _null[column];

        public long GetInteger(int column) => _integers[column];

        public ReadOnlySpan<byte> GetText(int column) => _bytes[column].AsSpan(0, _lengths[column]);

        public ReadOnlySpan<byte> GetBlob(int column) => _bytes[column].AsSpan(0, _lengths[column]);
    }

    public void Dispose()
    {
        try
        {
            _transaction.Dispose();
        }
        catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex))
        {
            // A dropped connection has nothing left to roll back.
        }
        _connection.Dispose();
    }
}
