namespace VeeamConfigBackup.Engine.Store;

/// <summary>A Password Manager entry as the store keeps it: the password protected by the key ring.</summary>
internal sealed record PasswordRow
{
    public required Guid Id { get; init; }

    public required string Hint { get; init; }

    public required string Description { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required DateTimeOffset ModifiedUtc { get; init; }

    public required byte[] ProtectedPassword { get; init; }
}
