using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>A consistent, read-only view of the whole configuration database, held until disposed.</summary>
internal interface IStoreSnapshot : IDisposable
{
    /// <summary>The table's rows as engine-neutral values (long, string, byte[] or null), streamed.</summary>
    IEnumerable<object?[]> ReadRows(TableSchema table);

    long CountRows(TableSchema table);

    /// <summary>
    /// The table's rows read in place (no value objects): the fast path of a backup. The same
    /// <see cref="IRowSource"/> is returned for every row and is valid until the next one.
    /// </summary>
    IEnumerable<IRowSource> ReadRowsInPlace(TableSchema table);
}
