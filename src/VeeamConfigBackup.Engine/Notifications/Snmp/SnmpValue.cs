using System.Text;

namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// A variable's value in a trap, kept as its BER tag and contents. Text is kept as its UTF-8 bytes so that a message
/// that is too long can be shortened by whole characters (<see cref="Shortened"/>) without being encoded twice.
/// </summary>
internal sealed class SnmpValue
{
    /// <summary>Marks a shortened text: one character (U+2026, three bytes in UTF-8) where the rest was cut.</summary>
    internal static readonly byte[] Ellipsis = Encoding.UTF8.GetBytes("\u2026");

    private readonly byte[] _encoded;

    private SnmpValue(byte[] encoded, byte[]? text)
    {
        _encoded = encoded;
        Text = text;
    }

    /// <summary>The UTF-8 bytes of an OCTET STRING made from text; null for every other kind of value.</summary>
    public byte[]? Text { get; }

    /// <summary>The value's whole BER element.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    public static SnmpValue Integer(int value) => new(Ber.Integer(value), null);

    public static SnmpValue TimeTicks(uint hundredths) => new(Ber.TimeTicks(hundredths), null);

    public static SnmpValue ObjectIdentifier(SnmpOid oid) => new(Ber.ObjectIdentifier(oid), null);

    /// <summary>
    /// Text as an OCTET STRING of UTF-8 (SNMP has no character type; SnmpAdminString, RFC 3411, is UTF-8 too).
    /// Unpaired surrogates become U+FFFD, as .NET's UTF-8 encoder makes them.
    /// </summary>
    public static SnmpValue OctetString(string text) => FromUtf8(Encoding.UTF8.GetBytes(text));

    private static SnmpValue FromUtf8(byte[] utf8) => new(Ber.OctetString(utf8), utf8);

    /// <summary>
    /// This text cut to at most <paramref name="maxBytes"/> bytes of UTF-8, the last of them the ellipsis, never in the
    /// middle of a character; with fewer than four bytes allowed, the empty string (an ellipsis alone says nothing).
    /// </summary>
    public SnmpValue Shortened(int maxBytes)
    {
        var text = Text ?? throw new InvalidOperationException("Only text is shortened.");
        if (text.Length <= maxBytes)
        {
            return this;
        }
        if (maxBytes <= Ellipsis.Length)
        {
            return FromUtf8([]);
        }
        var keep = maxBytes - Ellipsis.Length;
        while (keep > 0 && (text[keep] & 0xC0) == 0x80)
        {
            keep--; // text[keep] continues the character before it: cut before that character instead
        }
        return FromUtf8([.. text.AsSpan(0, keep), .. Ellipsis]);
    }
}
