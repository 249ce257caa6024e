using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using MessagePack;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Writes the logical content as a sequence of standard MessagePack values (docs/bco-format.md, "Content"):
/// per table a start map, one array per row, an end map with the row count; then a closing map.
/// Values are gathered in a small buffer and passed on in 64 KiB pieces, so memory does not grow with a table.
/// </summary>
internal sealed class ContentWriter
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private TableSchema? _table;
    private long _tableRows;
    private int _tables;
    private long _totalRows;

    public ContentWriter(Stream output)
    {
        _output = output;
    }

    public Dictionary<string, long> RowCounts { get; } = new(StringComparer.Ordinal);

    public void BeginTable(TableSchema table)
    {
        if (_table is not null) throw new InvalidOperationException("The previous table was not ended.");
        _table = table;
        _tableRows = 0;
        var w = new MessagePackWriter(_buffer);
        w.WriteMapHeader(2);
        w.Write("table"); w.Write(table.Name);
        w.Write("columns");
        w.WriteArrayHeader(table.Columns.Count);
        foreach (var c in table.Columns)
        {
            w.WriteArrayHeader(4);
            w.Write(c.Name);
            w.Write(ContentTypes.Name(c.Type));
            w.Write(c.Nullable);
            if (c.Secret is { } purpose) w.Write(purpose.ToString()); else w.WriteNil();
        }
        Done(ref w);
    }

    /// <summary>Writes a row given as values (long, int, bool, string, byte[], Guid or null).</summary>
    public void WriteRow(ReadOnlySpan<object?> values)
    {
        var table = _table ?? throw new InvalidOperationException("No table was begun.");
        if (values.Length != table.Columns.Count) throw new ArgumentException($"Table {table.Name} has {table.Columns.Count} columns, the row {values.Length}.");
        var w = new MessagePackWriter(_buffer);
        w.WriteArrayHeader(values.Length);
        foreach (var value in values)
        {
            switch (value)
            {
                case null: w.WriteNil(); break;
                case long l: w.Write(l); break;
                case int i: w.Write(i); break;
                case bool flag: w.Write(flag ? 1 : 0); break;
                case string s: w.Write(s); break;
                case byte[] b: w.Write(b); break;
                case Guid g: WriteGuid(ref w, g); break;
                default: throw new ArgumentException($"A {value.GetType().Name} cannot be written to the content.");
            }
        }
        Done(ref w);
        _tableRows++;
    }

    /// <summary>
    /// Writes every row of the current table, read in place; secret columns go through <paramref name="secrets"/>.
    /// <paramref name="everyThousandRows"/> is called with the rows written so far (progress, cancellation).
    /// </summary>
    public void WriteRows(IEnumerable<IRowSource> rows, ISecretTransform secrets, Action<long>? everyThousandRows = null)
    {
        var table = _table ?? throw new InvalidOperationException("No table was begun.");
        // One writer for the whole table: after Flush it holds no span of the buffer, so the buffer can be drained under it.
        var w = new MessagePackWriter(_buffer);
        foreach (var row in rows)
        {
            WriteRow(ref w, table, row, secrets);
            if ((++_tableRows & 1023) == 0)
            {
                w.Flush();
                if (_buffer.WrittenCount >= FlushThreshold)
                {
                    FlushBuffer();
                }
                everyThousandRows?.Invoke(_tableRows);
            }
        }
        w.Flush();
    }

    private static void WriteRow(ref MessagePackWriter w, TableSchema table, IRowSource row, ISecretTransform secrets)
    {
        var columns = table.Columns;
        w.WriteArrayHeader(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            // Asking the database for a value's type costs a native call; only columns that may be null need it.
            if ((column.Nullable || column.Secret is not null) && row.IsNull(i))
            {
                w.WriteNil();
                continue;
            }
            if (column.Secret is { } purpose)
            {
                var plain = secrets.Transform(purpose, row.GetBlob(i));
                if (plain is null)
                {
                    w.WriteNil();
                }
                else
                {
                    w.Write(plain);
                    CryptographicOperations.ZeroMemory(plain);
                }
                continue;
            }
            switch (column.Type)
            {
                case ColumnType.Integer: w.Write(row.GetInteger(i)); break;
                case ColumnType.Text: w.WriteString(row.GetText(i)); break;
                case ColumnType.Blob: w.Write(row.GetBlob(i)); break;
                case ColumnType.Guid:
                    var text = row.GetText(i);
                    if (!Utf8Parser.TryParse(text, out Guid g, out var used, 'D') || used != text.Length)
                    {
                        throw new InvalidDataException($"Column '{column.Name}' of '{table.Name}' holds a value that is not a GUID.");
                    }
                    WriteGuid(ref w, g);
                    break;
            }
        }
    }

    public void EndTable()
    {
        var table = _table ?? throw new InvalidOperationException("No table was begun.");
        var w = new MessagePackWriter(_buffer);
        w.WriteMapHeader(1);
        w.Write("rows"); w.Write(_tableRows);
        Done(ref w);
        RowCounts[table.Name] = _tableRows;
        _tables++;
        _totalRows += _tableRows;
        _table = null;
    }

    public void Complete()
    {
        if (_table is not null) throw new InvalidOperationException("The last table was not ended.");
        var w = new MessagePackWriter(_buffer);
        w.WriteMapHeader(2);
        w.Write("tables"); w.Write(_tables);
        w.Write("rows"); w.Write(_totalRows);
        w.Flush();
        FlushBuffer();
    }

    private static void WriteGuid(ref MessagePackWriter w, Guid value)
    {
        w.WriteBinHeader(16);
        value.TryWriteBytes(w.GetSpan(16), bigEndian: true, out _);
        w.Advance(16);
    }

    private void Done(ref MessagePackWriter w)
    {
        w.Flush();
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            FlushBuffer();
        }
    }

    private void FlushBuffer()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.Clear(); // zeroes what was written: rows can hold plain secrets
    }
}
