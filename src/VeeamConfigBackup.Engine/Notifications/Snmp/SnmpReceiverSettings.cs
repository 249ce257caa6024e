using System.Net;
using System.Net.Sockets;
using System.Text;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// Where SNMPv2c traps go: one receiver's host and UDP port, and the community it accepts. The community is the
/// only thing that stands between a receiver and anybody's traps, so it is treated as a secret: it is in no
/// <see cref="Receiver"/>, message or <see cref="ToString"/>.
/// </summary>
public sealed record SnmpReceiverSettings
{
    /// <summary>snmp-trap, the well-known port of trap receivers (RFC 3417 §3).</summary>
    public const int DefaultPort = 162;

    /// <summary>
    /// What fits in one Ethernet frame over IPv4 or IPv6 with room for a tunnel header (1500 - 40 - 8 is 1452), so
    /// that a trap is never fragmented on the way.
    /// </summary>
    public const int DefaultMaxMessageBytes = 1400;

    /// <summary>A host name, an IPv4 address or an IPv6 address (with or without brackets).</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    public required string Community { get; init; }

    /// <summary>How long name resolution and sending may take together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest datagram sent; longer events are shortened to fit (484, RFC 3417's minimum, to 65507).</summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>Host without the brackets of an IPv6 literal.</summary>
    internal string BareHost => Host.StartsWith('[') && Host.EndsWith(']') ? Host[1..^1] : Host;

    /// <summary>For messages: <c>snmp udp://host:port</c>, an IPv6 address in brackets, never the community.</summary>
    public string Receiver => $"snmp udp://{(IPAddress.TryParse(BareHost, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{BareHost}]" : BareHost)}:{Port}";

    /// <summary>Settings a sender cannot work with fail here, at the start, not at the first event.</summary>
    internal void Validate()
    {
        string? problem = null;
        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(BareHost) == UriHostNameType.Unknown)
        {
            problem = $"'{Host}' is not a host name or an IP address.";
        }
        else if (Port is < 1 or > 65535)
        {
            problem = $"The port {Port} is not between 1 and 65535.";
        }
        else if (string.IsNullOrEmpty(Community) || Encoding.UTF8.GetByteCount(Community) > 255)
        {
            // SnmpAdminString's limit (RFC 3411), which Net-SNMP and most receivers keep to as well.
            problem = "The community must be 1 to 255 bytes long.";
        }
        else if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            problem = $"The timeout {Timeout} is not between zero and five minutes.";
        }
        else if (MaxMessageBytes is < SnmpEventTrap.MinimumMessageBytes or > SnmpEventTrap.MaximumMessageBytes)
        {
            problem = $"The largest message must be {SnmpEventTrap.MinimumMessageBytes} to {SnmpEventTrap.MaximumMessageBytes} bytes, not {MaxMessageBytes}.";
        }
        if (problem is not null)
        {
            throw new ConfigBackupException("InvalidNotificationReceiver", ErrorKind.InvalidArgument, $"The SNMP receiver is not usable: {problem}")
            {
                RecommendedAction = "Give the receiver's host name or address, its UDP port (162 unless it listens elsewhere) and the community it accepts.",
            };
        }
    }

    /// <summary>What a record prints by default would include the community; this prints everything else.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, Community = (hidden), Timeout = {Timeout}, MaxMessageBytes = {MaxMessageBytes}");
        return true;
    }
}
