using System.Buffers.Binary;

namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// The part of BER (X.690 §8) an SNMPv2c trap needs, and nothing else: no SNMP library is served, and a trap sender
/// only ever writes. Every element is returned whole (tag, length, contents), so a message is built inside-out by
/// nesting calls and its size is known before it is sent. Lengths are always definite (X.690 §8.1.3, as SNMP requires
/// in RFC 3417 §8): one byte up to 127, otherwise the long form with the fewest length bytes.
/// </summary>
internal static class Ber
{
    public const byte IntegerTag = 0x02;
    public const byte OctetStringTag = 0x04;
    public const byte NullTag = 0x05;
    public const byte ObjectIdentifierTag = 0x06;
    public const byte SequenceTag = 0x30;

    /// <summary>TimeTicks ::= [APPLICATION 3] IMPLICIT INTEGER (0..4294967295), RFC 2578 §7.1.8.</summary>
    public const byte TimeTicksTag = 0x43;

    /// <summary>SNMPv2-Trap-PDU ::= [7] IMPLICIT PDU, RFC 3416 §3: context-specific, constructed, number 7.</summary>
    public const byte TrapV2PduTag = 0xA7;

    /// <summary>A length: short form below 128 (X.690 §8.1.3.4), else 0x80 | count followed by the count big-endian bytes.</summary>
    public static byte[] Length(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < 0x80)
        {
            return [(byte)length];
        }
        var count = length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : length <= 0xFFFFFF ? 3 : 4;
        var bytes = new byte[1 + count];
        bytes[0] = (byte)(0x80 | count);
        for (var i = count; i >= 1; i--)
        {
            bytes[i] = (byte)length;
            length >>= 8;
        }
        return bytes;
    }

    /// <summary>A primitive or constructed element from a tag and its already-encoded contents.</summary>
    public static byte[] Element(byte tag, ReadOnlySpan<byte> contents)
    {
        var length = Length(contents.Length);
        var element = new byte[1 + length.Length + contents.Length];
        element[0] = tag;
        length.CopyTo(element, 1);
        contents.CopyTo(element.AsSpan(1 + length.Length));
        return element;
    }

    /// <summary>A constructed element whose contents are the given elements in order (a SEQUENCE, a PDU).</summary>
    public static byte[] Constructed(byte tag, IEnumerable<byte[]> elements)
    {
        var contents = new List<byte>();
        foreach (var e in elements)
        {
            contents.AddRange(e);
        }
        return Element(tag, contents.ToArray());
    }

    public static byte[] Sequence(params byte[][] elements) => Constructed(SequenceTag, elements);

    /// <summary>
    /// INTEGER: two's complement in the fewest bytes (X.690 §8.3.2: the first 9 bits are never all 0 or all 1), so
    /// 127 is <c>7F</c> but 128 needs a leading zero, <c>00 80</c>, and -128 is <c>80</c> but -129 is <c>FF 7F</c>.
    /// </summary>
    public static byte[] Integer(long value) => Element(IntegerTag, TwosComplement(value));

    /// <summary>
    /// TimeTicks: hundredths of a second, an unsigned 32-bit value under an INTEGER's rules, so values from 2^31 up
    /// take a leading zero byte (<c>43 05 00 FF FF FF FF</c> for the largest).
    /// </summary>
    public static byte[] TimeTicks(uint hundredths) => Element(TimeTicksTag, TwosComplement(hundredths));

    public static byte[] OctetString(ReadOnlySpan<byte> value) => Element(OctetStringTag, value);

    public static byte[] Null() => [NullTag, 0x00];

    /// <summary>
    /// OBJECT IDENTIFIER (X.690 §8.19): the first two arcs as one sub-identifier 40 × first + second, then each
    /// sub-identifier in base 128, most significant group first, bit 8 set on every byte but the last; so 31023 is
    /// <c>81 F2 2F</c> and 128 is <c>81 00</c>.
    /// </summary>
    public static byte[] ObjectIdentifier(SnmpOid oid)
    {
        var arcs = oid.Arcs;
        var contents = new List<byte>();
        AppendSubIdentifier(contents, arcs[0] * 40 + arcs[1]);
        for (var i = 2; i < arcs.Count; i++)
        {
            AppendSubIdentifier(contents, arcs[i]);
        }
        return Element(ObjectIdentifierTag, contents.ToArray());
    }

    private static void AppendSubIdentifier(List<byte> contents, uint value)
    {
        Span<byte> groups = stackalloc byte[5]; // 32 bits are at most 5 groups of 7
        var n = 0;
        do
        {
            groups[n++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value != 0);
        for (var i = n - 1; i >= 0; i--)
        {
            contents.Add(i == 0 ? groups[i] : (byte)(groups[i] | 0x80));
        }
    }

    private static byte[] TwosComplement(long value)
    {
        Span<byte> all = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(all, value);
        var start = 0;
        // Drop a leading byte while it only repeats the sign of the next one.
        while (start < 7 && ((all[start] == 0x00 && (all[start + 1] & 0x80) == 0) || (all[start] == 0xFF && (all[start + 1] & 0x80) != 0)))
        {
            start++;
        }
        return all[start..].ToArray();
    }
}
