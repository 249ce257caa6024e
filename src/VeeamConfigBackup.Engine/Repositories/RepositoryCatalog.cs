using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Storage;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Repositories;

/// <summary>The server's backup repositories. Every server has a default repository that cannot be removed.</summary>
public sealed class RepositoryCatalog
{
    public const string DefaultName = "Default Backup Repository";

    /// <summary>The default repository's folder inside a server's home.</summary>
    public const string DefaultFolderName = "Backups";

    /// <summary>The product's hardened repository allows 7 to 9999 days of immutability; 7 is its default.</summary>
    public const int MinImmutabilityPeriod = 7;
    public const int MaxImmutabilityPeriod = 9999;
    public const int DefaultImmutabilityPeriod = 7;

    private readonly IConfigurationStore _store;
    private readonly TimeProvider _clock;
    private readonly Credentials.CredentialsManager _credentials;

    internal RepositoryCatalog(IConfigurationStore store, TimeProvider clock, Credentials.CredentialsManager credentials)
    {
        _store = store;
        _clock = clock;
        _credentials = credentials;
    }

    /// <summary>Object Lock periods the product allows for object storage repositories: 1 to 999 days.</summary>
    public const int MinObjectLockPeriod = 1;
    public const int MaxObjectLockPeriod = 999;

