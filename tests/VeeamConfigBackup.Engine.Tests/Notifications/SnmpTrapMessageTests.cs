using System.Text;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Snmp;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>Whole traps as the engine encodes them, decoded again by the test's own BER reader.</summary>
public sealed class SnmpTrapMessageTests
{
    private const string Events = "1.3.6.1.4.1.31023.1.1.2";
    private static readonly byte[] Community = "vbr-test-community"u8.ToArray();

    internal static NotificationEvent ConfigurationBackupFinished(string? marker = null) => new()
    {
        InstanceId = 40700,
        Name = "Configuration Backup Job Finished",
        Severity = NotificationSeverity.Warning,
        TimeUtc = new DateTimeOffset(2025, 11, 3, 10, 0, 37, 272, TimeSpan.FromHours(2)),
        ServerName = "vbrsrv01.tech.local",
        Parameters =
        [
            new("ConfigurationBackupSpecXML", "<ConfigurationBackupJobSpec><RepositoryName>Default Backup Repository</RepositoryName><RetentionPolicy>15</RetentionPolicy></ConfigurationBackupJobSpec>"),
            new("VbrHostName", "vbrsrv01.tech.local"),
            new("VbrVersion", "13.0.1.180"),
            new("Version", "1"),
        ],
        Description = "Configuration backup has been completed. Result: Warning." + (marker is null ? "" : " " + marker),
    };

