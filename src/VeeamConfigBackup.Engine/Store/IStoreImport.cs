using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>One all-or-nothing replacement of tables: rows go in, and only Commit makes them (and the deletions) real.</summary>
internal interface IStoreImport : IDisposable
{
    /// <summary>Inserts a row; values are long, string, byte[], Guid or null, in the order of <paramref name="table"/>'s columns.</summary>
    void Insert(TableSchema table, object?[] row);

    void Commit();
}
