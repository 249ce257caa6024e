using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Engine.Policy;

/// <summary>Everything the rules look at, gathered once so every rule sees the same moment.</summary>
public sealed record PolicyContext
{
    /// <summary>Whether the configuration backup job runs at all.</summary>
    public required bool JobEnabled { get; init; }

    public required bool EncryptionEnabled { get; init; }

    /// <summary>The repository the job writes to; null or an id no longer registered means it has none.</summary>
    public required Guid? TargetRepositoryId { get; init; }

    /// <summary>The longest time the job's schedule leaves between two runs (a Monday-to-Friday schedule: three days).</summary>
    public required TimeSpan LongestScheduleGap { get; init; }

    public required int PasswordCount { get; init; }

    public required IReadOnlyList<BackupRepository> Repositories { get; init; }

    public required bool PasswordLossProtection { get; init; }

    public required bool SecurityOfficer { get; init; }

    /// <summary>The start of the last run that wrote a restore point, if any.</summary>
    public DateTimeOffset? LastGoodBackupUtc { get; init; }

    public required DateTimeOffset NowUtc { get; init; }

    public required string HomePath { get; init; }

    /// <summary>Whether the job's target folder can be written (checked by the caller, without leaving anything behind).</summary>
    public required bool TargetWritable { get; init; }
}