    [Fact]
    public void A_trap_carries_version_2c_the_community_the_uptime_the_events_trap_and_every_fact_in_order()
    {
        var message = SnmpEventTrap.Encode(ConfigurationBackupFinished(), Community, requestId: 123456789, upTimeHundredths: 4242, maxBytes: 1400);

        var trap = DecodedTrap.Decode(message);
        Assert.Equal("vbr-test-community", trap.Community);
        Assert.Equal(123456789, trap.RequestId);
        Assert.Equal(4242, trap.UpTime);
        Assert.Equal($"{Events}.0.40700", trap.TrapOid);
        var expected = new (string, object)[]
        {
            ($"{Events}.1.1", 40700L),
            ($"{Events}.1.2", "Configuration Backup Job Finished"),
            ($"{Events}.1.3", "Warning"),
            ($"{Events}.1.4", "vbrsrv01.tech.local"),
            ($"{Events}.1.5", "2025-11-03T08:00:37.272Z"), // the event's time in UTC
            ($"{Events}.1.6", "Configuration backup has been completed. Result: Warning."),
            ($"{Events}.2.1", "ConfigurationBackupSpecXML"),
            ($"{Events}.3.1", ConfigurationBackupFinished().Parameters[0].Value),
            ($"{Events}.2.2", "VbrHostName"),
            ($"{Events}.3.2", "vbrsrv01.tech.local"),
            ($"{Events}.2.3", "VbrVersion"),
            ($"{Events}.3.3", "13.0.1.180"),
            ($"{Events}.2.4", "Version"),
            ($"{Events}.3.4", "1"),
        };
        Assert.Equal(expected.Length, trap.Variables.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Item1, trap.Variables[i].Oid);
            object actual = expected[i].Item2 is long ? trap.Variables[i].Value.Integer() : trap.Variables[i].Value.Utf8();
            Assert.Equal(expected[i].Item2, actual);
        }
    }

    [Fact]
    public void A_small_trap_is_byte_for_byte_what_RFC_3416_lays_out()
    {
        var notification = new NotificationEvent
        {
            InstanceId = 40700,
            Name = "N",
            Severity = NotificationSeverity.Info,
            TimeUtc = new DateTimeOffset(2025, 11, 3, 8, 0, 37, 272, TimeSpan.Zero),
            ServerName = "S",
            Description = "D",
        };

        var message = SnmpEventTrap.Encode(notification, "c"u8, requestId: 1, upTimeHundredths: 0, maxBytes: 1400);

        // events.1.n: 2B 06 01 04 01 (1.3.6.1.4.1), 81 F2 2F (31023), 01 01 02 (.1.1.2), 01 0n: 13 content bytes.
        static string Fact(int n, string value) => "060D2B0601040181F22F010102010" + n + value;
        static string Text(string s) => "04" + s.Length.ToString("X2") + Convert.ToHexString(Encoding.ASCII.GetBytes(s));
        var time = Text("2025-11-03T08:00:37.272Z");                        // 24 bytes: 04 18 ...
        var expected =
            "3081D7" +                                                      // Message, 215 content bytes
            "020101" +                                                      // version 1: SNMPv2c
            "040163" +                                                      // community "c"
            "A781CE" +                                                      // SNMPv2-Trap-PDU, 206 content bytes
            "020101" + "020100" + "020100" +                                // request-id 1, error-status 0, error-index 0
            "3081C2" +                                                      // variable-bindings, 194 content bytes
            "300D" + "06082B06010201010300" + "430100" +                    // sysUpTime.0 = TimeTicks 0
            "301D" + "060A2B060106030101040100" + "060F2B0601040181F22F0101020082BD7C" + // snmpTrapOID.0 = events.0.40700
            "3014" + Fact(1, "0203009EFC") +                                // eventInstanceId = 40700
            "3012" + Fact(2, Text("N")) +
            "3015" + Fact(3, Text("Info")) +
            "3012" + Fact(4, Text("S")) +
            "3029" + Fact(5, time) +
            "3012" + Fact(6, Text("D"));
        Assert.Equal(expected, Convert.ToHexString(message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(70_000)]
    public void The_size_worked_out_without_encoding_is_the_encoded_size(int variableBytes)
    {
        var variables = variableBytes == 0 ? [] : new[] { Ber.OctetString(new byte[variableBytes - Ber.Length(variableBytes).Length - 1]) };
        var community = new byte[200];
        var trap = SnmpEventOids.Trap(40700);

        var encoded = SnmpTrapMessage.Encode(community, int.MinValue, uint.MaxValue, trap, variables);

        Assert.Equal(encoded.Length, SnmpTrapMessage.Size(community.Length, int.MinValue, uint.MaxValue, trap, variables.Sum(v => v.Length)));
    }

    [Fact]
    public void Text_goes_as_UTF8()
    {
        var message = SnmpEventTrap.Encode(ConfigurationBackupFinished() with { ServerName = "sauvegarde-équipe", Description = "Terminé — 完了 ✓ 🗄" }, Community, 1, 0, 1400);

        var trap = DecodedTrap.Decode(message);
        Assert.Equal("sauvegarde-équipe", trap[$"{Events}.1.4"].Utf8());
        Assert.Equal("Terminé — 完了 ✓ 🗄", trap[$"{Events}.1.6"].Utf8());
        Assert.Equal(Encoding.UTF8.GetBytes("Terminé — 完了 ✓ 🗄"), trap[$"{Events}.1.6"].Contents);
    }

    [Theory]
    [InlineData("x")]         // one byte a character
    [InlineData("é")]         // two
    [InlineData("完")]        // three
    [InlineData("🗄")]        // four (a surrogate pair in .NET)
    public void A_long_value_is_cut_to_fit_between_characters_and_marked(string character)
    {
        var huge = string.Concat(Enumerable.Repeat(character, 5000));
        var message = SnmpEventTrap.Encode(ConfigurationBackupFinished() with { Parameters = [new("ConfigurationBackupSpecXML", huge)] }, Community, 1, 0, 1400);

        Assert.InRange(message.Length, 1300, 1400);
        var trap = DecodedTrap.Decode(message); // Utf8() below throws on a cut character
        var value = trap[$"{Events}.3.1"].Utf8();
        Assert.EndsWith("\u2026", value);
        Assert.StartsWith(value[..^1], huge);
        Assert.True(value.Length > 100, $"only {value.Length} characters were kept");
        Assert.Equal("Configuration backup has been completed. Result: Warning.", trap[$"{Events}.1.6"].Utf8()); // the short ones stay whole
        Assert.False(trap.Has($"{Events}.1.7"));
    }

    [Fact]
    public void A_trap_that_fits_is_not_touched()
    {
        var message = SnmpEventTrap.Encode(ConfigurationBackupFinished(), Community, 1, 0, 1400);

        Assert.DoesNotContain(DecodedTrap.Decode(message).Variables, v => v.Value.Tag == 0x04 && v.Value.Utf8().EndsWith('\u2026'));
    }

    [Fact]
    public void Too_many_parameters_leave_out_the_last_ones_and_say_how_many()
    {
        var parameters = Enumerable.Range(1, 300).Select(i => new KeyValuePair<string, string>($"Parameter{i}", $"value {i}")).ToList();
        var message = SnmpEventTrap.Encode(ConfigurationBackupFinished() with { Parameters = parameters }, Community, 1, 0, 1400);

        Assert.True(message.Length <= 1400);
        var trap = DecodedTrap.Decode(message);
        var kept = trap.Variables.Count(v => v.Oid.StartsWith($"{Events}.2.", StringComparison.Ordinal));
        Assert.InRange(kept, 10, 299);
        Assert.Equal(300 - kept, trap[$"{Events}.1.7"].Integer());
        for (var i = 1; i <= kept; i++)
        {
            Assert.Equal($"Parameter{i}", trap[$"{Events}.2.{i}"].Utf8());
            Assert.Equal($"value {i}", trap[$"{Events}.3.{i}"].Utf8());
        }
        Assert.False(trap.Has($"{Events}.3.{kept + 1}"));
    }

    [Fact]
    public void The_worst_event_still_fits_in_the_484_bytes_every_receiver_accepts()
    {
        var big = new string('w', 10_000);
        var notification = ConfigurationBackupFinished() with
        {
            InstanceId = int.MaxValue,
            Name = big,
            ServerName = big,
            Description = big,
            Parameters = [.. Enumerable.Range(1, 1000).Select(i => new KeyValuePair<string, string>(big, big))],
        };
        var longestCommunity = Encoding.UTF8.GetBytes(new string('c', 255));

        var message = SnmpEventTrap.Encode(notification, longestCommunity, int.MaxValue, uint.MaxValue, SnmpEventTrap.MinimumMessageBytes);

        Assert.True(message.Length <= 484, $"{message.Length} bytes");
        var trap = DecodedTrap.Decode(message);
        Assert.Equal(new string('c', 255), trap.Community);
        Assert.Equal($"{Events}.0.{int.MaxValue}", trap.TrapOid);
        Assert.Equal(1000, trap[$"{Events}.1.7"].Integer());
    }

    [Fact]
    public void No_size_limit_from_484_to_2000_bytes_is_ever_passed_or_cut_below_what_it_needed()
    {
        var rest = string.Concat(Enumerable.Range(0, 400).Select(i => (char)('a' + i % 26) + "é完"));
        var notification = ConfigurationBackupFinished() with
        {
            Description = rest,
            Parameters = [.. Enumerable.Range(1, 40).Select(i => new KeyValuePair<string, string>($"P{i}", rest[..(i * 7)]))],
        };
        for (var limit = 484; limit <= 2000; limit++)
        {
            var message = SnmpEventTrap.Encode(notification, Community, 7, 7, limit);
            Assert.True(message.Length <= limit, $"{message.Length} bytes for a limit of {limit}");
            Assert.True(message.Length >= limit - 8, $"{message.Length} bytes for a limit of {limit}: cut more than needed");
            DecodedTrap.Decode(message);
        }
    }

    [Fact]
    public void A_negative_event_id_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SnmpEventTrap.Encode(ConfigurationBackupFinished() with { InstanceId = -1 }, Community, 1, 0, 1400));
    }
}
