namespace VeeamConfigBackup.Engine.Errors;

/// <summary>Tells a full disk from other I/O failures, so that it gets its own error and the advice to free space.</summary>
public static class DiskSpace
{
    private const int UnixNoSpace = 28;           // ENOSPC: .NET on Unix puts the errno in HResult
    private const int WindowsDiskFull = 0x70;     // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = 0x27; // ERROR_HANDLE_DISK_FULL

    /// <summary>Below this much free space a write failure is taken to be the disk being full.</summary>
    public const long NearlyFullBytes = 1024 * 1024;

    public static bool IsDiskFull(IOException ex) => OperatingSystem.IsWindows()
        ? (ex.HResult & 0xFFFF) is WindowsDiskFull or WindowsHandleDiskFull
        : ex.HResult == UnixNoSpace;

    /// <summary>Whether the filesystem that holds <paramref name="path"/> has (almost) no room left; false when that cannot be told.</summary>
    public static bool IsNearlyFull(string path)
    {
        try
        {
            var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path));
            return folder is not null && new DriveInfo(folder).AvailableFreeSpace < NearlyFullBytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
