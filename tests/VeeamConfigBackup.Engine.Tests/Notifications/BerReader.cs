using System.Text;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>One decoded BER element: its tag, its contents, and for a constructed one the elements inside.</summary>
internal sealed record BerNode(byte Tag, byte[] Contents, IReadOnlyList<BerNode> Children)
{
    public BerNode this[int index] => Children[index];

    public long Integer()
    {
        Assert.True(Tag is 0x02 or 0x43, $"tag {Tag:X2} is not an INTEGER or TimeTicks");
        return BerReader.TwosComplement(Contents);
    }

    public string Utf8()
    {
        Assert.Equal(0x04, Tag);
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Contents);
    }

    public string Oid()
    {
        Assert.Equal(0x06, Tag);
        return BerReader.Oid(Contents);
    }
}

/// <summary>
/// A small, strict BER reader written from X.690 apart from the engine's encoder, so a trap can be taken apart and
/// checked field by field. Strict where the encoder must be: definite lengths in the fewest bytes, integers and
/// sub-identifiers without redundant leading bytes, nothing left over.
/// </summary>
internal static class BerReader
{
    public static BerNode Read(byte[] data)
    {
        var position = 0;
        var node = Read(data, ref position);
        Assert.True(position == data.Length, $"{data.Length - position} bytes after the element");
        return node;
    }

    private static BerNode Read(byte[] data, ref int position)
    {
        var tag = data[position++];
        Assert.True((tag & 0x1F) != 0x1F, "multi-byte tags are not used by SNMP");
        int length = data[position++];
        if (length >= 0x80)
        {
            var count = length & 0x7F;
            Assert.True(count is >= 1 and <= 4, $"length of {count} bytes (0 would be the indefinite form)");
            Assert.True(data[position] != 0, "a length with a leading zero byte is not the shortest");
            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | data[position++];
            }
            Assert.True(length >= 0x80, $"long form for {length}, which the short form holds");
        }
        Assert.True(position + length <= data.Length, "the element runs past its container");
        var contents = data[position..(position + length)];
        position += length;
        var children = new List<BerNode>();
        if ((tag & 0x20) != 0)
        {
            var inner = 0;
            while (inner < contents.Length)
            {
                children.Add(Read(contents, ref inner));
            }
        }
        return new BerNode(tag, contents, children);
    }

    public static long TwosComplement(byte[] contents)
    {
        Assert.InRange(contents.Length, 1, 8);
        if (contents.Length > 1)
        {
            var redundant = (contents[0] == 0x00 && (contents[1] & 0x80) == 0) || (contents[0] == 0xFF && (contents[1] & 0x80) != 0);
            Assert.False(redundant, "an INTEGER with a redundant leading byte");
        }
        long value = (sbyte)contents[0];
        for (var i = 1; i < contents.Length; i++)
        {
            value = (value << 8) | contents[i];
        }
        return value;
    }

    public static string Oid(byte[] contents)
    {
        var arcs = new List<ulong>();
        ulong current = 0;
        var start = true;
        foreach (var b in contents)
        {
            Assert.False(start && b == 0x80, "a sub-identifier with a redundant leading 0x80");
            current = (current << 7) | (uint)(b & 0x7F);
            start = (b & 0x80) == 0;
            if (start)
            {
                arcs.Add(current);
                current = 0;
            }
        }
        Assert.True(start, "the last sub-identifier is not finished");
        var first = arcs[0] < 80 ? arcs[0] / 40 : 2;
        var second = arcs[0] - first * 40;
        return string.Join('.', new[] { first, second }.Concat(arcs.Skip(1)));
    }
}
