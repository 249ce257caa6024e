using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.KmsServers;

/// <summary>A KMS server known to the backup server (configuration only: configuration backups never encrypt with KMS keys).</summary>
public sealed class KmsServerRecord
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public string Description { get; init; } = "";

    public required DateTimeOffset AddedUtc { get; init; }

    internal static KmsServerRecord FromRow(KmsServerRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Address = row.Address,
        Port = row.Port,
        Description = row.Description,
        AddedUtc = row.AddedUtc,
    };

    internal KmsServerRow ToRow() => new()
    {
        Id = Id,
        Name = Name,
        Address = Address,
        Port = Port,
        Description = Description,
        AddedUtc = AddedUtc,
    };
}
