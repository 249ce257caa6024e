namespace VeeamConfigBackup.Engine.Store;

/// <summary>A recorded run of the configuration backup job, or a restore, as the store keeps it; the result by its name.</summary>
internal sealed record ConfigBackupSessionRow
{
    public required Guid Id { get; init; }

    public required DateTimeOffset StartTimeUtc { get; init; }

    public required DateTimeOffset EndTimeUtc { get; init; }

    public required string Result { get; init; }

    public string? Path { get; init; }

    public required long SizeBytes { get; init; }

    public required bool Encrypted { get; init; }

    public required bool SecretsIncluded { get; init; }

    public required string Details { get; init; }

    /// <summary>Backup or Restore.</summary>
    public required string Type { get; init; }

    /// <summary>A restore's mode (Restore or Migrate); null for backups.</summary>
    public string? RestoreMode { get; init; }

    /// <summary>The error id of a failed session.</summary>
    public string? ErrorId { get; init; }
}
