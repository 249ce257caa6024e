namespace VeeamConfigBackup.Engine.Server;

/// <summary>Where the server's home is when no one chose one.</summary>
public static class DefaultHomeLocator
{
    public const string EnvironmentVariable = "VBR_HOME";
    private const string FolderName = "VeeamConfigBackup";

    public static string Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), FolderName);
        }
        // A per-machine folder on Unix needs root; other users get their own data folder rather than an error.
        if (Environment.UserName == "root")
        {
            return Path.Combine("/var/lib", FolderName);
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, FolderName);
    }
}
