namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// The current row of a table being exported, read in place: text comes as UTF-8 bytes straight from the
/// database, so a million rows are written without a million strings. Values are valid until the next row.
/// </summary>
public interface IRowSource
{
    bool IsNull(int column);

    long GetInteger(int column);

    /// <summary>Text (and GUID text) as UTF-8.</summary>
    ReadOnlySpan<byte> GetText(int column);

    ReadOnlySpan<byte> GetBlob(int column);
}
