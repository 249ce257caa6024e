using VeeamConfigBackup.Engine.Policy;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>What one run of the configuration backup job did. A run always produces one, failed or not.</summary>
public sealed class ConfigBackupResult
{
    public required BackupOutcome Result { get; init; }

    public required DateTimeOffset StartTimeUtc { get; init; }

    public required DateTimeOffset EndTimeUtc { get; init; }

    public TimeSpan Duration => EndTimeUtc - StartTimeUtc;

    /// <summary>The restore point written, or null when none was.</summary>
    public string? Path { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>Bytes of logical content before compression and encryption.</summary>
    public long LogicalBytes { get; init; }

    public bool Encrypted { get; init; }

    public bool SecretsIncluded { get; init; }

    public IReadOnlyDictionary<string, long> RecordCounts { get; init; } = new Dictionary<string, long>();

    public IReadOnlyList<PolicyWarning> Warnings { get; init; } = [];

    /// <summary>Why the run failed; null when it did not.</summary>
    public string? Error { get; init; }

    /// <summary>The error id of the failure, for scripts; null when it did not fail.</summary>
    public string? ErrorId { get; init; }

    /// <summary>Restore points deleted by retention after this one was safely written.</summary>
    public IReadOnlyList<string> RemovedRestorePoints { get; init; } = [];

    /// <summary>Restore points beyond the number to keep that retention left in place because they are still immutable.</summary>
    public IReadOnlyList<KeptRestorePoint> KeptImmutable { get; init; } = [];

    /// <summary>Until when the restore point written is immutable (hardened repositories); null otherwise.</summary>
    public DateTimeOffset? ImmutableUntilUtc { get; init; }
}
