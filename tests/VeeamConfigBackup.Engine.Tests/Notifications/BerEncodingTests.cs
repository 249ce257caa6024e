using VeeamConfigBackup.Engine.Notifications.Snmp;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The BER encoder against byte vectors worked out by hand from X.690 (the arithmetic is in the comments).</summary>
public sealed class BerEncodingTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    [Theory]
    [InlineData(0, "00")]
    [InlineData(1, "01")]
    [InlineData(127, "7F")]          // the largest short form
    [InlineData(128, "8180")]        // long form: 0x80 | 1 length byte, then 0x80
    [InlineData(255, "81FF")]
    [InlineData(256, "820100")]      // two length bytes
    [InlineData(65535, "82FFFF")]
    [InlineData(65536, "83010000")]
    public void Lengths_take_the_short_form_up_to_127_and_the_shortest_long_form_after(int length, string expected)
    {
        Assert.Equal(expected, Hex(Ber.Length(length)));
    }

    [Fact]
    public void Elements_of_127_128_and_256_content_bytes_have_the_length_their_size_needs_and_the_contents_after_it()
    {
        var at127 = Ber.OctetString(Enumerable.Repeat((byte)'a', 127).ToArray());
        Assert.Equal("047F61", Hex(at127[..3]));
        Assert.Equal(2 + 127, at127.Length);

        var at128 = Ber.OctetString(Enumerable.Repeat((byte)'a', 128).ToArray());
        Assert.Equal("04818061", Hex(at128[..4]));
        Assert.Equal(3 + 128, at128.Length);

        var at256 = Ber.Sequence(Ber.OctetString(new byte[252])); // 04 81 FC + 252 bytes = 255 contents; one more makes 256
        Assert.Equal("3081FF", Hex(at256[..3]));
        var at256b = Ber.Sequence(Ber.OctetString(new byte[253]));
        Assert.Equal("30820100", Hex(at256b[..4]));
        Assert.Equal(4 + 256, at256b.Length);
    }

    [Theory]
    [InlineData(0L, "020100")]
    [InlineData(1L, "020101")]
    [InlineData(127L, "02017F")]
    [InlineData(128L, "02020080")]       // 0x80 alone would read as -128: a zero byte goes first
    [InlineData(255L, "020200FF")]
    [InlineData(256L, "02020100")]
    [InlineData(32767L, "02027FFF")]
    [InlineData(32768L, "0203008000")]
    [InlineData(40700L, "0203009EFC")]   // 40700 = 0x9EFC, whose top bit is set
    [InlineData(-1L, "0201FF")]
    [InlineData(-128L, "020180")]        // fits in one byte
    [InlineData(-129L, "0202FF7F")]      // does not
    [InlineData(-256L, "0202FF00")]
    [InlineData(2147483647L, "02047FFFFFFF")]
    [InlineData(-2147483648L, "020480000000")]
    [InlineData(long.MinValue, "02088000000000000000")]
    public void Integers_are_twos_complement_in_the_fewest_bytes(long value, string expected)
    {
        Assert.Equal(expected, Hex(Ber.Integer(value)));
    }

    [Theory]
    [InlineData(0u, "430100")]
    [InlineData(127u, "43017F")]
    [InlineData(128u, "43020080")]
    [InlineData(123456u, "430301E240")]            // 123456 = 0x01E240
    [InlineData(2147483648u, "43050080000000")]    // 2^31: unsigned, so a zero byte keeps it positive
    [InlineData(4294967295u, "430500FFFFFFFF")]
    public void TimeTicks_are_application_3_with_an_unsigned_value(uint value, string expected)
    {
        Assert.Equal(expected, Hex(Ber.TimeTicks(value)));
    }

    [Theory]
    // 1.3 → 40 × 1 + 3 = 43 = 0x2B; 31023 = 1 × 128² + 114 × 128 + 47 → 0x81 0xF2 0x2F.
    [InlineData("1.3.6.1.4.1.31023", "06082B0601040181F22F")]
    [InlineData("1.3.6.1.2.1.1.3.0", "06082B06010201010300")]          // sysUpTime.0
    [InlineData("1.3.6.1.6.3.1.1.4.1.0", "060A2B060106030101040100")]  // snmpTrapOID.0
    // 40700 = 2 × 128² + 61 × 128 + 124 → 0x82 0xBD 0x7C.
    [InlineData("1.3.6.1.4.1.31023.1.1.2.0.40700", "060F2B0601040181F22F0101020082BD7C")]
    [InlineData("1.3.127", "06022B7F")]                                // the largest one-byte sub-identifier
    [InlineData("1.3.128", "06032B8100")]                              // the smallest two-byte one
    [InlineData("1.3.16383", "06032BFF7F")]
    [InlineData("1.3.16384", "06042B818000")]
    [InlineData("1.3.4294967295", "06062B8FFFFFFF7F")]                 // 2^32 - 1: five groups of seven bits
    [InlineData("0.0", "060100")]
    [InlineData("2.999.3", "0603883703")]                              // X.690's own example: 2 × 40 + 999 = 1079 → 0x88 0x37
    public void Object_identifiers_pack_the_first_two_arcs_and_write_sub_identifiers_in_base_128(string oid, string expected)
    {
        Assert.Equal(expected, Hex(Ber.ObjectIdentifier(SnmpOid.Parse(oid))));
    }

    [Fact]
    public void Null_octet_string_and_sequence_are_what_X690_says()
    {
        Assert.Equal("0500", Hex(Ber.Null()));
        Assert.Equal("0400", Hex(Ber.OctetString([])));
        Assert.Equal("0403616263", Hex(Ber.OctetString("abc"u8)));
        Assert.Equal("3000", Hex(Ber.Sequence()));
        Assert.Equal("30050201010500", Hex(Ber.Sequence(Ber.Integer(1), Ber.Null())));
        Assert.Equal("A703020107", Hex(Ber.Constructed(Ber.TrapV2PduTag, [Ber.Integer(7)])));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3.1")]
    [InlineData("1.40")]
    [InlineData("1.3.-1")]
    [InlineData("1.3.4294967296")]
    [InlineData("1..3")]
    [InlineData("")]
    public void Object_identifiers_SNMP_cannot_carry_are_refused(string oid)
    {
        Assert.ThrowsAny<Exception>(() => SnmpOid.Parse(oid));
    }
}
