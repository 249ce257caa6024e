namespace VeeamConfigBackup.Engine.Backup;

/// <summary>A recorded run of the configuration backup job.</summary>
public sealed class BackupSession
{
    public required Guid Id { get; init; }

    public required DateTimeOffset StartTimeUtc { get; init; }

    public required DateTimeOffset EndTimeUtc { get; init; }

    public TimeSpan Duration => EndTimeUtc - StartTimeUtc;

    public required BackupOutcome Result { get; init; }

    public string? Path { get; init; }

    public long SizeBytes { get; init; }

    public bool Encrypted { get; init; }

    public bool SecretsIncluded { get; init; }

    /// <summary>Why the run failed or what it warned about, in one line.</summary>
    public string Details { get; init; } = "";
}
