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
        if (File.Exists(target))
        {
            throw new ConfigBackupException("InvalidHomePath", ErrorKind.InvalidArgument, $"'{target}' is a file; a server home is a folder.");
        }
        if (!IsNewHome(target))
        {
            throw new ConfigBackupException("TargetHomeNotNew", ErrorKind.InvalidOperation,
                $"'{target}' is not empty: a migrate makes a new home only in a new or empty folder. Connect to it and restore there, or choose a new folder.");
        }
        if (Directory.Exists(target) && (IsLink(target) || MountPoints.IsMountPoint(target)))
        {
            // The home is renamed into place, and a rename cannot replace a mount point or follow a link.
            throw new ConfigBackupException("TargetPathNotPlainFolder", ErrorKind.InvalidArgument,
                $"'{target}' is a mount point or a link, so a new home cannot be renamed into its place. Nothing was written.")
            {
                RecommendedAction = $"Give a new folder inside it, for example '{Path.Combine(target, "vbr-home")}'.",
            };
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
            throw ServerHome.NotWritable(parent, ex);
        }
        // Any migrate into this folder that was killed left its staging folder, with a key ring and secrets, beside its
        // target: those whose process is gone go now, whatever target they were for.
        RemoveLeftovers(parent, leaf: null);

        var staging = Path.Combine(parent, $".{leaf}{StagingMarker}{Guid.NewGuid():N}");
        FileStream stagingLock;
        try
        {
            // Held for the whole migration: a leftover whose lock can be taken belongs to a process that is gone.
            stagingLock = new FileStream(staging + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ServerHome.NotWritable(parent, ex);
        }
        using var held = stagingLock;
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
        var replacedEmptyFolder = false;
        try
        {
            if (Directory.Exists(target))
            {
                // An empty folder given as the target: rename cannot replace it, so it goes first (non-recursively,
                // which fails if anything appeared in it meanwhile).
                Directory.Delete(target, recursive: false);
                replacedEmptyFolder = true;
            }
            Directory.Move(staging, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (replacedEmptyFolder && !Directory.Exists(target))
            {
                // Put back the empty folder the user gave, so that nothing at the target changed.
                try { Directory.CreateDirectory(target); } catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
            }
            throw new ConfigBackupException("TargetHomeNotNew", ErrorKind.InvalidOperation,
                $"The new home could not be put at '{target}': {ex.Message} Nothing was changed at '{target}'; check that nothing else uses the folder, or choose a new one, and run the migrate again.", ex);
        }
    }

    private static bool IsLink(string folder) => new DirectoryInfo(folder) is { } info && (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint));

    /// <summary>Removes what killed migrations into <paramref name="target"/> left beside it.</summary>
    internal static void RemoveLeftovers(string target)
    {
        if (Path.GetDirectoryName(target) is { } parent)
        {
            RemoveLeftovers(parent, Path.GetFileName(target));
        }
    }

    /// <summary>
    /// Removes the staging folders in <paramref name="parent"/> (of migrations into <paramref name="leaf"/>, or into any
    /// folder when it is null) whose process is gone: their lock can be taken, or was never made. A running migration
    /// holds its lock, so its folder stays.
    /// </summary>
    private static void RemoveLeftovers(string parent, string? leaf)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(parent, ".*").Where(e => IsStagingName(Path.GetFileName(e), leaf)).ToList();
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

    private static bool IsStagingName(string name, string? leaf) => leaf is null
        ? name.StartsWith('.') && name.Contains(StagingMarker, StringComparison.Ordinal)
        : name.StartsWith($".{leaf}{StagingMarker}", StringComparison.Ordinal);

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
