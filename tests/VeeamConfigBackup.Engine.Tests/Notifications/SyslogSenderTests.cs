using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The sender's settings and its bounded failures, against local sockets of the test's own (no syslog daemon).</summary>
public sealed class SyslogSenderTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    /// <summary>What a test allows beyond the timeout: thread pool start-up, a loaded CI machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("127.0.0.1", 5514, SyslogServerProtocol.Tcp, "syslog tcp://127.0.0.1:5514")]
    [InlineData("siem.example.com", 514, SyslogServerProtocol.Udp, "syslog udp://siem.example.com:514")]
    [InlineData("::1", 6514, SyslogServerProtocol.Tls, "syslog tls://[::1]:6514")]
    public void The_receiver_names_protocol_host_and_port(string host, int port, SyslogServerProtocol protocol, string receiver)
    {
        Assert.Equal(receiver, new SyslogSender(Server(host, port, protocol)).Receiver);
    }

    [Fact]
    public void The_default_timeout_is_five_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new SyslogSender(Server("127.0.0.1", 514, SyslogServerProtocol.Udp)).Timeout);
    }

    [Theory]
    [InlineData("", 514, SyslogServerProtocol.Udp, null)]
    [InlineData("two words", 514, SyslogServerProtocol.Udp, null)]
    [InlineData("127.0.0.1", 0, SyslogServerProtocol.Udp, null)]
    [InlineData("127.0.0.1", 65536, SyslogServerProtocol.Tcp, null)]
    [InlineData("127.0.0.1", 514, (SyslogServerProtocol)7, null)]
    [InlineData("127.0.0.1", 514, SyslogServerProtocol.Tcp, "532CC00EF1DEF37D108CFB0F71435198E877ADC3")]
    [InlineData("127.0.0.1", 6514, SyslogServerProtocol.Tls, "532CC00EF1DEF37D108CFB0F71435198E877AD")]
    [InlineData("127.0.0.1", 6514, SyslogServerProtocol.Tls, "ZZ2CC00EF1DEF37D108CFB0F71435198E877ADC3")]
    public void Settings_that_cannot_work_are_refused_at_once(string host, int port, SyslogServerProtocol protocol, string? thumbprint)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SyslogSender(Server(host, port, protocol) with { CertificateThumbprint = thumbprint }));
    }

    [Theory]
    [InlineData("532CC00EF1DEF37D108CFB0F71435198E877ADC3")]
    [InlineData("53:2c:c0:0e:f1:de:f3:7d:10:8c:fb:0f:71:43:51:98:e8:77:ad:c3")]
    [InlineData("\u200e53 2c c0 0e f1 de f3 7d 10 8c fb 0f 71 43 51 98 e8 77 ad c3")]
    [InlineData("C7F1B0A1D2E3F405162738495A6B7C8D9EAFB0C1D2E3F405162738495A6B7C8D")]
    public void A_thumbprint_is_read_as_people_copy_it(string thumbprint)
    {
        _ = new SyslogSender(Server("127.0.0.1", 6514, SyslogServerProtocol.Tls) with { CertificateThumbprint = thumbprint });
    }

    [Theory]
    [InlineData(SyslogServerProtocol.Tcp)]
    [InlineData(SyslogServerProtocol.Tls)]
    public void A_port_with_nothing_listening_fails_with_NotificationFailed_within_the_timeout(SyslogServerProtocol protocol)
    {
        // The default timeout: a refusal on loopback comes at once, but a test run that loads both cores can delay
        // the connect's completion past a one-second deadline, and then the reason would be the timeout instead.
        var sender = new SyslogSender(Server("127.0.0.1", FreePort(), protocol), SyslogSender.DefaultTimeout);

        var (ex, elapsed) = Failing(sender);

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal(sender.Receiver, ex.Receiver);
        Assert.Contains("refused", ex.Reason);
        Assert.Contains(sender.Receiver, ex.Message);
        Assert.True(elapsed < SyslogSender.DefaultTimeout + Slack, $"took {elapsed}");
    }

    [Fact]
    public void A_TLS_server_that_accepts_but_never_answers_fails_within_the_timeout()
    {
        using var silent = new SilentListener();
        var sender = new SyslogSender(Server("127.0.0.1", silent.Port, SyslogServerProtocol.Tls), ShortTimeout);

        var (ex, elapsed) = Failing(sender);

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Contains("no answer within 1 s while negotiating TLS", ex.Reason);
        Assert.True(elapsed >= ShortTimeout - TimeSpan.FromMilliseconds(100), $"gave up after {elapsed}, before its timeout");
        Assert.True(elapsed < ShortTimeout + Slack, $"took {elapsed}");
    }

    [Fact]
    public void A_TCP_server_that_accepts_but_never_reads_does_not_hold_the_sender_beyond_its_timeout()
    {
        using var silent = new SilentListener();
        var sender = new SyslogSender(Server("127.0.0.1", silent.Port, SyslogServerProtocol.Tcp), ShortTimeout);

        var clock = Stopwatch.StartNew();
        try
        {
            // The system takes the bytes (TCP has no answer to wait for), so this returns; what matters is that it returns.
            sender.Send(SyslogMessageFormatterTests.ConfigurationBackupFinished());
        }
        catch (NotificationDeliveryException)
        {
        }
        Assert.True(clock.Elapsed < ShortTimeout + Slack, $"took {clock.Elapsed}");
        Assert.True(SpinWait.SpinUntil(() => silent.Accepted, TimeSpan.FromSeconds(5)), "the listener saw the connection");
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_fails_with_NotificationFailed_within_the_timeout()
    {
        var sender = new SyslogSender(Server("no-such-host.invalid", 514, SyslogServerProtocol.Tcp), ShortTimeout);

        var (ex, elapsed) = Failing(sender);

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.True(elapsed < ShortTimeout + Slack, $"took {elapsed}");
    }

    [Fact]
    public void The_callers_cancellation_is_a_cancellation_not_a_failed_delivery()
    {
        using var silent = new SilentListener();
        var sender = new SyslogSender(Server("127.0.0.1", silent.Port, SyslogServerProtocol.Tls), TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => sender.Send(SyslogMessageFormatterTests.ConfigurationBackupFinished(), cancellation.Token));
    }

    [Fact]
    public void An_event_with_a_parameter_name_syslog_cannot_carry_is_refused_before_anything_is_sent()
    {
        var sender = new SyslogSender(Server("127.0.0.1", FreePort(), SyslogServerProtocol.Tcp), ShortTimeout);

        Assert.Throws<ArgumentException>(() => sender.Send(SyslogMessageFormatterTests.Event(("Job Name", "x"))));
    }

    internal static SyslogServerSettings Server(string host, int port, SyslogServerProtocol protocol) =>
        new() { ServerHost = host, Port = port, Protocol = protocol };

    internal static (NotificationDeliveryException Error, TimeSpan Elapsed) Failing(SyslogSender sender, NotificationEvent? notification = null)
    {
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(notification ?? SyslogMessageFormatterTests.ConfigurationBackupFinished()));
        return (ex, clock.Elapsed);
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on (it was free a moment ago; nothing here takes it since).</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A listener that accepts connections and then neither reads nor writes nor closes: a hung server.</summary>
    private sealed class SilentListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _accepted = [];
        private readonly Task _accepting;

        public SilentListener()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accepting = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var socket = await _listener.AcceptSocketAsync();
                        lock (_accepted)
                        {
                            _accepted.Add(socket);
                        }
                    }
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                }
            });
        }

        public int Port { get; }

        public bool Accepted
        {
            get
            {
                lock (_accepted)
                {
                    return _accepted.Count > 0;
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _accepting.Wait(TimeSpan.FromSeconds(5));
            lock (_accepted)
            {
                _accepted.ForEach(s => s.Dispose());
            }
        }
    }
}
