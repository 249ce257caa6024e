using System.Text;
using System.Text.RegularExpressions;

namespace VeeamConfigBackup.Engine.Notifications.Mail;

/// <summary>
/// The subject line of a notification, written as the product writes its job notification subjects:
/// <c>[%JobResult%] %JobName% (%ObjectCount% objects) %Issues%</c>. Each <c>%Name%</c> is replaced by the event's
/// parameter of that name; what the caller did not give is left as written, so that a mistyped variable shows in the
/// subject instead of silently vanishing.
/// </summary>
public static partial class SubjectTemplate
{
    /// <summary>The default subject: the result first, so that a mail client's subject column shows failures at a glance.</summary>
    public const string Default = "[%JobResult%] %JobName%";

    /// <summary>
    /// Replaces every <c>%Name%</c> (a letter, then letters, digits or underscores) by the value of the first parameter of
    /// that name, ignoring case as the product's variables do. Unknown variables, lone percent signs ("100%") and
    /// everything else stay as they are. Line breaks and other control characters become spaces: a subject is one
    /// header line, and a value must not be able to start another header.
    /// </summary>
    public static string Expand(string template, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters)
        {
            values.TryAdd(name, value ?? "");
        }
        var expanded = Variable().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
        return OneLine(expanded);
    }

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            line.Append(char.IsControl(c) ? ' ' : c);
        }
        return line.ToString();
    }

    [GeneratedRegex("%([A-Za-z][A-Za-z0-9_]*)%", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
