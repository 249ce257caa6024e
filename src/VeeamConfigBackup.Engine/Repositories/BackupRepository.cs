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
}
