using System.Buffers;
using MessagePack;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Writes the logical content as a sequence of standard MessagePack values (docs/bco-format.md, "Content"):
/// per table a start map, one array per row, an end map with the row count; then a closing map.
/// Each value is flushed as soon as it is written, so memory does not grow with the table.
/// </summary>
internal sealed class ContentWriter
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
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
        var w = Writer();
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
        Emit(ref w);
    }

    public void WriteRow(ReadOnlySpan<object?> values)
    {
        var table = _table ?? throw new InvalidOperationException("No table was begun.");
        if (values.Length != table.Columns.Count) throw new ArgumentException($"Table {table.Name} has {table.Columns.Count} columns, the row {values.Length}.");
        var w = Writer();
        w.WriteArrayHeader(values.Length);
        foreach (var value in values)
        {
            switch (value)
            {
                case null: w.WriteNil(); break;
                case long l: w.Write(l); break;
                case int i: w.Write(i); break;
                case string s: w.Write(s); break;
                case byte[] b: w.Write(b); break;
                case bool flag: w.Write(flag ? 1 : 0); break;
                default: throw new ArgumentException($"A {value.GetType().Name} cannot be written to the content.");
            }
        }
        Emit(ref w);
        _tableRows++;
    }

    public void EndTable()
    {
        var table = _table ?? throw new InvalidOperationException("No table was begun.");
        var w = Writer();
        w.WriteMapHeader(1);
        w.Write("rows"); w.Write(_tableRows);
        Emit(ref w);
        RowCounts[table.Name] = _tableRows;
        _tables++;
        _totalRows += _tableRows;
        _table = null;
    }

    public void Complete()
    {
        if (_table is not null) throw new InvalidOperationException("The last table was not ended.");
        var w = Writer();
        w.WriteMapHeader(2);
        w.Write("tables"); w.Write(_tables);
        w.Write("rows"); w.Write(_totalRows);
        Emit(ref w);
    }

    private MessagePackWriter Writer()
    {
        _buffer.ResetWrittenCount();
        return new MessagePackWriter(_buffer);
    }

    private void Emit(ref MessagePackWriter w)
    {
        w.Flush();
        _output.Write(_buffer.WrittenSpan);
    }
}
