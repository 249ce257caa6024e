using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>A consistent, read-only view of the whole configuration database, held until disposed.</summary>
internal interface IStoreSnapshot : IDisposable
{
    /// <summary>The table's rows as engine-neutral values (long, string, byte[] or null), streamed.</summary>
    IEnumerable<object?[]> ReadRows(TableSchema table);

    long CountRows(TableSchema table);
}
