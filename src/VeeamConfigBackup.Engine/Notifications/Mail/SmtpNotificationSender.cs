using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SaslAuthenticationException = MailKit.Security.AuthenticationException;

namespace VeeamConfigBackup.Engine.Notifications.Mail;

/// <summary>
/// Sends each event as one e-mail through an SMTP server with MailKit: a fresh connection per event (notifications
/// are rare, and a held connection would be one more thing to time out), the TLS mode of the settings, authentication
/// only when credentials are given, and one deadline for the whole of connect, TLS, authentication and send.
/// Certificates are checked by MailKit's default (the system's trusted roots, the host name, revocation); there is no
/// switch to accept any certificate, because a notification carrying a password must not go to whoever answers.
/// Every failure of the server or the network is a <see cref="NotificationDeliveryException"/> whose reason says what
/// went wrong and never contains the password; no protocol log is ever kept, because it would hold the AUTH exchange.
/// </summary>
public sealed class SmtpNotificationSender : INotificationSender
{
    /// <summary>Long enough for a server on the other side of a WAN, short enough that a dead relay cannot hold up a job.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly SmtpServerSettings server;
    private readonly MailMessageSettings message;
    private readonly NetworkCredential? credentials;

    /// <param name="server">The SMTP server, its port, sender address and TLS mode.</param>
    /// <param name="message">The recipients and the subject template.</param>
    /// <param name="credentials">
    /// The user name and password (plain or <see cref="System.Security.SecureString"/>) from the Credentials Manager, or
    /// null for a server that takes mail without authentication. Held only by this sender, for its sends.
    /// </param>
    /// <param name="timeout">The bound on one whole send; <see cref="DefaultTimeout"/> when null.</param>
    public SmtpNotificationSender(SmtpServerSettings server, MailMessageSettings message, NetworkCredential? credentials = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(server.SmtpServer))
        {
            throw new ArgumentException("The SMTP server is not set.", nameof(server));
        }
        if (server.Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(server), server.Port, "The SMTP port must be between 1 and 65535.");
        }
        if (!Enum.IsDefined(server.TlsMode))
        {
            throw new ArgumentOutOfRangeException(nameof(server), server.TlsMode, "Unknown TLS mode.");
        }
        var bound = timeout ?? DefaultTimeout;
        if (bound <= TimeSpan.Zero || bound.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), bound, "The timeout must be positive and below 24 days.");
        }
        if (credentials is not null && string.IsNullOrEmpty(credentials.UserName))
        {
            throw new ArgumentException("The SMTP credentials have no user name.", nameof(credentials));
        }
        // Checked now, so that a wrong address is the caller's ArgumentException here and not a failed delivery later.
        NotificationMailBuilder.Addresses(server, message);
        this.server = server;
        this.message = message;
        this.credentials = credentials;
        Timeout = bound;
        Receiver = ReceiverName(server);
    }

    /// <summary>"smtp://host:port", or "smtps://host:port" for <see cref="SmtpTlsMode.Ssl"/>; never a user name or password.</summary>
    public string Receiver { get; }

    public TimeSpan Timeout { get; }

    public void Send(NotificationEvent notification, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var mail = NotificationMailBuilder.Build(notification, server, message);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(Timeout);
        var stage = Stage.Connecting;
        // The Timeout of the client bounds each read and write as well, in case a step does not watch the token.
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            // MailKit's methods are asynchronous underneath; its async forms are the ones whose socket reads, connects
            // and TLS handshakes end when the token is cancelled, so the deadline holds even for a server that accepts
            // the connection and then never says a word.
            client.ConnectAsync(server.SmtpServer, server.Port, SocketOptions(server.TlsMode), deadline.Token).GetAwaiter().GetResult();
            if (credentials is not null)
            {
                stage = Stage.Authenticating;
                client.AuthenticateAsync(credentials, deadline.Token).GetAwaiter().GetResult();
            }
            stage = Stage.Sending;
            client.SendAsync(mail, deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Reason(ex, stage) is { } reason)
        {
            throw new NotificationDeliveryException(Receiver, Redact(reason), Inner(ex));
        }
        Quit(client, deadline.Token);
    }

    /// <summary>
    /// Says goodbye politely. The server has accepted the message by now, so a failure here is not a failed delivery:
    /// the connection is closed either way when the client is disposed.
    /// </summary>
    private static void Quit(SmtpClient client, CancellationToken deadline)
    {
        try
        {
            client.DisconnectAsync(true, deadline).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or SmtpProtocolException or SmtpCommandException or TimeoutException)
        {
        }
    }

    private enum Stage
    {
        Connecting,
        Authenticating,
        Sending,
    }

    private static string Doing(Stage stage) => stage switch
    {
        Stage.Connecting => "connecting",
        Stage.Authenticating => "authenticating",
        _ => "sending the message",
    };

    private static SecureSocketOptions SocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        // Not StartTlsWhenAvailable: that would fall back to clear text when the offer is missing or stripped.
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Ssl => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static string ReceiverName(SmtpServerSettings server)
    {
        var host = server.SmtpServer.Contains(':') && !server.SmtpServer.StartsWith('[') ? $"[{server.SmtpServer}]" : server.SmtpServer;
        var scheme = server.TlsMode == SmtpTlsMode.Ssl ? "smtps" : "smtp";
        return string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:{server.Port}");
    }

    /// <summary>
    /// The reason for a failure of the server or the network, in the words of someone fixing the settings; null for
    /// anything else (a bug), which is left to surface as itself.
    /// </summary>
    private string? Reason(Exception ex, Stage stage) => ex switch
    {
        OperationCanceledException or TimeoutException =>
            string.Create(CultureInfo.InvariantCulture, $"no answer within {Timeout.TotalSeconds:0.###} s while {Doing(stage)}"),
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "the connection was refused (nothing listens on that port, or a firewall rejects it)",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the host name '{server.SmtpServer}' could not be resolved",
            SocketError.TimedOut => "the connection timed out",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the server cannot be reached from here (no route)",
            _ => $"the connection failed ({socket.SocketErrorCode})",
        },
        SslHandshakeException { ServerCertificate: not null } tls =>
            $"the server's certificate was not accepted ({TlsDetail(tls)}); it must be trusted by this machine and name '{server.SmtpServer}'",
        SslHandshakeException tls => server.TlsMode == SmtpTlsMode.Ssl
            ? $"the TLS handshake failed ({TlsDetail(tls)}); does this port speak TLS from the start? Ports 25 and 587 usually want StartTls"
            : $"the TLS handshake failed after STARTTLS ({TlsDetail(tls)})",
        // The server's own text is left out: it is an answer to the AUTH exchange, which carried the password.
        // (MailKit's SaslException, a broken SASL exchange, is one of these too.)
        SaslAuthenticationException => $"the server refused the user name or password of the user '{credentials?.UserName}'",
        NotSupportedException when stage == Stage.Connecting && server.TlsMode == SmtpTlsMode.StartTls =>
            "the server does not offer STARTTLS, which the TLS mode StartTls requires (use Ssl for a port that speaks TLS from the start)",
        NotSupportedException when stage == Stage.Authenticating =>
            "the server does not offer authentication (AUTH), but credentials were given; use TLS if it offers AUTH only over TLS",
        // MailKit's word for a 530 answer to MAIL FROM: the server takes mail only from users who logged in.
        ServiceNotAuthenticatedException refused => credentials is null
            ? $"the server requires authentication and no credentials were given: {FirstLine(refused.Message)}"
            : $"the server still requires authentication after logging in as '{credentials.UserName}': {FirstLine(refused.Message)}",
        SmtpCommandException command => command.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => $"the server refused the sender {command.Mailbox?.Address ?? server.Sender}: {Answer(command)}",
            SmtpErrorCode.RecipientNotAccepted => $"the server refused the recipient {command.Mailbox?.Address}: {Answer(command)}",
            SmtpErrorCode.MessageNotAccepted => $"the server refused the message: {Answer(command)}",
            _ => $"the server answered {Answer(command)} while {Doing(stage)}",
        },
        SmtpProtocolException protocol => $"the server broke the SMTP protocol while {Doing(stage)}: {FirstLine(protocol.Message)}",
        IOException io => $"the connection broke while {Doing(stage)}: {FirstLine(io.Message)}",
        _ => null,
    };

    /// <summary>
    /// Why the handshake failed, briefly: MailKit lists the certificate's problems as bullets under a paragraph of
    /// advice (some of it to accept the certificate anyway, which this sender never does); only the bullets are kept.
    /// </summary>
    private static string TlsDetail(SslHandshakeException tls)
    {
        var problems = tls.Message.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('\u2022'))
            .Select(line => line.TrimStart('\u2022').Trim())
            .Where(line => line.Length > 0 && !line.EndsWith(':'))
            .ToList();
        return problems.Count > 0 ? string.Join("; ", problems) : FirstLine(tls.InnerException?.Message ?? tls.Message);
    }

    private static string Answer(SmtpCommandException command) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)command.StatusCode} {FirstLine(command.Message)}");

    private static string FirstLine(string text)
    {
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).TrimEnd().ToString();
    }

    /// <summary>
    /// Belt and braces: the reason is built from the server's answers and the network's messages, none of which should
    /// contain the password, but a server may echo anything; if one does, it does not reach a log through us.
    /// </summary>
    private string Redact(string text)
    {
        var password = credentials?.Password;
        return string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
    }

    /// <summary>
    /// The cause, for whoever debugs the network; dropped for authentication failures (its text is the server's answer
    /// to the password) and whenever its text would show the password.
    /// </summary>
    private Exception? Inner(Exception ex)
    {
        if (ex is SaslAuthenticationException)
        {
            return null;
        }
        var password = credentials?.Password;
        return !string.IsNullOrEmpty(password) && ex.ToString().Contains(password, StringComparison.Ordinal) ? null : ex;
    }
}
