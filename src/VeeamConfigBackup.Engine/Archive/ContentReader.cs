using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Reads the logical content back, checking its structure as it goes: every row has its table's column
/// count and types, every table's end states the rows actually read, and the closing map states the totals.
/// </summary>
internal sealed class ContentReader
{
    public const int MaxTables = 256;
    public const int MaxColumns = 256;

    private readonly BoundedMessagePackReader _reader;
    private readonly bool _secretsIncluded;
    private TableSchema? _table;
    private long _tableRows;
    private int _tables;
    private long _totalRows;
    private bool _done;

    /// <param name="input">The decompressed content.</param>
    /// <param name="secretsIncluded">
    /// The header's <c>secrets</c>: when false, every secret column must be nil. A value there is damage, not
    /// something to ignore: an unencrypted point that carries a plain secret was not made by this format's writer.
    /// </param>
    public ContentReader(Stream input, bool secretsIncluded)
    {
        _reader = new BoundedMessagePackReader(input);
        _secretsIncluded = secretsIncluded;
    }

    public Dictionary<string, long> RowCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The next table, or null after the closing map (which has then been checked).</summary>
    public TableSchema? NextTable()
    {
        if (_table is not null) throw new InvalidOperationException("Read the current table's rows first.");
        if (_done) return null;
        var value = _reader.Read();
        if (value is not Dictionary<string, object?> map)
        {
            throw RestorePointDamagedException.Because(value == BoundedMessagePackReader.EndOfContent
                ? "its content ends before its closing record" : "its content has a value where a table should start");
        }
        if (map.ContainsKey("tables"))
        {
            CheckClosing(map);
            return null;
        }
        if (++_tables > MaxTables) throw RestorePointDamagedException.Because("it has too many tables");
        if (map.Count != 2 || map.GetValueOrDefault("table") is not string name || map.GetValueOrDefault("columns") is not object?[] columns ||
            columns.Length == 0 || columns.Length > MaxColumns)
        {
            throw RestorePointDamagedException.Because("a table start record is malformed");
        }
        _table = new TableSchema(name, columns.Select(ParseColumn).ToList());
        _tableRows = 0;
        return _table;
    }

    /// <summary>The next row of the current table, or null at its end.</summary>
    public object?[]? NextRow()
    {
        var table = _table ?? throw new InvalidOperationException("No table is being read.");
        var value = _reader.Read();
        if (value is object?[] row)
        {
            if (row.Length != table.Columns.Count)
            {
                throw RestorePointDamagedException.Because($"a row of '{UntrustedText.Quote(table.Name)}' has {row.Length} values for {table.Columns.Count} columns");
            }
            for (var i = 0; i < row.Length; i++)
            {
                var column = table.Columns[i];
                if (column.Type == ColumnType.Guid && row[i] is byte[] raw)
                {
                    row[i] = raw.Length == 16 ? new Guid(raw, bigEndian: true)
                        : throw RestorePointDamagedException.Because($"column '{UntrustedText.Quote(column.Name)}' of '{UntrustedText.Quote(table.Name)}' holds a GUID of {raw.Length} bytes");
                }
                var ok = row[i] is null ? column.Nullable || column.Secret is not null : ContentTypes.Matches(column.Type, row[i]);
                if (!ok)
                {
                    throw RestorePointDamagedException.Because($"column '{UntrustedText.Quote(column.Name)}' of '{UntrustedText.Quote(table.Name)}' holds a value of the wrong type");
                }
                if (column.Secret is not null && row[i] is not null && !_secretsIncluded)
                {
                    throw RestorePointDamagedException.Because($"its header says it holds no secrets, but column '{UntrustedText.Quote(column.Name)}' of '{UntrustedText.Quote(table.Name)}' holds one");
                }
            }
            _tableRows++;
            return row;
        }
        if (value is Dictionary<string, object?> end && end.Count == 1 && end.GetValueOrDefault("rows") is long count)
        {
            if (count != _tableRows)
            {
                throw RestorePointDamagedException.Because($"table '{UntrustedText.Quote(table.Name)}' should have {count} rows but has {_tableRows}");
            }
            RowCounts[table.Name] = _tableRows;
            _totalRows += _tableRows;
            _table = null;
            return null;
        }
        throw RestorePointDamagedException.Because($"table '{UntrustedText.Quote(table.Name)}' is cut short or has a malformed record");
    }

    private void CheckClosing(Dictionary<string, object?> map)
    {
        if (map.Count != 2 || map.GetValueOrDefault("tables") is not long tables || map.GetValueOrDefault("rows") is not long rows ||
            tables != _tables || rows != _totalRows)
        {
            throw RestorePointDamagedException.Because("its closing record does not match the tables and rows read");
        }
        if (_reader.Read() != BoundedMessagePackReader.EndOfContent)
        {
            throw RestorePointDamagedException.Because("it has content after its closing record");
        }
        _done = true;
    }

    private static ColumnSchema ParseColumn(object? value)
    {
        if (value is not object?[] { Length: 4 } c || c[0] is not string name || c[1] is not string type || c[2] is not bool nullable ||
            (c[3] is not null && c[3] is not string))
        {
            throw RestorePointDamagedException.Because("a column description is malformed");
        }
        SecretPurpose? secret = null;
        if (c[3] is string purpose)
        {
            secret = Enum.GetNames<SecretPurpose>().Contains(purpose) ? Enum.Parse<SecretPurpose>(purpose)
                : throw RestorePointDamagedException.Because($"a column names the unknown secret kind '{UntrustedText.Quote(purpose)}'");
        }
        return new ColumnSchema(name, ContentTypes.Parse(type), nullable, secret);
    }
}
