namespace VeeamConfigBackup.Engine.Store;

/// <summary>A backup repository as the store keeps it, the type by its name; the S3 columns are null for folders.</summary>
internal sealed record RepositoryRow
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Path { get; init; }

    public required string Type { get; init; }

    public required bool IsDefault { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required int ImmutabilityPeriod { get; init; }

    public string? ServiceEndpoint { get; init; }

    public string? Bucket { get; init; }

    public string? Folder { get; init; }

    public string? Region { get; init; }

    public Guid? CredentialsId { get; init; }

    public required bool ForcePathStyle { get; init; }
}
