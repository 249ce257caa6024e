namespace VeeamConfigBackup.Engine.Store;

/// <summary>A KMS server as the store keeps it.</summary>
internal sealed record KmsServerRow
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public required string Description { get; init; }

    public required DateTimeOffset AddedUtc { get; init; }
}
