namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// Whether a folder (or, when it does not exist yet, the nearest existing folder above it) accepts a new file.
/// It writes a probe file that deletes itself, so nothing is left behind.
/// </summary>
internal static class FolderProbe
{
    public static bool CanWrite(string folder)
    {
        try
        {
            var existing = new DirectoryInfo(folder);
            while (existing is not null && !existing.Exists)
            {
                if (File.Exists(existing.FullName))
                {
                    return false; // a file stands where a folder must be created
                }
                existing = existing.Parent;
            }
            if (existing is null)
            {
                return false;
            }
            using (File.Create(Path.Combine(existing.FullName, $".vbr-probe-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose))
            {
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
