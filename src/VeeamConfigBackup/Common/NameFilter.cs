using System.Management.Automation;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>Selects records by name patterns with PowerShell wildcards, case-insensitively.</summary>
internal static class NameFilter
{
    /// <summary>
    /// Records whose key matches any pattern (all records when there are no patterns), each once, in the
    /// records' order. <paramref name="unmatched"/> is called for every pattern that matched nothing,
    /// with <paramref name="reportWildcards"/> deciding whether wildcard patterns count.
    /// </summary>
    public static List<T> Select<T>(IEnumerable<T> records, string[]? patterns, Func<T, string> key,
        bool reportWildcards, Action<string> unmatched)
    {
        var all = records.ToList();
        if (patterns is null || patterns.Length == 0)
        {
            return all;
        }
        var selected = new HashSet<T>();
        foreach (var pattern in patterns)
        {
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var matches = all.Where(r => wildcard.IsMatch(key(r))).ToList();
            if (matches.Count == 0 && (reportWildcards || !WildcardPattern.ContainsWildcardCharacters(pattern)))
            {
                unmatched(pattern);
            }
            selected.UnionWith(matches);
        }
        return all.Where(selected.Contains).ToList();
    }
}
