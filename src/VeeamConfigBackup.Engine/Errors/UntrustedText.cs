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

    /// <summary>Whether a character must not reach a terminal as it is.</summary>
    public static bool IsUnsafe(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    public static bool HasUnsafeCharacters(string? text) => text is not null && text.Any(IsUnsafe);

    /// <summary>The text with every unsafe character written as <c>\uXXXX</c>; safe text comes back unchanged.</summary>
    public static string Escape(string text)
    {
        if (!HasUnsafeCharacters(text))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
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
