namespace VeeamConfigBackup.Engine.Storage;

/// <summary>The folder of a repository that holds configuration backups: <c>&lt;repository&gt;/VeeamConfigBackup/&lt;server&gt;/</c>.</summary>
public static class RestorePointFolder
{
    public const string Name = "VeeamConfigBackup";

    public const string Extension = ".bco";
}
