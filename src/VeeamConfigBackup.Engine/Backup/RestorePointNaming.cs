using System.Globalization;
using System.Text.RegularExpressions;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// Where restore points go and what they are called: <c>&lt;repository&gt;/VeeamConfigBackup/&lt;server&gt;/&lt;server&gt;_yyyy-MM-dd_HH-mm-ss.bco</c>,
/// the time in UTC (a local time would repeat at a daylight-saving change and break the name order).
/// </summary>
public static partial class RestorePointNaming
{
    public const string FolderName = Storage.RestorePointFolder.Name;
    public const string Extension = Storage.RestorePointFolder.Extension;

    public static string Folder(string repositoryPath, string serverName) =>
        Path.Combine(repositoryPath, FolderName, serverName);

    public static string FileName(string serverName, DateTimeOffset createdUtc) =>
        $"{serverName}_{createdUtc.UtcDateTime.ToString("yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture)}{Extension}";

    /// <summary>True for names this job writes for the server, so retention never touches anything else.</summary>
    public static bool IsRestorePointOf(string fileName, string serverName) =>
        fileName.StartsWith(serverName + "_", StringComparison.Ordinal) &&
        TimestampPattern().IsMatch(fileName[(serverName.Length + 1)..]) &&
        // The pattern takes month 13 and hour 99; only a real time is a name this job wrote.
        DateTimeOffset.TryParseExact(fileName[(serverName.Length + 1)..^Extension.Length], "yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out _);

    /// <summary>The creation time (UTC) a restore point's name states; call only for names that <see cref="IsRestorePointOf"/> accepts.</summary>
    public static DateTimeOffset TimeOf(string fileName, string serverName) =>
        DateTimeOffset.ParseExact(fileName[(serverName.Length + 1)..^Extension.Length], "yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.bco$")]
    private static partial Regex TimestampPattern();
}
