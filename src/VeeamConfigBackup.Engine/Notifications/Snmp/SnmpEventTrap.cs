using System.Globalization;

namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// One event as one SNMPv2c trap datagram (the layout is <see cref="SnmpEventOids"/>'s), never larger than a given
/// size. A trap is one UDP datagram: one that is larger than the path's MTU is fragmented, and fragments are what
/// firewalls and busy receivers drop first, so a message over the limit is shortened rather than sent or refused.
/// The parameters that cannot fit even with short values are left out, last first, and eventParametersLeftOut
/// says how many; then the longest texts are cut, an ellipsis marking each, until the message fits. An event is
/// never refused for its length.
/// </summary>
internal static class SnmpEventTrap
{
    /// <summary>RFC 3417 §3.2: every SNMP receiver accepts messages up to 484 bytes; below that nothing is sure to arrive.</summary>
    public const int MinimumMessageBytes = 484;

    /// <summary>The largest UDP payload over IPv4 (65535 - 20 - 8).</summary>
    public const int MaximumMessageBytes = 65507;

    /// <summary>Texts are cut no shorter than this while parameters can be left out instead; only the event's own facts go below it.</summary>
    private const int KeepAtLeastBytes = 32;

    public static byte[] Encode(NotificationEvent notification, ReadOnlySpan<byte> community, int requestId, uint upTimeHundredths, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MinimumMessageBytes);
        var trap = SnmpEventOids.Trap(notification.InstanceId);
        var facts = new List<Variable>
        {
            new(SnmpEventOids.InstanceId, SnmpValue.Integer(notification.InstanceId)),
            Text(SnmpEventOids.Name, notification.Name, maxBytes),
            Text(SnmpEventOids.Severity, notification.Severity.ToString(), maxBytes),
            Text(SnmpEventOids.ServerName, notification.ServerName, maxBytes),
            Text(SnmpEventOids.Time, notification.TimeUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), maxBytes),
            Text(SnmpEventOids.Description, notification.Description, maxBytes),
        };
        var parameters = new List<Variable>();
        for (var i = 0; i < notification.Parameters.Count; i++)
        {
            var (name, value) = notification.Parameters[i];
            parameters.Add(Text(SnmpEventOids.ParameterName(i + 1), name, maxBytes));
            parameters.Add(Text(SnmpEventOids.ParameterValue(i + 1), value, maxBytes));
        }
        var communityBytes = community.Length;
        int Size(int variableBytes) => SnmpTrapMessage.Size(communityBytes, requestId, upTimeHundredths, trap, variableBytes);

        // Leave out the last parameters (a name and its value together) while even their shortest form does not fit.
        var leftOut = 0;
        Variable? leftOutCount = null;
        var shortestFacts = facts.Sum(f => f.ShortestBytes);
        var shortestParameters = parameters.Sum(p => p.ShortestBytes);
        while (parameters.Count > 0 && Size(shortestFacts + (leftOutCount?.Bytes ?? 0) + shortestParameters) > maxBytes)
        {
            shortestParameters -= parameters[^1].ShortestBytes + parameters[^2].ShortestBytes;
            parameters.RemoveRange(parameters.Count - 2, 2);
            leftOut++;
            leftOutCount = new(SnmpEventOids.ParametersLeftOut, SnmpValue.Integer(leftOut));
        }
        var all = new List<Variable>(facts);
        if (leftOutCount is not null)
        {
            all.Add(leftOutCount);
        }
        all.AddRange(parameters);

        // Cut the longest text by what is too much, until the message fits; below KeepAtLeastBytes only where the
        // event's own facts do not fit otherwise (a long community in a small datagram).
        var floor = Size(all.Sum(v => v.ShortestBytes)) <= maxBytes ? KeepAtLeastBytes : 0;
        while (true)
        {
            var excess = Size(all.Sum(v => v.Bytes)) - maxBytes;
            if (excess <= 0)
            {
                return SnmpTrapMessage.Encode(community, requestId, upTimeHundredths, trap, all.Select(v => v.Encoded));
            }
            var longest = -1;
            for (var i = 0; i < all.Count; i++)
            {
                if (all[i].TextBytes > (longest < 0 ? 0 : all[longest].TextBytes))
                {
                    longest = i;
                }
            }
            if (longest < 0)
            {
                // Unreachable for a community of at most 255 bytes (what the settings allow) and 484 bytes or more.
                throw new InvalidOperationException($"An empty trap does not fit in {maxBytes} bytes.");
            }
            var length = all[longest].TextBytes;
            all[longest] = all[longest].Shortened(Math.Max(length > floor ? floor : 0, length - excess)); // always shorter than it was
        }
    }

    private static Variable Text(SnmpOid oid, string text, int maxBytes) => new Variable(oid, SnmpValue.OctetString(text)).Shortened(maxBytes);

    /// <summary>A binding, encoded once, with the size it would have at its shortest.</summary>
    private sealed class Variable
    {
        private readonly SnmpVarBind _binding;

        public Variable(SnmpOid oid, SnmpValue value)
        {
            _binding = new SnmpVarBind(oid, value);
            Encoded = _binding.Encode();
            ShortestBytes = value.Text is { Length: > KeepAtLeastBytes }
                ? new SnmpVarBind(oid, value.Shortened(KeepAtLeastBytes)).Encode().Length
                : Encoded.Length;
        }

        public byte[] Encoded { get; }

        public int Bytes => Encoded.Length;

        public int ShortestBytes { get; }

        /// <summary>The length of the text; 0 for a value that is not text.</summary>
        public int TextBytes => _binding.Value.Text?.Length ?? 0;

        public Variable Shortened(int maxBytes) =>
            _binding.Value.Text is { } text && text.Length > maxBytes ? new Variable(_binding.Name, _binding.Value.Shortened(maxBytes)) : this;
    }
}
