namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Which server names there can be. A name becomes a folder and a file name of restore points
/// (<c>&lt;repository&gt;/VeeamConfigBackup/&lt;server&gt;/&lt;server&gt;_….bco</c>), so the identity that writes one and the
/// header reader that accepts one follow the same rule: 1 to 63 ASCII letters, digits, '-', '_' or '.', not
/// starting with '.' (which also rules out '..' and every path separator).
/// </summary>
public static class ServerNameRule
{
    public const int MaxLength = 63;

    public const string Description = "1 to 63 letters, digits, '-', '_' or '.', not starting with '.'";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && !name.StartsWith('.') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
