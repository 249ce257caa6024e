using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Storage;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>Lists restore points from their headers; a damaged file is reported in the list, never fatal to it.</summary>
public static class RestorePointCatalog
{
    /// <summary>A file, or every <c>*.bco</c> below a folder, newest first.</summary>
    public static IReadOnlyList<RestorePointInfo> List(string path)
    {
        if (File.Exists(path))
        {
            return [Describe(path)];
        }
        if (!Directory.Exists(path))
        {
            throw new ConfigBackupException("RestorePointPathNotFound", ErrorKind.NotFound,
                $"'{path}' is neither a restore point file nor a folder.");
        }
        return Newest(Directory.EnumerateFiles(path, "*" + RestorePointNaming.Extension, SearchOption.AllDirectories).Select(Describe));
    }

    /// <summary>
    /// The restore points of every given repository (its <c>VeeamConfigBackup</c> folder), newest first, each naming
    /// the repository it was found in; a file under two registered repositories (one inside the other) is listed once.
    /// </summary>
    public static IReadOnlyList<RestorePointInfo> List(IEnumerable<BackupRepository> repositories)
    {
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var points = new List<RestorePointInfo>();
        foreach (var repository in repositories)
        {
            foreach (var file in RestorePointFolder.AllIn(repository.Path).Where(f => seen.Add(System.IO.Path.GetFullPath(f))))
            {
                points.Add(Describe(file, repository.Name));
            }
        }
        return Newest(points);
    }

    private static List<RestorePointInfo> Newest(IEnumerable<RestorePointInfo> points) =>
        points.OrderByDescending(p => p.CreationTimeUtc ?? DateTimeOffset.MinValue).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();

    public static RestorePointInfo Describe(string file) => Describe(file, repository: null);

    private static RestorePointInfo Describe(string file, string? repository)
    {
        long size = 0;
        try
        {
            size = new FileInfo(file).Length;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            using var reader = RestorePointReader.Open(stream);
            var h = reader.Header;
            return new RestorePointInfo
            {
                Path = file,
                Repository = repository,
                ImmutableUntilUtc = RestorePointImmutability.ImmutableUntil(file),
                ServerName = h.ServerName,
                ServerId = h.ServerId,
                CreationTimeUtc = h.CreationTimeUtc,
                Encrypted = h.Encrypted,
                SecretsIncluded = h.SecretsIncluded,
                PasswordHint = h.PasswordHint,
                SecurityOfficerProtected = h.SecurityOfficerProtected,
                RecoveryKeyId = h.RecoveryKeyId,
                SizeBytes = size,
                FormatVersion = h.FormatVersion,
                SchemaVersion = h.SchemaVersion,
                ProductVersion = h.ProductVersion,
            };
        }
        catch (ConfigBackupException ex)
        {
            return new RestorePointInfo { Path = file, Repository = repository, ImmutableUntilUtc = RestorePointImmutability.ImmutableUntil(file), SizeBytes = size, Error = ex.Message, ErrorId = ex.ErrorId };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new RestorePointInfo { Path = file, Repository = repository, ImmutableUntilUtc = RestorePointImmutability.ImmutableUntil(file), SizeBytes = size, Error = ex.Message, ErrorId = "RestorePointNotReadable" };
        }
    }

    /// <summary>
    /// Deletes one restore point (and, once its immutability has passed, the file that kept its expiry). A point that is
    /// still immutable is refused with <see cref="RestorePointImmutableException"/>; nothing shortens its period.
    /// </summary>
    public static void Remove(string file, TimeProvider clock)
    {
        EnsureRemovable(file, clock);
        try
        {
            RestorePointImmutability.Delete(file, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigBackupException("RestorePointNotDeleted", ErrorKind.PermissionDenied,
                $"The restore point '{file}' could not be deleted: {ex.Message}", ex)
            {
                RecommendedAction = "Check the folder's permissions, and whether the file was made immutable by hand (lsattr shows an 'i').",
            };
        }
    }

    /// <summary>Throws what <see cref="Remove"/> would refuse with, deleting nothing: a host checks before it asks for confirmation.</summary>
    public static void EnsureRemovable(string file, TimeProvider clock)
    {
        if (Directory.Exists(file) || !string.Equals(System.IO.Path.GetExtension(file), RestorePointNaming.Extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigBackupException("NotARestorePointFile", ErrorKind.InvalidArgument,
                $"'{file}' is not a restore point file (*{RestorePointNaming.Extension}); nothing was deleted.")
            {
                RecommendedAction = "Give the path of a restore point, or pipe one from Get-VBRConfigBackup.",
            };
        }
        if (!File.Exists(file))
        {
            throw new ConfigBackupException("RestorePointNotFound", ErrorKind.NotFound, $"The restore point '{file}' does not exist.");
        }
        if (RestorePointImmutability.ImmutableUntil(file) is { } until && until > clock.GetUtcNow())
        {
            throw new RestorePointImmutableException(file, until);
        }
    }
}
