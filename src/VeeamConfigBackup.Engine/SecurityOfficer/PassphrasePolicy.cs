namespace VeeamConfigBackup.Engine.SecurityOfficer;

/// <summary>
/// The product's rule for Security Officer passphrases: at least 15 characters with upper case, lower case,
/// digits and special characters, and no more than 3 characters of one class in a row.
/// </summary>
public static class PassphrasePolicy
{
    public const int MinLength = 15;
    public const int MaxRun = 3;

    /// <summary>What the passphrase lacks; empty when it is acceptable. Never repeats the passphrase.</summary>
    public static IReadOnlyList<string> Problems(ReadOnlySpan<char> passphrase)
    {
        var problems = new List<string>();
        if (passphrase.Length < MinLength) problems.Add($"at least {MinLength} characters");
        bool upper = false, lower = false, digit = false, special = false;
        int run = 0, longest = 0, previous = -1;
        foreach (var c in passphrase)
        {
            var kind = char.IsUpper(c) ? 0 : char.IsLower(c) ? 1 : char.IsDigit(c) ? 2 : 3;
            upper |= kind == 0; lower |= kind == 1; digit |= kind == 2; special |= kind == 3;
            run = kind == previous ? run + 1 : 1;
            longest = Math.Max(longest, run);
            previous = kind;
        }
        if (!upper) problems.Add("an upper-case letter");
        if (!lower) problems.Add("a lower-case letter");
        if (!digit) problems.Add("a digit");
        if (!special) problems.Add("a special character");
        if (longest > MaxRun) problems.Add($"no more than {MaxRun} characters of one kind in a row");
        return problems;
    }
}
