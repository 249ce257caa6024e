namespace VeeamConfigBackup.Engine.Server;

/// <summary>Whether a folder is where a filesystem is mounted (a rename can neither replace nor move it).</summary>
internal static class MountPoints
{
    private const string MountInfo = "/proc/self/mountinfo";

    public static bool IsMountPoint(string folder)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(MountInfo))
        {
            return false; // Windows mount points are reparse points, which the caller checks as links
        }
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        try
        {
            // Field 5 of each line is the mount point, with space, tab, newline and backslash written as octal escapes.
            return File.ReadLines(MountInfo).Select(line => line.Split(' ')).Where(f => f.Length > 4)
                .Any(f => string.Equals(Unescape(f[4]), full, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
