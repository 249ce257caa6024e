using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Snmp;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>Traps against a real receiver: Net-SNMP's snmptrapd, started by tests/Receivers/snmp.sh, read back from its log.</summary>
public sealed class SnmpTrapdTests
{
    private const string Events = "1.3.6.1.4.1.31023.1.1.2";

    private static string Marker() => "marker-" + Guid.NewGuid().ToString("N");

    [SnmpFact]
    public void A_configuration_backup_event_arrives_with_the_community_the_trap_oid_and_every_value()
    {
        var marker = Marker();
        var notification = SnmpTrapMessageTests.ConfigurationBackupFinished(marker) with { ServerName = "vbrsrv01.équipe.local" };

        new SnmpTrapSender(TestSnmp.Settings()).Send(notification);

        var trap = TestSnmp.WaitFor(marker) ?? throw new Xunit.Sdk.XunitException($"snmptrapd logged no trap with {marker} in {TestSnmp.Log}");
        Assert.StartsWith("TRAP2, SNMP v2c, ", trap.Security);
        Assert.Equal(TestSnmp.Community, trap.Community);
        Assert.Equal("1.3.6.1.2.1.1.3.0", trap.Variables[0].Oid);          // sysUpTime.0 first,
        Assert.Matches("^[0-9]+$", trap.Variables[0].Value);
        Assert.Equal("1.3.6.1.6.3.1.1.4.1.0", trap.Variables[1].Oid);      // snmpTrapOID.0 second
        Assert.Equal("OID", trap.TypeOf("1.3.6.1.6.3.1.1.4.1.0"));
        Assert.Equal($"{Events}.0.40700", trap["1.3.6.1.6.3.1.1.4.1.0"]);
        Assert.Equal("INTEGER", trap.TypeOf($"{Events}.1.1"));
        Assert.Equal("40700", trap[$"{Events}.1.1"]);
        Assert.Equal("Configuration Backup Job Finished", trap[$"{Events}.1.2"]);
        Assert.Equal("Warning", trap[$"{Events}.1.3"]);
        Assert.Equal("vbrsrv01.équipe.local", trap[$"{Events}.1.4"]);
        Assert.Equal("2025-11-03T08:00:37.272Z", trap[$"{Events}.1.5"]);
        Assert.Equal(notification.Description, trap[$"{Events}.1.6"]);
        for (var i = 0; i < notification.Parameters.Count; i++)
        {
            Assert.Equal(notification.Parameters[i].Key, trap[$"{Events}.2.{i + 1}"]);
            Assert.Equal(notification.Parameters[i].Value, trap[$"{Events}.3.{i + 1}"]);
        }
        Assert.Equal(2 + 6 + 2 * notification.Parameters.Count, trap.Variables.Count);
    }

    [SnmpFact]
    public void A_trap_with_another_community_is_dropped_by_the_receiver()
    {
        var refused = Marker();
        var accepted = Marker();

        new SnmpTrapSender(TestSnmp.Settings(community: "not-the-" + TestSnmp.Community)).Send(SnmpTrapMessageTests.ConfigurationBackupFinished(refused));
        new SnmpTrapSender(TestSnmp.Settings()).Send(SnmpTrapMessageTests.ConfigurationBackupFinished(accepted));

        // snmptrapd handles datagrams in order: once the second is logged, the first would have been.
        Assert.NotNull(TestSnmp.WaitFor(accepted));
        Assert.DoesNotContain(TestSnmp.Traps(), t => t.Variables.Any(v => v.Value.Contains(refused, StringComparison.Ordinal)));
    }

    [SnmpFact]
    public void An_event_too_long_for_one_datagram_arrives_shortened_and_whole()
    {
        var marker = Marker();
        var notification = SnmpTrapMessageTests.ConfigurationBackupFinished(marker) with
        {
            Parameters = [new("ConfigurationBackupSpecXML", "<ConfigurationBackupJobSpec>" + string.Concat(Enumerable.Repeat("<RepositoryName>Dépôt</RepositoryName>", 500)))],
        };

        new SnmpTrapSender(TestSnmp.Settings()).Send(notification);

        var trap = TestSnmp.WaitFor(marker) ?? throw new Xunit.Sdk.XunitException($"snmptrapd logged no trap with {marker}");
        var value = trap[$"{Events}.3.1"];
        Assert.EndsWith("\u2026", value);
        Assert.StartsWith(value[..^1], notification.Parameters[0].Value);
        Assert.Equal(notification.Description, trap[$"{Events}.1.6"]);
    }
}
