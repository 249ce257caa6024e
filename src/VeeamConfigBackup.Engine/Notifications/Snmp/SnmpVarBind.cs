namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>One variable binding of a PDU: <c>VarBind ::= SEQUENCE { name ObjectName, value ObjectSyntax }</c> (RFC 3416 §3).</summary>
internal sealed record SnmpVarBind(SnmpOid Name, SnmpValue Value)
{
    public byte[] Encode() => Ber.Sequence(Ber.ObjectIdentifier(Name), Value.Encoded.ToArray());
}
