using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.KmsServers;

/// <summary>KMS servers known to the backup server (records only; nothing here talks to them).</summary>
public sealed class KmsServerCatalog
{
    /// <summary>The KMIP port.</summary>
    public const int DefaultPort = 5696;

    private readonly IConfigurationStore _store;
    private readonly TimeProvider _clock;

    internal KmsServerCatalog(IConfigurationStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public IReadOnlyList<KmsServerRecord> List() => _store.ListKmsServers().Select(KmsServerRecord.FromRow).ToList();

    public KmsServerRecord Add(string name, string address, int port = DefaultPort, string? description = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            throw new ConfigBackupException("InvalidKmsServerName", ErrorKind.InvalidArgument, "A KMS server name must be 1 to 128 characters and not blank.");
        }
        if (Uri.CheckHostName(address?.Trim()) == UriHostNameType.Unknown)
        {
            throw new ConfigBackupException("InvalidKmsServerAddress", ErrorKind.InvalidArgument,
                $"'{address}' is not a host name or IP address.");
        }
        if (port is < 1 or > 65535)
        {
            throw new ConfigBackupException("InvalidKmsServerPort", ErrorKind.InvalidArgument, $"Port {port} is outside 1-65535.");
        }
        var cleanName = name.Trim();
        if (List().Any(k => string.Equals(k.Name, cleanName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RecordConflictException(RecordKind.KmsServer, cleanName);
        }
        var record = new KmsServerRecord
        {
            Id = Guid.NewGuid(),
            Name = cleanName,
            Address = address!.Trim(),
            Port = port,
            Description = description?.Trim() ?? "",
            AddedUtc = _clock.StoredUtcNow(),
        };
        _store.InsertKmsServer(record.ToRow());
        return record;
    }

    public void Remove(Guid id)
    {
        if (!_store.DeleteKmsServer(id))
        {
            throw new RecordNotFoundException(RecordKind.KmsServer, id.ToString());
        }
    }
}
