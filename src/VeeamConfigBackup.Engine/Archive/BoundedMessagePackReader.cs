using System.Buffers.Binary;
using System.Text;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Reads standard MessagePack values one at a time from a stream, with every length bounded before any
/// memory is taken for it. It understands the types the content uses (nil, bool, int, str, bin, array, and
/// maps with text keys); anything else is a damaged restore point.
/// </summary>
internal sealed class BoundedMessagePackReader
{
    public const int MaxValueBytes = 16 * 1024 * 1024;
    public const int MaxItems = 4096;
    public const int MaxDepth = 4;

    /// <summary>
    /// What one top-level value (a row, a table start) may take in all, however it is nested: the per-value limits
    /// alone multiply (4,096 items of 16 MiB each), and a few KiB of compressed zeros could ask for gigabytes.
    /// </summary>
    public const long MaxTopLevelBytes = 32L * 1024 * 1024;

    private readonly Stream _input;
    private long _budget;

    public BoundedMessagePackReader(Stream input)
    {
        _input = input;
    }

    /// <summary>The next value, or <see cref="EndOfContent"/> when the stream ends cleanly between values.</summary>
    public object? Read()
    {
        var first = _input.ReadByte();
        _budget = MaxTopLevelBytes;
        return first < 0 ? EndOfContent : ReadValue((byte)first, 0);
    }

    /// <summary>Returned by <see cref="Read"/> at the end of the stream.</summary>
    public static readonly object EndOfContent = new();

    private object? ReadValue(byte code, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Damaged("values are nested too deeply");
        }
        switch (code)
        {
            case <= 0x7f: return (long)code;
            case >= 0xe0: return (long)(sbyte)code;
            case >= 0xa0 and <= 0xbf: return ReadString(code & 0x1f);
            case >= 0x90 and <= 0x9f: return ReadArray(code & 0x0f, depth);
            case >= 0x80 and <= 0x8f: return ReadMap(code & 0x0f, depth);
        }
        return code switch
        {
            0xc0 => null,
            0xc2 => false,
            0xc3 => true,
            0xcc => (long)ReadExact(1)[0],
            0xcd => (long)BinaryPrimitives.ReadUInt16BigEndian(ReadExact(2)),
            0xce => (long)BinaryPrimitives.ReadUInt32BigEndian(ReadExact(4)),
            0xcf => ReadUInt64(),
            0xd0 => (long)(sbyte)ReadExact(1)[0],
            0xd1 => (long)BinaryPrimitives.ReadInt16BigEndian(ReadExact(2)),
            0xd2 => (long)BinaryPrimitives.ReadInt32BigEndian(ReadExact(4)),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(ReadExact(8)),
            0xd9 => ReadString(ReadExact(1)[0]),
            0xda => ReadString(BinaryPrimitives.ReadUInt16BigEndian(ReadExact(2))),
            0xdb => ReadString(ReadLength32()),
            0xc4 => ReadExact(ReadExact(1)[0]),
            0xc5 => ReadExact(BinaryPrimitives.ReadUInt16BigEndian(ReadExact(2))),
            0xc6 => ReadExact(ReadLength32()),
            0xdc => ReadArray(BinaryPrimitives.ReadUInt16BigEndian(ReadExact(2)), depth),
            0xdd => ReadArray(ReadLength32(), depth),
            0xde => ReadMap(BinaryPrimitives.ReadUInt16BigEndian(ReadExact(2)), depth),
            0xdf => ReadMap(ReadLength32(), depth),
            _ => throw Damaged($"it holds a MessagePack type (0x{code:x2}) the content never uses"),
        };
    }

    private long ReadUInt64()
    {
        var value = BinaryPrimitives.ReadUInt64BigEndian(ReadExact(8));
        return value <= long.MaxValue ? (long)value : throw Damaged("an integer is out of range");
    }

    private int ReadLength32()
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(ReadExact(4));
        return length <= MaxValueBytes ? (int)length : throw Damaged($"a value claims {length} bytes");
    }

    private string ReadString(int length)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ReadExact(length));
        }
        catch (DecoderFallbackException ex)
        {
            throw Damaged("a text is not valid UTF-8", ex);
        }
    }

    private object?[] ReadArray(int count, int depth)
    {
        if (count > MaxItems)
        {
            throw Damaged($"an array claims {count} items");
        }
        Spend(count * 16L);
        var items = new object?[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ReadValue(ReadCode(), depth + 1);
        }
        return items;
    }

    private Dictionary<string, object?> ReadMap(int count, int depth)
    {
        if (count > MaxItems)
        {
            throw Damaged($"a map claims {count} entries");
        }
        Spend(count * 32L);
        var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (ReadValue(ReadCode(), depth + 1) is not string key || !map.TryAdd(key, ReadValue(ReadCode(), depth + 1)))
            {
                throw Damaged("a map has a key that is not text, or a repeated key");
            }
        }
        return map;
    }

    private byte ReadCode()
    {
        var b = _input.ReadByte();
        return b < 0 ? throw Damaged("the content ends inside a value") : (byte)b;
    }

    private void Spend(long bytes)
    {
        _budget -= bytes;
        if (_budget < 0)
        {
            throw Damaged($"one of its values is larger than {MaxTopLevelBytes / (1024 * 1024)} MiB in all");
        }
    }

    private byte[] ReadExact(int length)
    {
        Spend(length);
        var buffer = new byte[length];
        if (_input.ReadAtLeast(buffer, length, throwOnEndOfStream: false) < length)
        {
            throw Damaged("the content ends inside a value");
        }
        return buffer;
    }

    private static RestorePointDamagedException Damaged(string reason, Exception? inner = null) =>
        RestorePointDamagedException.Because(reason, inner);
}
