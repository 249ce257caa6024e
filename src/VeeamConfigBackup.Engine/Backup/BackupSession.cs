using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>A recorded run of the configuration backup job, or a restore into this server.</summary>
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

    /// <summary>A run of the job (Backup) or a restore into this server (Restore).</summary>
    public SessionType Type { get; init; } = SessionType.Backup;

    /// <summary>A restore's mode: Restore or Migrate; empty for backups.</summary>
    public string? RestoreMode { get; init; }

    /// <summary>The error id of a failed session (BackupBlockedByPolicy, WrongPassword...).</summary>
    public string? ErrorId { get; init; }

    internal static BackupSession FromRow(ConfigBackupSessionRow row) => new()
    {
        Id = row.Id,
        StartTimeUtc = row.StartTimeUtc,
        EndTimeUtc = row.EndTimeUtc,
        Result = Enum.Parse<BackupOutcome>(row.Result),
        Path = row.Path,
        SizeBytes = row.SizeBytes,
        Encrypted = row.Encrypted,
        SecretsIncluded = row.SecretsIncluded,
        Details = row.Details,
        Type = Enum.Parse<SessionType>(row.Type),
        RestoreMode = row.RestoreMode,
        ErrorId = row.ErrorId,
    };

    internal ConfigBackupSessionRow ToRow() => new()
    {
        Id = Id,
        StartTimeUtc = StartTimeUtc,
        EndTimeUtc = EndTimeUtc,
        Result = Result.ToString(),
        Path = Path,
        SizeBytes = SizeBytes,
        Encrypted = Encrypted,
        SecretsIncluded = SecretsIncluded,
        Details = Details,
        Type = Type.ToString(),
        RestoreMode = RestoreMode,
        ErrorId = ErrorId,
    };
}
