using System.Globalization;
using System.Text;

namespace VeeamConfigBackup.Engine.Notifications.Syslog;

/// <summary>
/// Writes an event as the product's syslog messages look in its Event Reference (helpcenter.veeam.com, Event Reference,
/// each event's "Syslog Message Example", e.g. event 40700 "Configuration Backup Job Finished"), so that a SIEM rule
/// written for the product's documented examples matches ours:
/// <code>&lt;14&gt;1 2025-11-03T08:00:37.272866Z VBRSRV01 Veeam_MP - - [origin enterpriseId="31023"] [categoryId=0 instanceId=40700 Name="value" ... Description="..."]</code>
/// What follows the product: APP-NAME <c>Veeam_MP</c>; no PROCID and no MSGID (<c>- -</c>); the <c>origin</c> element
/// with the product's private enterprise number; then, after one space, the event's element: <c>categoryId</c> and
/// <c>instanceId</c> unquoted, the parameters in the event's order, <c>Description</c> last; no MSG part after it (the
/// description is in the element, as the documentation says it may be). The space between the two elements and the
/// unquoted numbers are the product's, and kept: a strict RFC 5424 parser (rsyslog's) reads the second element as the
/// MSG, which is what receivers of the product's messages already handle.
/// What follows RFC 5424 where the documented examples cannot show it: PARAM-VALUE escaping of <c>"</c>, <c>\</c> and
/// <c>]</c> (§6.3.3; the product's pages print <c>TECH\user1</c> and quotes inside XML values bare, which a receiver
/// could not tell from the value's end); timestamps in UTC with microseconds (§6.2.3 allows at most six digits; the
/// examples show six); HOSTNAME as PRINTUSASCII of at most 255 characters; no control character anywhere, so that a
/// value can never end the message early or start a forged one on receivers that split on line ends.
/// </summary>
public static class SyslogMessageFormatter
{
    public const string AppName = "Veeam_MP";

    /// <summary>The product's private enterprise number (IANA), its <c>[origin enterpriseId="31023"]</c>.</summary>
    public const string EnterpriseId = "31023";

    /// <summary>
    /// User-level messages (1): the documented examples carry <c>&lt;14&gt;</c> for Info events, which is facility 1 with
    /// severity 6 (1 × 8 + 6). A receiver's rule filtering on the product's facility therefore matches ours.
    /// </summary>
    public const int Facility = 1;

    /// <summary>RFC 5424 §6.3.3: SD-NAME is 1 to 32 characters.</summary>
    public const int MaxParameterNameLength = 32;

    /// <summary>RFC 5424 §6.2.4.</summary>
    public const int MaxHostNameLength = 255;

    /// <summary>What a shortened value ends with, so that a reader sees that something was cut.</summary>
    public const string ShortenedMark = "...";

    /// <summary>The names the event's own element uses; a parameter by one of them would be read as the wrong thing.</summary>
    private static readonly string[] ReservedNames = ["categoryId", "instanceId", "Description"];

    /// <summary>The RFC 5424 severity of an event: Info is informational (6), Warning is warning (4), Error is error (3).</summary>
    public static int SeverityCode(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Info => 6,
        NotificationSeverity.Warning => 4,
        NotificationSeverity.Error => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a notification severity."),
    };

    public static int Priority(NotificationSeverity severity) => Facility * 8 + SeverityCode(severity);

    /// <summary>The message as UTF-8 bytes (without a byte order mark: there is no MSG part that RFC 5424 would mark).</summary>
    public static byte[] Format(NotificationEvent notification) => Format(notification, int.MaxValue);

    /// <summary>
    /// The message, at most <paramref name="maxBytes"/> long: when it would be longer, the longest values are cut (and end
    /// with <see cref="ShortenedMark"/>) until it fits, so that the message stays whole, its element closed and every
    /// name there, instead of a transport or receiver cutting it anywhere (rsyslog, for one, makes the rest a second message).
    /// </summary>
    /// <exception cref="ArgumentException">A parameter name that RFC 5424 does not allow, or one of the reserved names;
    /// or an event too large for <paramref name="maxBytes"/> even with every value emptied.</exception>
    public static byte[] Format(NotificationEvent notification, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        foreach (var (name, _) in notification.Parameters)
        {
            CheckParameterName(name);
        }
        // Values without control characters; the last one is the description.
        var values = notification.Parameters.Select(p => OneLine(p.Value)).Append(OneLine(notification.Description)).ToArray();
        var message = Encode(notification, values);
        while (message.Length > maxBytes)
        {
            var longest = 0;
            for (var i = 1; i < values.Length; i++)
            {
                if (EscapedLength(values[i]) > EscapedLength(values[longest]))
                {
                    longest = i;
                }
            }
            if (values[longest].Length == 0)
            {
                throw new ArgumentException($"Event {notification.InstanceId} does not fit in a syslog message of {maxBytes} bytes even without its values.", nameof(notification));
            }
            values[longest] = Shorten(values[longest], message.Length - maxBytes);
            message = Encode(notification, values);
        }
        return message;
    }

