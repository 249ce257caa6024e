namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>An SNMPv2c trap message taken apart by <see cref="BerReader"/>, its shape checked against RFC 3416 on the way.</summary>
internal sealed record DecodedTrap(string Community, long RequestId, long UpTime, string TrapOid, IReadOnlyList<(string Oid, BerNode Value)> Variables)
{
    public const string SysUpTime0 = "1.3.6.1.2.1.1.3.0";
    public const string SnmpTrapOid0 = "1.3.6.1.6.3.1.1.4.1.0";

    public static DecodedTrap Decode(byte[] message)
    {
        var root = BerReader.Read(message);
        Assert.Equal(0x30, root.Tag);
        Assert.Equal(3, root.Children.Count);
        Assert.Equal(1, root[0].Integer()); // SNMPv2c
        Assert.Equal(0x04, root[1].Tag);
        var pdu = root[2];
        Assert.Equal(0xA7, pdu.Tag);
        Assert.Equal(4, pdu.Children.Count);
        Assert.Equal(0, pdu[1].Integer()); // error-status
        Assert.Equal(0, pdu[2].Integer()); // error-index
        Assert.Equal(0x30, pdu[3].Tag);
        var bindings = pdu[3].Children.Select(b =>
        {
            Assert.Equal(0x30, b.Tag);
            Assert.Equal(2, b.Children.Count);
            return (b[0].Oid(), b[1]);
        }).ToList();
        Assert.True(bindings.Count >= 2, "a notification starts with sysUpTime.0 and snmpTrapOID.0");
        Assert.Equal(SysUpTime0, bindings[0].Item1);
        Assert.Equal(0x43, bindings[0].Item2.Tag);
        Assert.Equal(SnmpTrapOid0, bindings[1].Item1);
        return new DecodedTrap(System.Text.Encoding.UTF8.GetString(root[1].Contents), pdu[0].Integer(), bindings[0].Item2.Integer(),
            bindings[1].Item2.Oid(), bindings.Skip(2).ToList());
    }

    public BerNode this[string oid] => Variables.Single(v => v.Oid == oid).Value;

    public bool Has(string oid) => Variables.Any(v => v.Oid == oid);
}
