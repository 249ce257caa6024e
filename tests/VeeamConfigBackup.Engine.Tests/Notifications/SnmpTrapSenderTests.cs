using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Snmp;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The sender over real UDP sockets on this machine's loopback, without an SNMP receiver.</summary>
public sealed class SnmpTrapSenderTests
{
    private const string Community = "s3cret-community";

    /// <summary>A UDP port on loopback that nothing listens on: bound, noted, and let go.</summary>
    private static int ClosedPort(AddressFamily family = AddressFamily.InterNetwork)
    {
        using var probe = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    [Fact]
    public void A_trap_reaches_a_UDP_listener_whole_with_its_community()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var sender = new SnmpTrapSender(new SnmpReceiverSettings { Host = "127.0.0.1", Port = port, Community = Community });

        sender.Send(SnmpTrapMessageTests.ConfigurationBackupFinished("listener"));

        listener.Client.ReceiveTimeout = 5000;
        IPEndPoint? from = null;
        var datagram = listener.Receive(ref from);
        var trap = DecodedTrap.Decode(datagram);
        Assert.Equal(Community, trap.Community);
        Assert.Equal("1.3.6.1.4.1.31023.1.1.2.0.40700", trap.TrapOid);
        Assert.EndsWith("listener", trap["1.3.6.1.4.1.31023.1.1.2.1.6"].Utf8());
        Assert.InRange(trap.RequestId, 1, int.MaxValue);
    }

    [Fact]
    public void A_port_nobody_listens_on_is_reported_from_the_ICMP_refusal_without_the_community()
    {
        var port = ClosedPort();
        var sender = new SnmpTrapSender(new SnmpReceiverSettings { Host = "127.0.0.1", Port = port, Community = Community });
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(SnmpTrapMessageTests.ConfigurationBackupFinished()));

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, ex.Kind);
        Assert.Equal($"snmp udp://127.0.0.1:{port}", ex.Receiver);
        Assert.Equal($"snmp udp://127.0.0.1:{port}", sender.Receiver);
        Assert.Contains($"nothing listens on UDP port {port}", ex.Reason);
        Assert.StartsWith($"The notification to snmp udp://127.0.0.1:{port} was not delivered: ", ex.Message);
        Assert.IsType<SocketException>(ex.InnerException);
        Assert.DoesNotContain(Community, ex.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_refusal_on_the_IPv6_loopback_is_reported_too_with_the_address_in_brackets()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return; // nothing to check on a machine without IPv6
        }
        int port;
        try
        {
            port = ClosedPort(AddressFamily.InterNetworkV6);
        }
        catch (SocketException)
        {
            return; // IPv6 compiled in but ::1 not configured (some containers)
        }
        var sender = new SnmpTrapSender(new SnmpReceiverSettings { Host = "::1", Port = port, Community = Community });

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(SnmpTrapMessageTests.ConfigurationBackupFinished()));

        Assert.Equal($"snmp udp://[::1]:{port}", ex.Receiver);
        Assert.Contains("nothing listens", ex.Reason);
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_fails_within_the_timeout()
    {
        // .invalid never resolves (RFC 6761); where there is no DNS at all, the lookup may time out instead.
        var sender = new SnmpTrapSender(new SnmpReceiverSettings { Host = "no-such-receiver.invalid", Community = Community, Timeout = TimeSpan.FromSeconds(3) });
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(SnmpTrapMessageTests.ConfigurationBackupFinished()));

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal("snmp udp://no-such-receiver.invalid:162", ex.Receiver);
        Assert.Matches("could not be resolved|took longer than 3 s", ex.Reason);
        Assert.DoesNotContain(Community, ex.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_name_that_resolves_to_an_address_nobody_listens_on_is_reported_as_refused()
    {
        var port = ClosedPort();
        var sender = new SnmpTrapSender(new SnmpReceiverSettings { Host = "localhost", Port = port, Community = Community });

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(SnmpTrapMessageTests.ConfigurationBackupFinished()));

        Assert.Equal($"snmp udp://localhost:{port}", ex.Receiver);
        Assert.Contains("nothing listens", ex.Reason);
    }

    [Fact]
    public void A_cancelled_send_sends_nothing_and_says_it_was_cancelled()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var sender = new SnmpTrapSender(new SnmpReceiverSettings { Host = "127.0.0.1", Port = port, Community = Community });

        Assert.ThrowsAny<OperationCanceledException>(() => sender.Send(SnmpTrapMessageTests.ConfigurationBackupFinished(), new CancellationToken(canceled: true)));

        Assert.Equal(0, listener.Available);
    }

    [Fact]
    public void The_settings_print_everything_but_the_community_and_default_to_port_162_and_5_seconds()
    {
        var settings = new SnmpReceiverSettings { Host = "traps.example.net", Community = Community };

        Assert.Equal(162, settings.Port);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Timeout);
        Assert.Equal(1400, settings.MaxMessageBytes);
        Assert.Equal("snmp udp://traps.example.net:162", settings.Receiver);
        Assert.DoesNotContain(Community, settings.ToString());
        Assert.Contains("traps.example.net", settings.ToString());
        Assert.DoesNotContain(Community, new SnmpTrapSender(settings).Receiver);
    }

    [Theory]
    [InlineData("", 162, Community, 5, 1400)]
    [InlineData("two words", 162, Community, 5, 1400)]
    [InlineData("127.0.0.1", 0, Community, 5, 1400)]
    [InlineData("127.0.0.1", 65536, Community, 5, 1400)]
    [InlineData("127.0.0.1", 162, "", 5, 1400)]
    [InlineData("127.0.0.1", 162, Community, 0, 1400)]
    [InlineData("127.0.0.1", 162, Community, 5, 483)]
    [InlineData("127.0.0.1", 162, Community, 5, 65508)]
    public void Settings_a_sender_cannot_use_are_refused_at_once_without_the_community(string host, int port, string community, int seconds, int maxBytes)
    {
        var settings = new SnmpReceiverSettings { Host = host, Port = port, Community = community, Timeout = TimeSpan.FromSeconds(seconds), MaxMessageBytes = maxBytes };

        var ex = Assert.Throws<ConfigBackupException>(() => new SnmpTrapSender(settings));

        Assert.Equal("InvalidNotificationReceiver", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.DoesNotContain(Community, ex.Message);
    }

    [Fact]
    public void A_community_longer_than_255_bytes_is_refused()
    {
        var settings = new SnmpReceiverSettings { Host = "127.0.0.1", Community = new string('é', 128) }; // 256 bytes of UTF-8

        Assert.Equal("InvalidNotificationReceiver", Assert.Throws<ConfigBackupException>(() => new SnmpTrapSender(settings)).ErrorId);
    }
}