    /// <summary>The host name as HOSTNAME allows it: printable US-ASCII, at most 255 characters, <c>-</c> when empty.</summary>
    public static string HostName(string serverName)
    {
        var name = new StringBuilder(Math.Min(serverName.Length, MaxHostNameLength));
        foreach (var c in serverName)
        {
            if (name.Length == MaxHostNameLength)
            {
                break;
            }
            name.Append(c is >= '!' and <= '~' ? c : '_');
        }
        return name.Length == 0 ? "-" : name.ToString();
    }

    /// <summary>RFC 3339 in UTC with six fraction digits, the precision of the documented examples and RFC 5424's limit.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A PARAM-VALUE's escaping (RFC 5424 §6.3.3): <c>"</c>, <c>\</c> and <c>]</c> take a backslash in front; nothing else
    /// does (a backslash in front of any other character would be read as a literal backslash anyway).
    /// </summary>
    public static string EscapeValue(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static byte[] Encode(NotificationEvent notification, string[] values)
    {
        var text = new StringBuilder(256);
        text.Append('<').Append(Priority(notification.Severity).ToString(CultureInfo.InvariantCulture)).Append(">1 ")
            .Append(Timestamp(notification.TimeUtc)).Append(' ')
            .Append(HostName(notification.ServerName)).Append(' ')
            .Append(AppName).Append(" - - ")
            .Append("[origin enterpriseId=\"").Append(EnterpriseId).Append("\"] ")
            .Append("[categoryId=0 instanceId=").Append(notification.InstanceId.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < notification.Parameters.Count; i++)
        {
            AppendParameter(text, notification.Parameters[i].Key, values[i]);
        }
        AppendParameter(text, "Description", values[^1]);
        text.Append(']');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void AppendParameter(StringBuilder text, string name, string value) =>
        text.Append(' ').Append(name).Append("=\"").Append(EscapeValue(value)).Append('"');

    /// <summary>
    /// PARAM-NAME (RFC 5424 §6.3.3): 1 to 32 printable US-ASCII characters other than <c>=</c>, space, <c>]</c> and <c>"</c>.
    /// Names are the product's (JobName, JobResult...), written by this project, never by a user: a wrong one is a bug and
    /// is refused, where changing it would silently break the receivers' rules that look for it.
    /// </summary>
    private static void CheckParameterName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxParameterNameLength || name.Any(c => c is < '!' or > '~' or '=' or ']' or '"'))
        {
            throw new ArgumentException(
                $"'{name}' cannot be a syslog parameter name: it must be 1 to {MaxParameterNameLength} printable US-ASCII characters without '=', space, ']' or '\"'.",
                nameof(name));
        }
        if (ReservedNames.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot be a parameter name: the event's element has it already.", nameof(name));
        }
    }

    /// <summary>
    /// The value on one line: every control character (CR, LF, TAB, the other C0 and C1 ones, DEL) and the Unicode line and
    /// paragraph separators become one space each, a CR LF pair one space. Receivers that frame by line ends (UDP relays,
    /// RFC 6587 non-transparent framing downstream, log files) would otherwise cut the message there or take the rest
    /// for a message of its own.
    /// </summary>
    private static string OneLine(string value)
    {
        var line = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
                line.Append(' ');
            }
            else
            {
                line.Append(c);
            }
        }
        return line.ToString();
    }

    private static int EscapedLength(string value) => Encoding.UTF8.GetByteCount(EscapeValue(value));

    /// <summary>
    /// The value with at least <paramref name="excessBytes"/> fewer bytes once escaped and encoded, ending with the mark;
    /// cut between characters, never inside an escape or a surrogate pair. Empty when not even the mark would fit.
    /// </summary>
    private static string Shorten(string value, int excessBytes)
    {
        var keep = EscapedLength(value) - excessBytes - ShortenedMark.Length;
        if (keep <= 0)
        {
            return "";
        }
        var used = 0;
        var end = 0;
        while (end < value.Length)
        {
            var width = char.IsHighSurrogate(value[end]) && end + 1 < value.Length && char.IsLowSurrogate(value[end + 1]) ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(EscapeValue(value.Substring(end, width)));
            if (used + bytes > keep)
            {
                break;
            }
            used += bytes;
            end += width;
        }
        return value[..end] + ShortenedMark;
    }
}
