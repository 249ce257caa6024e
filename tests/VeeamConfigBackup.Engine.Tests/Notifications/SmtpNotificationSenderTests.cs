using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Mail;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The e-mail sender against receivers that fail: no server, a silent one, one with an untrusted certificate.</summary>
public sealed class SmtpNotificationSenderTests
{
    [Fact]
    public void The_receiver_names_scheme_host_and_port_and_never_the_user()
    {
        var credentials = new NetworkCredential("mailer", "never-shown-4711");
        Assert.Equal("smtp://127.0.0.1:2525", new SmtpNotificationSender(MailSamples.Server(2525), MailSamples.To("ops@example.test"), credentials).Receiver);
        Assert.Equal("smtp://mail.example.test:587", new SmtpNotificationSender(MailSamples.Server(587, SmtpTlsMode.StartTls, "mail.example.test"), MailSamples.To("ops@example.test")).Receiver);
        Assert.Equal("smtps://mail.example.test:465", new SmtpNotificationSender(MailSamples.Server(465, SmtpTlsMode.Ssl, "mail.example.test"), MailSamples.To("ops@example.test")).Receiver);
        Assert.Equal("smtp://[::1]:25", new SmtpNotificationSender(MailSamples.Server(25, host: "::1"), MailSamples.To("ops@example.test")).Receiver);
    }

    [Fact]
    public void Wrong_settings_are_refused_when_the_sender_is_made()
    {
        Assert.Throws<ArgumentException>(() => new SmtpNotificationSender(MailSamples.Server(25) with { SmtpServer = " " }, MailSamples.To("ops@example.test")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpNotificationSender(MailSamples.Server(0), MailSamples.To("ops@example.test")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpNotificationSender(MailSamples.Server(25), MailSamples.To("ops@example.test"), timeout: TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new SmtpNotificationSender(MailSamples.Server(25), MailSamples.To("no address")));
        Assert.Throws<ArgumentException>(() => new SmtpNotificationSender(MailSamples.Server(25), MailSamples.To("ops@example.test"), new NetworkCredential("", "x")));
        Assert.Equal(TimeSpan.FromSeconds(5), new SmtpNotificationSender(MailSamples.Server(25), MailSamples.To("ops@example.test")).Timeout);
    }

    [Fact]
    public void Nothing_listening_fails_with_NotificationFailed_at_once()
    {
        var port = FreePort();
        var sender = new SmtpNotificationSender(MailSamples.Server(port), MailSamples.To("ops@example.test"));
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished("refused")));

        Assert.True(clock.Elapsed < sender.Timeout, $"took {clock.Elapsed}");
        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal($"smtp://127.0.0.1:{port}", ex.Receiver);
        Assert.Contains("refused", ex.Reason);
        Assert.Contains($"smtp://127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public void A_server_that_accepts_and_never_answers_fails_within_the_timeout()
    {
        // Listening is enough: the system completes the TCP handshake for the backlog, and then nobody says a word.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var timeout = TimeSpan.FromSeconds(1);
        var sender = new SmtpNotificationSender(MailSamples.Server(port), MailSamples.To("ops@example.test"), timeout: timeout);
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished("silent")));

        Assert.InRange(clock.Elapsed, timeout * 0.8, timeout + TimeSpan.FromSeconds(3));
        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal("no answer within 1 s while connecting", ex.Reason);
    }

    [Fact]
    public void The_callers_cancellation_is_a_cancellation_not_a_delivery_failure()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var sender = new SmtpNotificationSender(MailSamples.Server(((IPEndPoint)silent.LocalEndpoint).Port), MailSamples.To("ops@example.test"), timeout: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => sender.Send(MailSamples.Finished("cancelled"), cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_certificate_this_machine_does_not_trust_fails_the_delivery()
    {
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(certificate);
                var banner = "220 untrusted.example.test ESMTP\r\n"u8.ToArray();
                await tls.WriteAsync(banner);
                _ = await tls.ReadAsync(new byte[1024]);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                // The client walks away in the handshake: that is the point.
            }
        });
        var credentials = new NetworkCredential("mailer", "tls-secret-0815");
        var sender = new SmtpNotificationSender(MailSamples.Server(port, SmtpTlsMode.Ssl), MailSamples.To("ops@example.test"), credentials, TimeSpan.FromSeconds(5));

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished("untrusted")));

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.StartsWith("the server's certificate was not accepted (", ex.Reason);
        Assert.Contains("'127.0.0.1'", ex.Reason);
        Assert.DoesNotContain("tls-secret-0815", ex.ToString());
        await server.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // A server certificate needs its key in a form the TLS stack can use on every platform: round-trip through PFX.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
