using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Runtime.ExceptionServices;
using System.Text;

namespace VeeamConfigBackup.Engine.Notifications.Syslog;

/// <summary>
/// Sends events to one syslog server in the product's message shape (<see cref="SyslogMessageFormatter"/>), over UDP
/// (RFC 5426), TCP (RFC 6587 octet counting, <c>LEN SP MSG</c>, which rsyslog's imtcp and syslog-ng's network source take
/// without configuration) or TLS (RFC 5425, the same framing inside). Each <see cref="Send"/> opens its own connection and
/// closes it: notifications are rare, and a connection kept open would have to find out that it died.
/// Everything one send does (name lookup, connect, TLS handshake, write) shares one deadline, <see cref="Timeout"/>; any
/// failure becomes a <see cref="NotificationDeliveryException"/> naming the receiver and why.
/// </summary>
public sealed class SyslogSender : INotificationSender
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>RFC 5426 §3.2: every receiver SHOULD take 2048-byte datagrams; a larger one may be dropped or cut on the way.</summary>
    public const int UdpMaxMessageBytes = 2048;

    /// <summary>
    /// rsyslog's default <c>maxMessageSize</c> (8096 bytes; a longer message is cut there and the rest logged as a second
    /// message), just under the 8192 bytes RFC 5425 §4.3.1 asks TLS receivers to take.
    /// </summary>
    public const int StreamMaxMessageBytes = 8096;

    /// <summary>
    /// After writing, how long to wait (within the deadline) for the server to close its side. Closing while the server's
    /// TLS session tickets sit unread makes the kernel send a reset, which may discard our message before the server read it.
    /// </summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    private readonly CertificatePin? _pin;

    /// <param name="server">The server; a thumbprint is accepted for TLS only (elsewhere it would suggest a protection there is not).</param>
    /// <param name="timeout">The bound of one send, connect and write together; 5 s when not given.</param>
    public SyslogSender(SyslogServerSettings server, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (string.IsNullOrWhiteSpace(server.ServerHost) || server.ServerHost.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("A syslog server needs a host name or an IP address, without spaces.", nameof(server));
        }
        if (server.Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(server), server.Port, "A syslog server's port is 1 to 65535.");
        }
        if (!Enum.IsDefined(server.Protocol))
        {
            throw new ArgumentOutOfRangeException(nameof(server), server.Protocol, "Not a syslog protocol (Udp, Tcp or Tls).");
        }
        if (!string.IsNullOrWhiteSpace(server.CertificateThumbprint))
        {
            if (server.Protocol != SyslogServerProtocol.Tls)
            {
                throw new ArgumentException($"A certificate thumbprint is for the Tls protocol only, and this server uses {server.Protocol}.", nameof(server));
            }
            _pin = CertificatePin.Parse(server.CertificateThumbprint);
        }
        var bound = timeout ?? DefaultTimeout;
        if (bound <= TimeSpan.Zero || bound.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), bound, "The timeout must be positive and at most 24 days.");
        }
        Server = server;
        Timeout = bound;
        var host = IPAddress.TryParse(server.ServerHost, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && !server.ServerHost.StartsWith('[')
            ? $"[{server.ServerHost}]"
            : server.ServerHost;
        Receiver = $"syslog {server.Protocol.ToString().ToLowerInvariant()}://{host}:{server.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    public SyslogServerSettings Server { get; }

    public TimeSpan Timeout { get; }

    /// <summary>"syslog tcp://host:514": the protocol, host and port, nothing more.</summary>
    public string Receiver { get; }

    /// <summary>
    /// Sends the event, or fails with <see cref="NotificationDeliveryException"/> within <see cref="Timeout"/>. Over UDP a
    /// send that returns means the datagram left, not that it arrived; over TCP and TLS, that the server's system took it.
    /// </summary>
    /// <exception cref="ArgumentException">The event has a parameter name a syslog message cannot carry (a bug of the caller).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (not a failure of the receiver).</exception>
    public void Send(NotificationEvent notification, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var message = SyslogMessageFormatter.Format(notification, Server.Protocol == SyslogServerProtocol.Udp ? UdpMaxMessageBytes : StreamMaxMessageBytes);
        cancellation.ThrowIfCancellationRequested();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var attempt = new Attempt();
        var sending = Server.Protocol == SyslogServerProtocol.Udp
            ? SendDatagramAsync(message, attempt, stop.Token)
            : SendFramedAsync(message, attempt, stop.Token);
        // The interface is synchronous. The deadline is kept by this thread's own wait, not by a timer and continuations
        // on the thread pool, which a busy process (or one that blocks its pool threads) may run late: a send returns or
        // fails within its timeout whatever the pool does. The asynchronous calls are what can be cancelled then.
        _ = sending.ContinueWith(static (done, source) =>
        {
            _ = done.Exception; // observed: after a timeout nobody waits for it any more
            ((CancellationTokenSource)source!).Dispose();
        }, stop, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        bool finished;
        try
        {
            finished = sending.Wait((int)Timeout.TotalMilliseconds, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Cancel(stop);
            throw;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            var failure = Translate(ex.InnerException!, attempt);
            ExceptionDispatchInfo.Throw(failure); // as it was thrown, where it is not translated
            throw;
        }
        if (!finished)
        {
            Cancel(stop);
            if (attempt.Written)
            {
                return; // only the closing was slow: the message is with the server's system already
            }
            throw Failed($"no answer within {Seconds(Timeout)} while {attempt.Stage}", new TimeoutException());
        }
    }

    /// <summary>Why a send failed, as the receiver's failure; the caller's own cancellation stays a cancellation.</summary>
    private Exception Translate(Exception ex, Attempt attempt) => ex switch
    {
        OperationCanceledException => ex,
        SocketException socket => Failed($"{Describe(socket)} while {attempt.Stage}", ex),
        AuthenticationException => Failed(attempt.CertificateProblem ?? $"the TLS handshake failed: {ex.Message}", ex),
        IOException when attempt.CertificateProblem is not null => Failed(attempt.CertificateProblem, ex),
        IOException { InnerException: SocketException socket } => Failed($"{Describe(socket)} while {attempt.Stage}", ex),
        IOException => Failed($"{ex.Message} while {attempt.Stage}", ex),
        _ => ex,
    };

    /// <summary>Ends what the send still does; its sockets close as it unwinds (its own using blocks).</summary>
    private static void Cancel(CancellationTokenSource stop)
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // it ended (and disposed its source) in the meantime
        }
    }

    private async Task SendDatagramAsync(byte[] message, Attempt attempt, CancellationToken cancellation)
    {
        attempt.Stage = "looking up the host";
        var address = await ResolveAsync(cancellation).ConfigureAwait(false);
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Connecting a UDP socket sends nothing: it fixes the peer, so that an ICMP "port unreachable" reaches this socket.
        await socket.ConnectAsync(new IPEndPoint(address, Server.Port), cancellation).ConfigureAwait(false);
        attempt.Stage = "sending";
        // One message, one datagram (RFC 5426 §3.1); the formatter kept it within UdpMaxMessageBytes.
        await socket.SendAsync(message, SocketFlags.None, cancellation).ConfigureAwait(false);
        attempt.Written = true;
        // A syslog server never answers: what comes within a moment is the pending ICMP error, thrown as a refusal.
        // A firewall that drops the datagram, or a late ICMP reply, cannot be seen (UDP has no acknowledgement).
        attempt.Stage = "waiting for a refusal";
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        wait.CancelAfter(RefusalWait);
        try
        {
            await socket.ReceiveAsync(new byte[512], SocketFlags.None, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // No refusal came: as delivered as UDP can tell.
        }
    }

    /// <summary>How long a UDP send waits for an ICMP refusal, as the SNMP sender does.</summary>
    private static readonly TimeSpan RefusalWait = TimeSpan.FromMilliseconds(200);

    private async Task SendFramedAsync(byte[] message, Attempt attempt, CancellationToken cancellation)
    {
        attempt.Stage = "connecting";
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(Server.ServerHost, Server.Port, cancellation).ConfigureAwait(false);
        await using var network = new NetworkStream(socket, ownsSocket: false);
        Stream stream = network;
        SslStream? tls = null;
        try
        {
            if (Server.Protocol == SyslogServerProtocol.Tls)
            {
                attempt.Stage = "negotiating TLS";
                tls = new SslStream(network, leaveInnerStreamOpen: true);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = Server.ServerHost,
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Accept(certificate, chain, errors, attempt),
                }, cancellation).ConfigureAwait(false);
                stream = tls;
            }
            attempt.Stage = "sending";
            // RFC 6587 §3.4.1 octet counting: the message's length in bytes, one space, the message; no line end, so that
            // nothing in the message can be taken for a frame's end.
            var header = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
            var frame = new byte[header.Length + message.Length];
            header.CopyTo(frame, 0);
            message.CopyTo(frame, header.Length);
            await stream.WriteAsync(frame, cancellation).ConfigureAwait(false);
            await stream.FlushAsync(cancellation).ConfigureAwait(false);
            attempt.Written = true;
            if (tls is not null)
            {
                await tls.ShutdownAsync().WaitAsync(cancellation).ConfigureAwait(false); // close_notify: the server sees a clean end
            }
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }
        }
        attempt.Stage = "closing";
        socket.Shutdown(SocketShutdown.Send);
        await DrainAsync(socket, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads (and drops) what the server still sends until it closes, for at most <see cref="CloseGrace"/>: the message is
    /// written by then, so a server that keeps the connection open, or resets it, is no failure of this send.
    /// </summary>
    private static async Task DrainAsync(Socket socket, CancellationToken cancellation)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        grace.CancelAfter(CloseGrace);
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, grace.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task<IPAddress> ResolveAsync(CancellationToken cancellation)
    {
        if (IPAddress.TryParse(Server.ServerHost, out var literal))
        {
            return literal;
        }
        var addresses = await Dns.GetHostAddressesAsync(Server.ServerHost, cancellation).ConfigureAwait(false);
        // IPv4 first, where a name has both: a syslog server listening on IPv4 only is the common case.
        return addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// With a pin: exactly the pinned certificate, whatever its chain or names say (that is what pinning a self-signed
    /// server means). Without: what the system says, chain to a trusted root and the host name. Never anything else.
    /// </summary>
    private bool Accept(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, Attempt attempt)
    {
        if (certificate is null)
        {
            attempt.CertificateProblem = "the server presented no certificate";
            return false;
        }
        if (_pin is not null)
        {
            if (_pin.Matches(certificate))
            {
                return true;
            }
            attempt.CertificateProblem =
                $"the server's certificate ({_pin.AlgorithmLabel} thumbprint {_pin.ThumbprintOf(certificate)}) is not the pinned one ({_pin.Hex})";
            return false;
        }
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        var details = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            details.Add($"it is not issued for {Server.ServerHost}");
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? [];
            details.Add(statuses.Length > 0 ? $"its chain is not trusted ({string.Join(", ", statuses)})" : "its chain is not trusted");
        }
        attempt.CertificateProblem =
            $"the server's certificate is refused: {string.Join("; ", details)} (SHA-1 thumbprint {certificate.GetCertHashString()}; " +
            "set CertificateThumbprint to accept exactly this certificate if it is the server's own)";
        return false;
    }

    private NotificationDeliveryException Failed(string reason, Exception inner) => new(Receiver, reason, inner);

    private string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"the connection was refused (nothing listens on port {Server.Port.ToString(CultureInfo.InvariantCulture)}?)",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the host name {Server.ServerHost} could not be resolved",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown => "the host is unreachable",
        SocketError.TimedOut => "the connection timed out",
        SocketError.ConnectionReset or SocketError.ConnectionAborted => "the server closed the connection",
        SocketError.MessageSize => "the message is too large for a datagram on this network",
        _ => $"{ex.SocketErrorCode}: {ex.Message}",
    };

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    /// <summary>What one send was doing when it stopped, and why the certificate was refused, for the failure's reason.</summary>
    private sealed class Attempt
    {
        public string Stage { get; set; } = "starting";

        public string? CertificateProblem { get; set; }

        /// <summary>The whole frame went to the socket (what follows is only the polite close).</summary>
        public volatile bool Written;
    }
}
