using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>Opens a restore point file for reading, turning a wrong path into a clear error before any parsing.</summary>
internal static class RestorePointFile
{
    /// <summary>A point in a repository's store (object storage): streamed from it; its size, for progress, comes with it.</summary>
    public static (RestorePointReader Reader, long Length) Open(string path, Storage.IRestorePointStore? store)
    {
        if (store is null)
        {
            var reader = Open(path);
            return (reader, new FileInfo(path).Length);
        }
        var point = store.Find(path) ?? throw new ConfigBackupException("RestorePointNotFound", ErrorKind.NotFound, $"The restore point '{path}' does not exist.");
        var stream = store.OpenRead(point);
        try
        {
            return (RestorePointReader.Open(stream), point.SizeBytes);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public static RestorePointReader Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigBackupException("RestorePointIsFolder", ErrorKind.InvalidArgument,
                $"'{path}' is a folder. Give a restore point file (*.bco); Get-VBRConfigBackup -Path lists the ones in a folder.");
        }
        if (!File.Exists(path))
        {
            throw new ConfigBackupException("RestorePointNotFound", ErrorKind.NotFound, $"The restore point '{path}' does not exist.");
        }
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigBackupException("RestorePointNotReadable", ErrorKind.PermissionDenied, $"The restore point '{path}' cannot be read: {ex.Message}", ex);
        }
        try
        {
            return RestorePointReader.Open(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
