using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>
/// A hint is shown before anything is authenticated (in a restore point's header, listed by anyone who can read
/// the file), so it holds no control or format characters: they could drive the terminal of whoever lists it.
/// </summary>
internal static class HintRule
{
    public static void RefuseUnsafeCharacters(string? hint)
    {
        if (UntrustedText.HasUnsafeCharacters(hint))
        {
            throw new ConfigBackupException("InvalidHint", ErrorKind.InvalidArgument,
                "The hint contains a control or formatting character (a line break, tab or escape sequence, say). Use printable characters only.")
            {
                RecommendedAction = "Give the hint again as one line of printable characters.",
            };
        }
    }
}
