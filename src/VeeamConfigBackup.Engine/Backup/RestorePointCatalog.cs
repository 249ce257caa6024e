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
    /// The restore points of every given repository (its <c>VeeamConfigBackup</c> folder or bucket folder), newest first,
    /// each naming the repository it was found in; a point under two registered repositories is listed once. A repository
    /// that cannot be read (object storage that does not answer, say) is listed as one entry with its error, so that it
    /// never hides the others.
    /// </summary>
    public static IReadOnlyList<RestorePointInfo> List(IEnumerable<BackupRepository> repositories, RepositoryCatalog catalog)
    {
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var points = new List<RestorePointInfo>();
        foreach (var repository in repositories)
        {
            try
            {
                using var store = catalog.OpenStore(repository);
                foreach (var point in store.List(serverName: null).Where(p => seen.Add(p.Id)))
                {
                    points.Add(Describe(store, point, repository.Name));
                }
            }
            catch (ConfigBackupException ex)
            {
                points.Add(new RestorePointInfo { Path = repository.Path, Repository = repository.Name, Error = ex.Message, ErrorId = ex.ErrorId });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An offline share or a folder this user may not read: listed as such, never hiding the others.
                points.Add(new RestorePointInfo { Path = repository.Path, Repository = repository.Name, Error = ex.Message, ErrorId = "RepositoryNotReadable" });
            }
        }
        return Newest(points);
    }

    private static List<RestorePointInfo> Newest(IEnumerable<RestorePointInfo> points) =>
        points.OrderByDescending(p => p.CreationTimeUtc ?? DateTimeOffset.MinValue).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();

    public static RestorePointInfo Describe(string file) =>
        Describe(new FolderRestorePointStore(System.IO.Path.GetDirectoryName(file) ?? file), FolderRestorePointStore.Describe(file), repository: null);

    /// <summary>A point from its header, read without a password (and, in object storage, without fetching the whole point).</summary>
    public static RestorePointInfo Describe(IRestorePointStore store, StoredRestorePoint point, string? repository)
    {
        try
        {
            using var stream = store.OpenHeader(point);
            using var reader = RestorePointReader.Open(stream);
            var h = reader.Header;
            return new RestorePointInfo
            {
                Path = point.Id,
                Repository = repository,
                ImmutableUntilUtc = point.ImmutableUntilUtc,
                ServerName = h.ServerName,
                ServerId = h.ServerId,
                CreationTimeUtc = h.CreationTimeUtc,
                Encrypted = h.Encrypted,
                SecretsIncluded = h.SecretsIncluded,
                PasswordHint = h.PasswordHint,
                SecurityOfficerProtected = h.SecurityOfficerProtected,
                RecoveryKeyId = h.RecoveryKeyId,
                SizeBytes = point.SizeBytes,
                FormatVersion = h.FormatVersion,
                SchemaVersion = h.SchemaVersion,
                ProductVersion = h.ProductVersion,
            };
        }
        catch (ConfigBackupException ex)
        {
            return new RestorePointInfo { Path = point.Id, Repository = repository, ImmutableUntilUtc = point.ImmutableUntilUtc, SizeBytes = point.SizeBytes, Error = ex.Message, ErrorId = ex.ErrorId };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new RestorePointInfo { Path = point.Id, Repository = repository, ImmutableUntilUtc = point.ImmutableUntilUtc, SizeBytes = point.SizeBytes, Error = ex.Message, ErrorId = "RestorePointNotReadable" };
        }
    }

    /// <summary>
    /// Deletes one restore point (and, once its immutability has passed, the file that kept its expiry). A point that is
    /// still immutable is refused with <see cref="RestorePointImmutableException"/>; nothing shortens its period.
    /// </summary>
    /// <summary>Deletes a point of a repository's store (object storage included); an immutable one is refused.</summary>
    public static void Remove(IRestorePointStore store, string id, TimeProvider clock) =>
        store.Delete(EnsureRemovable(store, id, clock), clock.GetUtcNow());

    /// <summary>The point <see cref="Remove(IRestorePointStore, string, TimeProvider)"/> would delete, or what it would refuse with, deleting nothing.</summary>
    public static StoredRestorePoint EnsureRemovable(IRestorePointStore store, string id, TimeProvider clock)
    {
        if (!id.EndsWith(RestorePointNaming.Extension, StringComparison.Ordinal))
        {
            throw new ConfigBackupException("NotARestorePointFile", ErrorKind.InvalidArgument, $"'{id}' is not a restore point (*{RestorePointNaming.Extension}); nothing was deleted.")
            {
                RecommendedAction = "Give the id of a restore point, or pipe one from Get-VBRConfigBackup.",
            };
        }
        var point = store.Find(id) ?? throw new ConfigBackupException("RestorePointNotFound", ErrorKind.NotFound,
            $"No restore point '{id}' is in the repository's folder; nothing was deleted.")
        {
            RecommendedAction = "List the repository's restore points with Get-VBRConfigBackup -Repository.",
        };
        if (point.ImmutableUntilUtc is { } until && until > clock.GetUtcNow())
        {
            throw new RestorePointImmutableException(id, until);
        }
        return point;
    }

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

    /// <summary>Throws what <see cref="Remove(string, TimeProvider)"/> would refuse with, deleting nothing: a host checks before it asks for confirmation.</summary>
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
