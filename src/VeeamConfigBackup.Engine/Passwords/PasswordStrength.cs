namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>The product's recommendation for encryption passwords: 12 characters or more, mixed case and digits.</summary>
public static class PasswordStrength
{
    public const int RecommendedLength = 12;

    public static PasswordWeakness Assess(ReadOnlySpan<char> password)
    {
        var weakness = PasswordWeakness.None;
        if (password.Length < RecommendedLength)
        {
            weakness |= PasswordWeakness.ShorterThan12;
        }
        if (!password.ContainsAnyInRange('A', 'Z') && !HasAny(password, char.IsUpper))
        {
            weakness |= PasswordWeakness.NoUpperCase;
        }
        if (!password.ContainsAnyInRange('a', 'z') && !HasAny(password, char.IsLower))
        {
            weakness |= PasswordWeakness.NoLowerCase;
        }
        if (!password.ContainsAnyInRange('0', '9'))
        {
            weakness |= PasswordWeakness.NoDigit;
        }
        return weakness;
    }

    /// <summary>A sentence for a warning; it names what is missing, never the password.</summary>
    public static string Describe(PasswordWeakness weakness)
    {
        var missing = new List<string>();
        if (weakness.HasFlag(PasswordWeakness.ShorterThan12)) missing.Add($"at least {RecommendedLength} characters");
        if (weakness.HasFlag(PasswordWeakness.NoUpperCase)) missing.Add("an upper-case letter");
        if (weakness.HasFlag(PasswordWeakness.NoLowerCase)) missing.Add("a lower-case letter");
        if (weakness.HasFlag(PasswordWeakness.NoDigit)) missing.Add("a digit");
        return $"The password is weak: it lacks {string.Join(", ", missing)}. It was accepted; a strong password is recommended because it alone protects the restore points.";
    }

    private static bool HasAny(ReadOnlySpan<char> text, Func<char, bool> predicate)
    {
        foreach (var c in text)
        {
            if (predicate(c)) return true;
        }
        return false;
    }
}
