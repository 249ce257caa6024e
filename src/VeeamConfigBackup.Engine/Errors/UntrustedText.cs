using System.Globalization;
using System.Text;

namespace VeeamConfigBackup.Engine.Errors;

/// <summary>
/// Text that came from a file nothing has authenticated yet (a restore point's header, an unencrypted point's
/// content) and is about to be shown: in an object, a table view, a warning or an error message. Control and
/// format characters (ESC sequences, CR, LF, bidirectional overrides) would reach the terminal as they are, so
/// they are written as <c>\uXXXX</c> instead.
/// </summary>
public static class UntrustedText
{
    /// <summary>The longest text a message quotes; the rest is cut, so a 1 KiB name cannot flood a message.</summary>
    public const int MaxQuotedLength = 128;

    /// <summary>Whether a character (a whole code point, so that supplementary ones are judged too) must not reach a terminal as it is.</summary>
    public static bool IsUnsafe(Rune r) => Rune.GetUnicodeCategory(r) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    public static bool HasUnsafeCharacters(string? text) => text is not null && text.EnumerateRunes().Any(IsUnsafe);

    /// <summary>
    /// The text with every unsafe character written as <c>\uXXXX</c> (<c>\U00XXXXXX</c> beyond the Basic Multilingual
    /// Plane); safe text comes back unchanged. With <paramref name="keepLineBreaks"/>, LF and TAB stay (logs and session
    /// details are made of lines), while CR, ESC and the rest are still escaped.
    /// </summary>
    public static string Escape(string text, bool keepLineBreaks = false)
    {
        if (!HasUnsafeCharacters(text))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var r in text.EnumerateRunes())
        {
            if (!IsUnsafe(r) || (keepLineBreaks && r.Value is '\n' or '\t'))
            {
                sb.Append(r.ToString());
            }
            else if (r.IsBmp)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{r.Value:X4}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\U{r.Value:X8}");
            }
        }
        return sb.ToString();
    }

    /// <summary>For a message: escaped, and cut to <see cref="MaxQuotedLength"/> characters.</summary>
    public static string Quote(string? text)
    {
        if (text is null)
        {
            return "";
        }
        var escaped = Escape(text);
        return escaped.Length <= MaxQuotedLength ? escaped : escaped[..MaxQuotedLength] + "…";
    }
}
