using Microsoft.Data.Sqlite;
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
    private readonly Dictionary<string, (SqliteCommand Command, SqliteParameter[] Parameters)> _inserts = new(StringComparer.Ordinal);
    private bool _done;

    public SqliteImport(SqliteConnection connection, IEnumerable<string> tablesToReplace, Action release)
    {
        _connection = connection;
        _release = release;
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
        if (!_inserts.TryGetValue(table.Name, out var insert))
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
            var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            command.Prepare();
            insert = (command, parameters);
            _inserts[table.Name] = insert;
        }
        for (var i = 0; i < insert.Parameters.Length; i++)
        {
            insert.Parameters[i].Value = row[i] switch
            {
                null => DBNull.Value,
                Guid g => g.ToString(),
                var value => value,
            };
        }
        insert.Command.ExecuteNonQuery();
    }

    public void Commit()
    {
        _transaction.Commit();
        _done = true;
    }

    public void Dispose()
    {
        foreach (var (command, _) in _inserts.Values)
        {
            command.Dispose();
        }
        if (!_done)
        {
            _transaction.Rollback();
        }
        _transaction.Dispose();
        _release();
    }
}
