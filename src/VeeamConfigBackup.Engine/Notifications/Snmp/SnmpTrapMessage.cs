namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// An SNMPv2c notification message (RFC 1901 §3, RFC 3416 §4.2.6):
/// <code>
/// Message ::= SEQUENCE { version INTEGER (1 = v2c), community OCTET STRING,
///                        SNMPv2-Trap-PDU [7] { request-id, error-status 0, error-index 0,
///                                              variable-bindings SEQUENCE OF VarBind } }
/// </code>
/// whose first two bindings are the ones RFC 3416 §4.2.6 requires of every notification: sysUpTime.0 and snmpTrapOID.0.
/// </summary>
internal static class SnmpTrapMessage
{
    /// <summary>msgVersion for SNMPv2c: the version numbers are 0 for v1 and 1 for v2c (RFC 1901 §3).</summary>
    public const int VersionV2c = 1;

    /// <summary>sysUpTime.0 (SNMPv2-MIB, RFC 3418): when, in the sender's uptime, the notification was made.</summary>
    public static readonly SnmpOid SysUpTime0 = SnmpOid.Parse("1.3.6.1.2.1.1.3.0");

    /// <summary>snmpTrapOID.0 (SNMPv2-MIB, RFC 3418): which notification this is.</summary>
    public static readonly SnmpOid SnmpTrapOid0 = SnmpOid.Parse("1.3.6.1.6.3.1.1.4.1.0");

    /// <summary>The message, with the variables after the two bindings every notification starts with.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> community, int requestId, uint upTimeHundredths, SnmpOid trapOid, IEnumerable<byte[]> encodedVariables)
    {
        var bindings = new List<byte[]>(Standard(upTimeHundredths, trapOid));
        bindings.AddRange(encodedVariables);
        var pdu = Ber.Constructed(Ber.TrapV2PduTag,
        [
            Ber.Integer(requestId),
            Ber.Integer(0), // error-status: noError, always, in a notification
            Ber.Integer(0), // error-index
            Ber.Constructed(Ber.SequenceTag, bindings),
        ]);
        return Ber.Sequence(Ber.Integer(VersionV2c), Ber.OctetString(community), pdu);
    }

    /// <summary>
    /// What <see cref="Encode"/> would return the length of, from the variables' total encoded length alone, so that a
    /// message can be fitted to a size without being encoded again at every step.
    /// </summary>
    public static int Size(int communityBytes, int requestId, uint upTimeHundredths, SnmpOid trapOid, int encodedVariablesBytes)
    {
        var bindings = Standard(upTimeHundredths, trapOid).Sum(b => b.Length) + encodedVariablesBytes;
        var pdu = Ber.Integer(requestId).Length + 3 + 3 + Wrapped(bindings);
        return Wrapped(Ber.Integer(VersionV2c).Length + Wrapped(communityBytes) + Wrapped(pdu));
    }

    private static byte[][] Standard(uint upTimeHundredths, SnmpOid trapOid) =>
    [
        new SnmpVarBind(SysUpTime0, SnmpValue.TimeTicks(upTimeHundredths)).Encode(),
        new SnmpVarBind(SnmpTrapOid0, SnmpValue.ObjectIdentifier(trapOid)).Encode(),
    ];

    /// <summary>The size of an element with this many content bytes: tag, length, contents.</summary>
    private static int Wrapped(int contents) => 1 + Ber.Length(contents).Length + contents;
}
