namespace VeeamConfigBackup.Engine.Store;

/// <summary>A Credentials Manager entry as the store keeps it: the password protected by the key ring, the type by its name.</summary>
internal sealed record CredentialsRow
{
    public required Guid Id { get; init; }

    public required string UserName { get; init; }

    public required string Description { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required DateTimeOffset ModifiedUtc { get; init; }

    public required byte[] ProtectedPassword { get; init; }
}
