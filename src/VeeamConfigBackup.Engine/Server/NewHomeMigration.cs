using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Restore;

namespace VeeamConfigBackup.Engine.Server;

/// <summary>
/// A migrate into a folder that holds no server yet. The whole home (identity, key ring, database with the restored
/// configuration) is built in a staging folder beside the target and renamed into place as the last step, so that a
/// kill at any moment leaves either nothing at the target or the complete home, never a home that looks like a real
/// server but lacks its credentials. Staging folders of killed migrations are removed by the next open of that path.
/// </summary>
public static class NewHomeMigration
{
    private const string StagingMarker = ".migrating-";
    private const string LockSuffix = ".lock";

    /// <summary>Whether <paramref name="path"/> holds no server: no folder, or an empty one.</summary>
    public static bool IsNewHome(string path)
    {
        var full = Path.GetFullPath(path);
        return !Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any();
    }

    /// <summary>
    /// Restores <paramref name="request"/> into a new home at <paramref name="targetPath"/>, all or nothing. The new
    /// server's name is <paramref name="serverName"/>, or the machine's name (what a new home gets by default).
    /// </summary>
    public static ConfigRestoreResult Run(string targetPath, RestoreRequest request, string? serverName = null,
        IBackupProgress? progress = null, CancellationToken cancellation = default)
    {
        if (request.WhatIf || request.Mode != RestoreMode.Migrate)
        {
            throw new ArgumentException("A new home is made by a migrate that is not a WhatIf.", nameof(request));
        }
        var target = Path.GetFullPath(targetPath);
        if (!IsNewHome(target))
        {
            throw new ConfigBackupException("TargetHomeNotNew", ErrorKind.InvalidOperation,
                $"'{target}' is not empty: a migrate makes a new home only in a new or empty folder. Connect to it and restore there, or choose a new folder.");
        }
        var parent = Path.GetDirectoryName(target) ?? throw new ConfigBackupException("InvalidHomePath", ErrorKind.InvalidArgument,
            $"'{target}' is a root folder; a server home is a folder inside one.");
        var leaf = Path.GetFileName(target);
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigBackupException("HomeNotWritable", ErrorKind.PermissionDenied,
                $"The folder '{parent}' cannot be created or written: {ex.Message} Choose a folder you can write to.", ex);
        }
        RemoveLeftovers(target);

        var staging = Path.Combine(parent, $".{leaf}{StagingMarker}{Guid.NewGuid():N}");
        // Held for the whole migration: a leftover whose lock can be taken belongs to a process that is gone.
        using var stagingLock = new FileStream(staging + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        try
        {
            ConfigRestoreResult result;
            using (var home = ServerHome.Open(staging, serverName))
            {
                // A brand-new server has nothing to back up first; and what it stores names the target, never the staging folder.
                result = ConfigRestore.Run(home, target, request with { BackupExisting = false }, progress, cancellation);
            }
            MoveIntoPlace(staging, target);
            return result;
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>The one step that makes the new home appear: a rename within one folder.</summary>
    private static void MoveIntoPlace(string staging, string target)
    {
        try
        {
            if (Directory.Exists(target))
            {
                // An empty folder given as the target: rename cannot replace it, so it goes first (non-recursively,
                // which fails if anything appeared in it meanwhile).
                Directory.Delete(target, recursive: false);
            }
            Directory.Move(staging, target);
        }
        catch (IOException ex)
        {
            throw new ConfigBackupException("TargetHomeNotNew", ErrorKind.InvalidOperation,
                $"'{target}' was created or written by something else while the migrate ran, so the new home was not put there: {ex.Message} Nothing was changed at '{target}'; choose a new folder and run the migrate again.", ex);
        }
    }

    /// <summary>
    /// Removes the staging folders of migrations into <paramref name="target"/> whose process is gone (their lock can be
    /// taken, or was never made). A running migration holds its lock, so its folder stays.
    /// </summary>
    internal static void RemoveLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent))
        {
            return;
        }
        var prefix = $".{Path.GetFileName(target)}{StagingMarker}";
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(parent, ".*").Where(e => Path.GetFileName(e).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var staging in entries.Where(e => !e.EndsWith(LockSuffix, StringComparison.Ordinal)))
        {
            RemoveIfAbandoned(staging, staging + LockSuffix);
        }
        foreach (var lockFile in entries.Where(e => e.EndsWith(LockSuffix, StringComparison.Ordinal) && !Directory.Exists(e[..^LockSuffix.Length])))
        {
            RemoveIfAbandoned(null, lockFile);
        }
    }

    private static void RemoveIfAbandoned(string? staging, string lockFile)
    {
        FileStream? held = null;
        try
        {
            if (File.Exists(lockFile))
            {
                held = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1);
            }
            if (staging is not null)
            {
                TryDelete(staging);
            }
            if (held is not null)
            {
                File.Delete(lockFile);
            }
        }
        catch (IOException)
        {
            // Locked: that migration is still running.
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            held?.Dispose();
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
