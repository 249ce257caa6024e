using Npgsql;
using NpgsqlTypes;
using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// A restore's write side on PostgreSQL: one transaction that empties the replaced tables and fills them with
/// binary COPY, table after table. Until Commit nothing is visible to anyone; a rollback, a dropped connection or
/// a killed process leaves the database exactly as it was (PostgreSQL discards an uncommitted transaction).
/// </summary>
internal sealed class PostgresImport : IStoreImport
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    // Primary and unique keys set aside while the tables load (see DropKeys), rebuilt before the commit.
    private readonly List<(string Table, string Name, string Definition)> _keys = [];
    private NpgsqlBinaryImporter? _copy;
    private string? _copyTable;
    private bool _done;

    public PostgresImport(NpgsqlConnection connection, IReadOnlyList<string> tablesToReplace)
    {
        _connection = connection;
        try
        {
            _transaction = connection.BeginTransaction();
            if (tablesToReplace.Count > 0)
            {
                // TRUNCATE is transactional in PostgreSQL and takes the tables' exclusive lock up front: a concurrent
                // restore waits instead of interleaving. It is not MVCC-safe, which is why a snapshot locks the tables
                // before it is fixed (PostgresSnapshot): a backup then waits for this import and sees its result.
                using var truncate = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tablesToReplace)}", connection, _transaction);
                truncate.ExecuteNonQuery();
                DropKeys(tablesToReplace);
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Insert(TableSchema table, object?[] row)
    {
        if (_copyTable != table.Name)
        {
            FinishCopy();
            _copy = _connection.BeginBinaryImport(
                $"COPY {table.Name} ({ExportedTables.ColumnList(table)}) FROM STDIN (FORMAT BINARY)");
            _copyTable = table.Name;
        }
        var copy = _copy!;
        copy.StartRow();
        var columns = table.Columns;
        for (var i = 0; i < row.Length; i++)
        {
            switch (row[i])
            {
                case null:
                    copy.WriteNull();
                    break;
                case long integer:
                    copy.Write(integer, NpgsqlDbType.Bigint);
                    break;
                case Guid guid:
                    copy.Write(guid, NpgsqlDbType.Uuid);
                    break;
                case string text when columns[i].Type == ColumnType.Guid:
                    copy.Write(Guid.Parse(text), NpgsqlDbType.Uuid);
                    break;
                case string text:
                    copy.Write(text, NpgsqlDbType.Text);
                    break;
                case byte[] blob:
                    copy.Write(blob, NpgsqlDbType.Bytea);
                    break;
                case var other:
                    throw new ArgumentException($"A {other.GetType().Name} cannot be stored.");
            }
        }
    }

    private void FinishCopy()
    {
        if (_copy is not null)
        {
            _copy.Complete();
            _copy.Dispose();
            _copy = null;
            _copyTable = null;
        }
    }

    /// <summary>
    /// Loading into tables without their unique indexes and building each index once afterwards is several times
    /// cheaper than updating it row by row (it is what pg_restore does). The keys come back, checked, before the
    /// commit; duplicate ids fail that check and roll the whole import back. Names and definitions come from the
    /// database's own catalog, never from the restore point.
    /// </summary>
    private void DropKeys(IReadOnlyList<string> tables)
    {
        using (var find = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text, quote_ident(c.conname::text), pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype IN ('p', 'u') AND c.conrelid IN (SELECT to_regclass(quote_ident(current_schema()) || '.' || quote_ident(t)) FROM unnest(@tables) t)
            ORDER BY c.conrelid, c.conname
            """, _connection, _transaction))
        {
            find.Parameters.AddWithValue("tables", tables.ToArray());
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                _keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        foreach (var (table, name, _) in _keys)
        {
            using var drop = new NpgsqlCommand($"ALTER TABLE {table} DROP CONSTRAINT {name}", _connection, _transaction);
            drop.ExecuteNonQuery();
        }
    }

    public void Commit()
    {
        FinishCopy();
        foreach (var (table, name, definition) in _keys)
        {
            using var add = new NpgsqlCommand($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", _connection, _transaction);
            add.ExecuteNonQuery();
        }
        _transaction.Commit();
        _done = true;
    }

    public void Dispose()
    {
        try
        {
            // Disposing an unfinished COPY cancels it; the rollback then discards everything this import did.
            _copy?.Dispose();
            if (!_done)
            {
                _transaction.Rollback();
            }
        }
        catch (Exception ex) when (PostgresErrors.IsDatabaseFailure(ex) || ex is InvalidOperationException)
        {
            // The connection is gone or broken: the server has already discarded the uncommitted transaction.
        }
        finally
        {
            _connection.Dispose();
        }
    }
}
