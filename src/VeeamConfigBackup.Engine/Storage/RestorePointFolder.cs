namespace VeeamConfigBackup.Engine.Storage;

/// <summary>The folder of a repository that holds configuration backups: <c>&lt;repository&gt;/VeeamConfigBackup/&lt;server&gt;/</c>.</summary>
public static class RestorePointFolder
{
    public const string Name = "VeeamConfigBackup";

    public const string Extension = ".bco";

    /// <summary>Every restore point file under a repository's configuration backup folder (none when it does not exist).</summary>
    public static IEnumerable<string> AllIn(string repositoryPath)
    {
        var root = Path.Combine(repositoryPath, Name);
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*" + Extension, SearchOption.AllDirectories) : [];
    }
}
