using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Syslog;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>
/// Messages sent to a real rsyslog (tests/Receivers/syslog.sh) over each protocol, compared with what it received, byte for
/// byte: the daemon writes each message as it came (%rawmsg%), and every test marks its event with a fresh id to find it.
/// </summary>
public sealed class SyslogDeliveryTests
{
    [SyslogFact]
    public void UDP_delivers_the_message_byte_for_byte() => AssertDelivered(SyslogServerProtocol.Udp, TestSyslog.UdpPort);

    [SyslogFact]
    public void TCP_delivers_the_message_byte_for_byte() => AssertDelivered(SyslogServerProtocol.Tcp, TestSyslog.TcpPort);

    [SyslogFact(Tls = true)]
    public void TLS_with_the_servers_pinned_SHA_1_thumbprint_delivers_the_message_byte_for_byte() =>
        AssertDelivered(SyslogServerProtocol.Tls, TestSyslog.TlsPort, TestSyslog.TlsThumbprint);

    [SyslogFact(Tls = true)]
    public void TLS_with_the_servers_pinned_SHA_256_thumbprint_delivers_too()
    {
        var certificate = X509CertificateLoader.LoadCertificateFromFile(TestSyslog.TlsCertificatePath!);
        AssertDelivered(SyslogServerProtocol.Tls, TestSyslog.TlsPort, certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant());
    }

    [SyslogFact(Tls = true)]
    public void TLS_with_a_wrong_thumbprint_fails_with_NotificationFailed_and_delivers_nothing()
    {
        var right = TestSyslog.TlsThumbprint!;
        var wrong = (right[0] == '0' ? "1" : "0") + right[1..];
        var refused = Marked(out var refusedMarker);
        var sender = Sender(SyslogServerProtocol.Tls, TestSyslog.TlsPort, wrong);

        var (ex, _) = SyslogSenderTests.Failing(sender, refused);

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal(sender.Receiver, ex.Receiver);
        Assert.Contains($"thumbprint {right}", ex.Reason);
        Assert.Contains("not the pinned one", ex.Reason);
        // A message sent after it over the same input arrives; by then the refused one would have arrived too.
        AssertDelivered(SyslogServerProtocol.Tls, TestSyslog.TlsPort, right);
        Assert.Null(TestSyslog.FindLine(refusedMarker, TimeSpan.Zero));
    }

    [SyslogFact(Tls = true)]
    public void TLS_without_a_thumbprint_refuses_a_certificate_the_system_does_not_trust()
    {
        var refused = Marked(out var refusedMarker);
        var sender = Sender(SyslogServerProtocol.Tls, TestSyslog.TlsPort, null);

        var (ex, _) = SyslogSenderTests.Failing(sender, refused);

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Contains("not trusted", ex.Reason);
        Assert.Contains(TestSyslog.TlsThumbprint!, ex.Reason);
        AssertDelivered(SyslogServerProtocol.Tls, TestSyslog.TlsPort, TestSyslog.TlsThumbprint);
        Assert.Null(TestSyslog.FindLine(refusedMarker, TimeSpan.Zero));
    }

    [SyslogFact(Tls = true)]
    public void TLS_to_the_plain_TCP_input_fails_within_the_timeout()
    {
        var sender = new SyslogSender(SyslogSenderTests.Server(TestSyslog.Host, TestSyslog.Require(TestSyslog.TcpPort), SyslogServerProtocol.Tls)
            with { CertificateThumbprint = TestSyslog.TlsThumbprint }, TimeSpan.FromSeconds(1));

        var (ex, elapsed) = SyslogSenderTests.Failing(sender);

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [SyslogFact]
    public void A_large_event_over_UDP_arrives_whole_within_one_safe_datagram() =>
        AssertLargeDelivered(SyslogServerProtocol.Udp, TestSyslog.UdpPort, SyslogSender.UdpMaxMessageBytes);

    [SyslogFact]
    public void A_large_event_over_TCP_arrives_whole_within_rsyslogs_default_limit() =>
        AssertLargeDelivered(SyslogServerProtocol.Tcp, TestSyslog.TcpPort, SyslogSender.StreamMaxMessageBytes);

    [SyslogFact]
    public void Escapes_line_ends_and_UTF_8_arrive_as_sent()
    {
        var marker = Guid.NewGuid().ToString();
        var notification = SyslogMessageFormatterTests.Event(
            [("JobSessionID", marker), ("JobName", "Sicherung \"Müller\" [Büro]\\C:"), ("Details", "first line\nsecond line")],
            "Backup 'Müller' finished.\r\nWith a second line.");
        var sent = SyslogMessageFormatter.Format(notification);

        Sender(SyslogServerProtocol.Tcp, TestSyslog.TcpPort).Send(notification);

        AssertSameBytes(sent, TestSyslog.WaitForLine(marker));
    }

    private static void AssertDelivered(SyslogServerProtocol protocol, int? port, string? thumbprint = null)
    {
        var notification = Marked(out var marker);
        var sent = SyslogMessageFormatter.Format(notification);

        Sender(protocol, port, thumbprint).Send(notification);

        AssertSameBytes(sent, TestSyslog.WaitForLine(marker));
    }

    private static void AssertLargeDelivered(SyslogServerProtocol protocol, int? port, int limit)
    {
        var marker = Guid.NewGuid().ToString();
        var notification = SyslogMessageFormatterTests.Event(("JobSessionID", marker), ("ChangesXML", "<changes>" + new string('x', 20_000) + "</changes>"));
        var sent = SyslogMessageFormatter.Format(notification, limit);
        Assert.InRange(sent.Length, limit - 8, limit);

        Sender(protocol, port).Send(notification);

        var received = TestSyslog.WaitForLine(marker);
        AssertSameBytes(sent, received);
        Assert.EndsWith("...\" Description=\"Something happened.\"]", Encoding.UTF8.GetString(received));
    }

    /// <summary>The 40700 event of the formatter's tests, with a fresh marker in front of its parameters.</summary>
    private static NotificationEvent Marked(out string marker)
    {
        marker = Guid.NewGuid().ToString();
        var notification = SyslogMessageFormatterTests.ConfigurationBackupFinished();
        return notification with { Parameters = [new("JobSessionID", marker), .. notification.Parameters] };
    }

    private static SyslogSender Sender(SyslogServerProtocol protocol, int? port, string? thumbprint = null) =>
        new(SyslogSenderTests.Server(TestSyslog.Host, TestSyslog.Require(port, protocol == SyslogServerProtocol.Tls), protocol) with { CertificateThumbprint = thumbprint });

    private static void AssertSameBytes(byte[] sent, byte[] received)
    {
        Assert.Equal(Encoding.UTF8.GetString(sent), Encoding.UTF8.GetString(received));
        Assert.True(sent.AsSpan().SequenceEqual(received), "the bytes differ");
    }
}