    /// <summary>
    /// Registers an S3-compatible repository after proving that the bucket is there, that the keys of the credentials
    /// record open it and, with an immutability period, that the bucket has Object Lock enabled. Nothing is registered otherwise.
    /// </summary>
    public BackupRepository AddS3Compatible(string name, string serviceEndpoint, string bucket, string folder, string? region, Guid credentialsId,
        int? immutabilityPeriod, bool forcePathStyle)
    {
        if (!Uri.TryCreate(serviceEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http") || endpoint.UserInfo.Length > 0 ||
            endpoint.AbsolutePath is not ("/" or "") || endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0)
        {
            // Never repeated: a URL with user information may carry a key.
            throw new ConfigBackupException("InvalidServiceEndpoint", ErrorKind.InvalidArgument,
                "The service endpoint is not an http:// or https:// URL of a host (and port), without user information, path or query (keys go in -Credential, the folder in -Folder).")
            {
                RecommendedAction = "Give the object storage's service endpoint, for example https://s3.example.com.",
            };
        }
        if (string.IsNullOrWhiteSpace(bucket) || bucket.Length > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            throw new ConfigBackupException("InvalidBucketName", ErrorKind.InvalidArgument, $"'{bucket}' is not an S3 bucket name (3 to 63 lower-case letters, digits, '-' or '.').");
        }
        if (immutabilityPeriod is { } days)
        {
            ValidatePeriod(days, RepositoryType.S3Compatible);
        }
        var credentials = _credentials.Get(credentialsId);
        var cleanFolder = (folder ?? "").Trim().Trim('/');
        if (cleanFolder.Split('/').Any(segment => segment is "." or ".." || (segment.Length == 0 && cleanFolder.Length > 0)))
        {
            throw new ConfigBackupException("InvalidFolder", ErrorKind.InvalidArgument, $"'{folder}' is not a folder of a bucket: no empty, '.' or '..' parts.")
            {
                RecommendedAction = "Give the folder as names separated by '/', for example 'backups/server-01', or an empty string for the bucket's top level.",
            };
        }
        var location = new S3Location(endpoint.ToString().TrimEnd('/'), bucket, cleanFolder, string.IsNullOrWhiteSpace(region) ? null : region.Trim(), forcePathStyle);
        using (var store = S3Store(location, credentials.Id))
        {
            store.Verify(needsObjectLock: immutabilityPeriod is not null);
        }
        var cleanName = CheckName(name);
        var record = new BackupRepository
        {
            Id = Guid.NewGuid(),
            Name = cleanName,
            Path = location.Describe(),
            Type = RepositoryType.S3Compatible,
            CreatedUtc = _clock.StoredUtcNow(),
            ImmutabilityPeriod = immutabilityPeriod ?? 0,
            ServiceEndpoint = location.ServiceEndpoint,
            Bucket = bucket,
            Folder = cleanFolder,
            Region = location.Region,
            CredentialsId = credentials.Id,
            ForcePathStyle = forcePathStyle,
        };
        _store.InsertRepository(record.ToRow());
        return record;
    }

    private S3RestorePointStore S3Store(BackupRepository repository)
    {
        if (repository.Bucket is null || repository.ServiceEndpoint is null || repository.CredentialsId is not { } credentialsId)
        {
            throw new ConfigBackupException("RepositoryIncomplete", ErrorKind.InvalidData,
                $"The S3-compatible repository '{repository.Name}' lacks its endpoint, bucket or credentials.");
        }
        return S3Store(new S3Location(repository.ServiceEndpoint, repository.Bucket, repository.Folder ?? "", repository.Region, repository.ForcePathStyle), credentialsId,
            repository.IsImmutable ? repository.ImmutabilityPeriod : 0);
    }

    /// <summary>The secret key leaves the Credentials Manager only here, for the S3 client that signs with it.</summary>
    private S3RestorePointStore S3Store(S3Location location, Guid credentialsId, int immutabilityDays = 0)
    {
        var record = _credentials.Get(credentialsId);
        var secret = _credentials.RevealPassword(record);
        return new S3RestorePointStore(location, record.UserName, new System.Net.NetworkCredential("", secret).Password, immutabilityDays);
    }

    public IReadOnlyList<BackupRepository> List() => _store.ListRepositories().Select(BackupRepository.FromRow).ToList();

    /// <summary>The storage behind a repository, through which its restore points are written, listed, read and deleted.</summary>
    public IRestorePointStore OpenStore(BackupRepository repository) => repository.Type switch
    {
        RepositoryType.S3Compatible => S3Store(repository),
        _ => new FolderRestorePointStore(repository.Path),
    };

    public BackupRepository Default => List().First(r => r.IsDefault);

    /// <summary>
    /// Registers a repository. A hardened one gets an immutability period (default 7 days) and is registered only after a
    /// probe proved that files in its folder can be made immutable here (<see cref="ImmutabilityNotSupportedException"/>).
    /// </summary>
    public BackupRepository Add(string name, string path, RepositoryType type, int? immutabilityPeriod = null)
    {
        if (type != RepositoryType.Hardened && immutabilityPeriod is not null)
        {
            throw new ConfigBackupException("ImmutabilityNeedsHardenedRepository", ErrorKind.InvalidArgument,
                "-ImmutabilityPeriod applies to hardened repositories only.")
            {
                RecommendedAction = "Add the repository with -Type Hardened, or leave out -ImmutabilityPeriod.",
            };
        }
        var days = type == RepositoryType.Hardened ? ValidatePeriod(immutabilityPeriod ?? DefaultImmutabilityPeriod, RepositoryType.Hardened) : 0;
        return Insert(name, path, type, isDefault: false, days);
    }

    /// <summary>Changes a hardened repository's immutability period; points already written keep the expiry they got.</summary>
    public BackupRepository SetImmutabilityPeriod(Guid id, int days)
    {
        var existing = Get(id);
        if (existing.Type == RepositoryType.S3Compatible)
        {
            ValidatePeriod(days, RepositoryType.S3Compatible);
            if (!existing.IsImmutable)
            {
                // A period where there was none: the bucket must have Object Lock, as when the repository is added with one.
                using var store = S3Store(existing);
                store.Verify(needsObjectLock: true);
            }
            _store.SetRepositoryImmutability(id, days);
            return Get(id);
        }
        if (existing.Type != RepositoryType.Hardened)
        {
            throw new ConfigBackupException("ImmutabilityNeedsHardenedRepository", ErrorKind.InvalidOperation,
                $"'{existing.Name}' is a {existing.Type} repository, which has no immutability period.")
            {
                RecommendedAction = "Add a hardened repository (-Type Hardened) or an object storage one with Object Lock (-Type S3Compatible), with -ImmutabilityPeriod <days>.",
            };
        }
        _store.SetRepositoryImmutability(id, ValidatePeriod(days, RepositoryType.Hardened));
        return Get(id);
    }

    /// <summary>
    /// Removes a repository. Refused, with nothing changed, for the default repository, the configuration backup job's
    /// target (<c>RepositoryInUse</c>), and a repository that still holds immutable restore points: removing it would
    /// also lift the rule that backups must be encrypted while those points are kept.
    /// </summary>
    public void Remove(Guid id)
    {
        EnsureRemovable(id);
        _store.DeleteRepository(id);
    }

    /// <summary>Throws what <see cref="Remove"/> would refuse with, changing nothing: a host checks before it asks for confirmation.</summary>
    public void EnsureRemovable(Guid id)
    {
        var existing = Get(id);
        if (existing.IsDefault)
        {
            throw new ConfigBackupException("DefaultRepositoryCannotBeRemoved", ErrorKind.InvalidOperation,
                $"'{existing.Name}' is the default repository and cannot be removed.");
        }
        if (_store.GetConfigBackupJob()?.RepositoryId == id)
        {
            throw new ConfigBackupException("RepositoryInUse", ErrorKind.InvalidOperation,
                $"'{existing.Name}' is the target of the configuration backup job, so it cannot be removed; nothing was changed.")
            {
                RecommendedAction = "Point the job at another repository first: Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name '<name>').",
            };
        }
        if (existing.Type == RepositoryType.S3Compatible && !existing.IsImmutable)
        {
            // Points written there were never locked by this module: the bucket need not answer for the registration to go.
            return;
        }
        var now = _clock.GetUtcNow();
        List<DateTimeOffset> immutable;
        try
        {
            using var store = OpenStore(existing);
            immutable = store.List(serverName: null).Select(p => p.ImmutableUntilUtc).OfType<DateTimeOffset>().Where(until => until > now).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // What cannot be read cannot be shown to hold no immutable points: the repository stays.
            throw new ConfigBackupException("RepositoryNotReadable", ErrorKind.PermissionDenied,
                $"The restore points of '{existing.Name}' cannot be read ({ex.Message}), so it is not known whether immutable ones are kept there; nothing was changed.", ex)
            {
                RecommendedAction = "Make the repository's folder readable (or its share reachable) and run the command again.",
            };
        }
        if (immutable.Count > 0)
        {
            var last = immutable.Max();
            throw new ConfigBackupException("RepositoryHoldsImmutableRestorePoints", ErrorKind.InvalidOperation,
                $"'{existing.Name}' still holds {immutable.Count} immutable restore point(s), the last immutable until " +
                (last == DateTimeOffset.MaxValue ? "an unknown time" : $"{last.UtcDateTime:u}") + "; it cannot be removed before then. Nothing was changed.")
            {
                RecommendedAction = "Keep the repository registered until its restore points' immutability has passed (Get-VBRConfigBackup -Repository shows ImmutableUntilUtc).",
            };
        }
    }

    private BackupRepository Get(Guid id) =>
        List().FirstOrDefault(r => r.Id == id) ?? throw new RecordNotFoundException(RecordKind.Repository, id.ToString());

    /// <summary>The immutability periods a kind of repository takes: hardened 7-9999 days, object storage (Object Lock) 1-999.</summary>
    public static (int Min, int Max) PeriodRange(RepositoryType type) => type == RepositoryType.S3Compatible
        ? (MinObjectLockPeriod, MaxObjectLockPeriod)
        : (MinImmutabilityPeriod, MaxImmutabilityPeriod);

    private static int ValidatePeriod(int days, RepositoryType type)
    {
        var (min, max) = PeriodRange(type);
        var of = type == RepositoryType.S3Compatible ? " for object storage" : "";
        return days >= min && days <= max ? days
            : throw new ConfigBackupException("InvalidImmutabilityPeriod", ErrorKind.InvalidArgument,
                $"An immutability period of {days} day(s) is outside {min} to {max} days{of}.")
            {
                RecommendedAction = $"Give -ImmutabilityPeriod a number of days from {min} to {max}.",
            };
    }

    internal void EnsureDefault(string path)
    {
        if (!List().Any(r => r.IsDefault))
        {
            Insert(DefaultName, path, RepositoryType.Local, isDefault: true, immutabilityDays: 0);
        }
    }

    private BackupRepository Insert(string name, string path, RepositoryType type, bool isDefault, int immutabilityDays)
    {
        if (string.IsNullOrWhiteSpace(path) || !System.IO.Path.IsPathFullyQualified(path))
        {
            throw new ConfigBackupException("InvalidRepositoryPath", ErrorKind.InvalidArgument,
                $"The repository path '{path}' is not a full path. Give an absolute folder path.");
        }
        var cleanName = CheckName(name);
        var record = new BackupRepository
        {
            Id = Guid.NewGuid(),
            Name = cleanName,
            Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)),
            Type = type,
            IsDefault = isDefault,
            CreatedUtc = _clock.StoredUtcNow(),
            ImmutabilityPeriod = immutabilityDays,
        };
        if (record.IsImmutable)
        {
            ProveImmutability(record.Path);
        }
        _store.InsertRepository(record.ToRow());
        return record;
    }

    private string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            throw new ConfigBackupException("InvalidRepositoryName", ErrorKind.InvalidArgument,
                "A repository name must be 1 to 128 characters and not blank.");
        }
        var cleanName = name.Trim();
        if (List().Any(r => string.Equals(r.Name, cleanName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RecordConflictException(RecordKind.Repository, cleanName);
        }
        return cleanName;
    }

    /// <summary>A hardened repository that could receive a deletable point is never registered: the folder is probed first.</summary>
    private static void ProveImmutability(string folder)
    {
        if (File.Exists(folder))
        {
            throw new ConfigBackupException("InvalidRepositoryPath", ErrorKind.InvalidArgument, $"The repository path '{folder}' is a file, not a folder.")
            {
                RecommendedAction = "Give the path of a folder (it is created if it does not exist).",
            };
        }
        var created = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
            ImmutableFlag.Probe(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImmutabilityNotSupportedException(folder, $"a probe file cannot be written there ({ex.Message})", ex);
        }
        catch (ImmutabilityNotSupportedException) when (created)
        {
            try { Directory.Delete(folder, recursive: false); } catch (IOException) { }
            throw;
        }
    }
}
