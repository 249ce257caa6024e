using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// Sends each event as one SNMPv2c trap (layout: <see cref="SnmpEventOids"/>) in one UDP datagram to one receiver.
/// <para>
/// A trap is never acknowledged (an INFORM would be, but it needs a receiver set up to answer), so "sent" means
/// "handed to the network". What the sender can still see, and fails with
/// <see cref="NotificationDeliveryException"/> for, within <see cref="SnmpReceiverSettings.Timeout"/>:
/// a host name that does not resolve or takes too long to; no route to the receiver (the socket refuses to connect
/// or send); and a receiver host that answers ICMP port unreachable, because nothing listens on the port, within
/// a short wait after the send: the socket is connected to the receiver so that the kernel hands that ICMP error to
/// it (on loopback it is there at once). What it cannot see: a firewall that drops the datagram, a receiver that
/// discards it (a wrong community is dropped silently; a receiver never answers a trap), a lost datagram, an ICMP
/// error that is filtered or comes after the wait. Those look like success; only the receiver's log tells.
/// </para>
/// </summary>
public sealed class SnmpTrapSender : INotificationSender
{
    /// <summary>
    /// How long to listen for an ICMP refusal after sending: far above a LAN's round trip, short enough that a run
    /// that sends several events is not held up. An error that comes later is not seen.
    /// </summary>
    private static readonly TimeSpan RefusalWait = TimeSpan.FromMilliseconds(200);

    private readonly SnmpReceiverSettings _settings;
    private readonly byte[] _community;

    public SnmpTrapSender(SnmpReceiverSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _community = Encoding.UTF8.GetBytes(settings.Community);
        Receiver = settings.Receiver;
    }

    public string Receiver { get; }

    public void Send(NotificationEvent notification, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var message = SnmpEventTrap.Encode(notification, _community, Random.Shared.Next(1, int.MaxValue), UpTime(), _settings.MaxMessageBytes);
        var clock = Stopwatch.StartNew();
        var addresses = Resolve(cancellation);
        // A name can resolve to several addresses (IPv6 and IPv4): the next is tried only when one fails visibly, so a
        // receiver never gets the same trap twice from one send.
        string? reason = null;
        Exception? inner = null;
        foreach (var address in addresses)
        {
            cancellation.ThrowIfCancellationRequested();
            var remaining = _settings.Timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                reason ??= $"sending took longer than {Seconds(_settings.Timeout)}";
                break;
            }
            (reason, inner) = SendTo(address, message, remaining);
            if (reason is null)
            {
                return;
            }
        }
        throw new NotificationDeliveryException(Receiver, reason ?? $"{_settings.BareHost} resolved to no IPv4 or IPv6 address", inner);
    }

    /// <summary>
    /// sysUpTime is "hundredths of a second since the agent started"; the system's monotonic tick count is what
    /// this process has of that, and it wraps at 2^32 as TimeTicks do (RFC 2578 §7.1.8).
    /// </summary>
    private static uint UpTime() => unchecked((uint)(Environment.TickCount64 / 10));

    private List<IPAddress> Resolve(CancellationToken cancellation)
    {
        if (IPAddress.TryParse(_settings.BareHost, out var literal))
        {
            return [literal];
        }
        // The lookup is cancelled at the timeout, and not waited for after it either: the system resolver may not
        // stop when asked to.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(_settings.Timeout);
        var lookup = Dns.GetHostAddressesAsync(_settings.BareHost, limit.Token);
        _ = lookup.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); // observed, if abandoned
        try
        {
            var found = lookup.WaitAsync(_settings.Timeout, cancellation).GetAwaiter().GetResult();
            return [.. found.Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)];
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            throw new NotificationDeliveryException(Receiver, $"resolving the host name {_settings.BareHost} took longer than {Seconds(_settings.Timeout)}", ex);
        }
        catch (SocketException ex)
        {
            throw new NotificationDeliveryException(Receiver, $"the host name {_settings.BareHost} could not be resolved ({ex.SocketErrorCode})", ex);
        }
    }

    private (string? Reason, Exception? Inner) SendTo(IPAddress address, byte[] message, TimeSpan remaining)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.SendTimeout = Milliseconds(remaining);
            // Connecting a UDP socket sends nothing: it fixes the peer, so that an ICMP error from it reaches this socket.
            socket.Connect(new IPEndPoint(address, _settings.Port));
            var sent = socket.Send(message);
            if (sent != message.Length)
            {
                return ($"only {sent} of the trap's {message.Length} bytes were sent to {address}", null);
            }
            WaitForRefusal(socket, remaining);
            return (null, null);
        }
        catch (SocketException ex)
        {
            return (ex.SocketErrorCode switch
            {
                // Linux reports ICMP port unreachable as ECONNREFUSED, Windows as WSAECONNRESET.
                SocketError.ConnectionRefused or SocketError.ConnectionReset =>
                    $"nothing listens on UDP port {_settings.Port} at {address} (it answered ICMP port unreachable)",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown =>
                    $"{address} cannot be reached ({ex.SocketErrorCode})",
                SocketError.TimedOut or SocketError.WouldBlock => $"sending to {address} took longer than {Seconds(_settings.Timeout)}",
                _ => $"the trap could not be sent to {address} ({ex.SocketErrorCode})",
            }, ex);
        }
    }

    /// <summary>
    /// Receives on the connected socket for a moment: a receiver never answers a trap, so what comes is the pending
    /// ICMP error, thrown as a <see cref="SocketException"/>; a timeout means none came. A datagram from the receiver
    /// (which would be odd) is ignored.
    /// </summary>
    private static void WaitForRefusal(Socket socket, TimeSpan remaining)
    {
        var wait = remaining < RefusalWait ? remaining : RefusalWait;
        var clock = Stopwatch.StartNew();
        var buffer = new byte[2048];
        while (clock.Elapsed < wait)
        {
            socket.ReceiveTimeout = Milliseconds(wait - clock.Elapsed);
            try
            {
                socket.Receive(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                return;
            }
        }
    }

    /// <summary>Socket timeouts are whole milliseconds, and 0 would mean "for ever".</summary>
    private static int Milliseconds(TimeSpan span) => (int)Math.Clamp(Math.Ceiling(span.TotalMilliseconds), 1, int.MaxValue);

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");
}
