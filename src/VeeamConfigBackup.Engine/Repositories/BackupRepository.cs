using VeeamConfigBackup.Engine.Store;

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
    public bool IsImmutable => Type is RepositoryType.Hardened or RepositoryType.S3Compatible && ImmutabilityPeriod > 0;

    /// <summary>S3-compatible repositories: the service endpoint (https://… or http://…).</summary>
    public string? ServiceEndpoint { get; init; }

    /// <summary>S3-compatible repositories: the bucket.</summary>
    public string? Bucket { get; init; }

    /// <summary>S3-compatible repositories: the folder (key prefix) in the bucket.</summary>
    public string? Folder { get; init; }

    /// <summary>S3-compatible repositories: the region to sign requests for; null for the service's default.</summary>
    public string? Region { get; init; }

    /// <summary>S3-compatible repositories: the Credentials Manager record with the access key (user name) and secret key (password).</summary>
    public Guid? CredentialsId { get; init; }

    /// <summary>S3-compatible repositories: address the bucket in the path rather than in the host name.</summary>
    public bool ForcePathStyle { get; init; }

    internal static BackupRepository FromRow(RepositoryRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Path = row.Path,
        Type = Enum.Parse<RepositoryType>(row.Type),
        IsDefault = row.IsDefault,
        CreatedUtc = row.CreatedUtc,
        ImmutabilityPeriod = row.ImmutabilityPeriod,
        ServiceEndpoint = row.ServiceEndpoint,
        Bucket = row.Bucket,
        Folder = row.Folder,
        Region = row.Region,
        CredentialsId = row.CredentialsId,
        ForcePathStyle = row.ForcePathStyle,
    };

    internal RepositoryRow ToRow() => new()
    {
        Id = Id,
        Name = Name,
        Path = Path,
        Type = Type.ToString(),
        IsDefault = IsDefault,
        CreatedUtc = CreatedUtc,
        ImmutabilityPeriod = ImmutabilityPeriod,
        ServiceEndpoint = ServiceEndpoint,
        Bucket = Bucket,
        Folder = Folder,
        Region = Region,
        CredentialsId = CredentialsId,
        ForcePathStyle = ForcePathStyle,
    };
}
