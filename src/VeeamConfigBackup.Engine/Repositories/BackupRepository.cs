namespace VeeamConfigBackup.Engine.Repositories;

/// <summary>A backup repository: where restore points are written.</summary>
public sealed class BackupRepository
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Path { get; init; }

    public required RepositoryType Type { get; init; }

    /// <summary>The repository every new server starts with; it cannot be removed.</summary>
    public bool IsDefault { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>
    /// Days each restore point written to a hardened repository stays immutable (from its creation); 0 for other types.
    /// A change applies to points written after it.
    /// </summary>
    public int ImmutabilityPeriod { get; init; }

    /// <summary>Whether restore points written here are made immutable.</summary>
    public bool IsImmutable => Type == RepositoryType.Hardened && ImmutabilityPeriod > 0;
}
