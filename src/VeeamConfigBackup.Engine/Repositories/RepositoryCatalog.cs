using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Repositories;

/// <summary>The server's backup repositories. Every server has a default repository that cannot be removed.</summary>
public sealed class RepositoryCatalog
{
    public const string DefaultName = "Default Backup Repository";

    private readonly IConfigurationStore _store;
    private readonly TimeProvider _clock;

    internal RepositoryCatalog(IConfigurationStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public IReadOnlyList<BackupRepository> List() => _store.ListRepositories();

    public BackupRepository Default => List().First(r => r.IsDefault);

    public BackupRepository Add(string name, string path, RepositoryType type) =>
        Insert(name, path, type, isDefault: false);

    public void Remove(Guid id)
    {
        var existing = List().FirstOrDefault(r => r.Id == id) ?? throw new RecordNotFoundException(RecordKind.Repository, id.ToString());
        if (existing.IsDefault)
        {
            throw new ConfigBackupException("DefaultRepositoryCannotBeRemoved", ErrorKind.InvalidOperation,
                $"'{existing.Name}' is the default repository and cannot be removed.");
        }
        _store.DeleteRepository(id);
    }

    internal void EnsureDefault(string path)
    {
        if (!List().Any(r => r.IsDefault))
        {
            Insert(DefaultName, path, RepositoryType.Local, isDefault: true);
        }
    }

    private BackupRepository Insert(string name, string path, RepositoryType type, bool isDefault)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            throw new ConfigBackupException("InvalidRepositoryName", ErrorKind.InvalidArgument,
                "A repository name must be 1 to 128 characters and not blank.");
        }
        if (string.IsNullOrWhiteSpace(path) || !System.IO.Path.IsPathFullyQualified(path))
        {
            throw new ConfigBackupException("InvalidRepositoryPath", ErrorKind.InvalidArgument,
                $"The repository path '{path}' is not a full path. Give an absolute folder path.");
        }
        var cleanName = name.Trim();
        if (List().Any(r => string.Equals(r.Name, cleanName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RecordConflictException(RecordKind.Repository, cleanName);
        }
        var record = new BackupRepository
        {
            Id = Guid.NewGuid(),
            Name = cleanName,
            Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)),
            Type = type,
            IsDefault = isDefault,
            CreatedUtc = _clock.StoredUtcNow(),
        };
        _store.InsertRepository(record);
        return record;
    }
}
