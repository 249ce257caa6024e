using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Engine.Policy;

/// <summary>Everything the rules look at, gathered once so every rule sees the same moment.</summary>
public sealed record PolicyContext
{
    public required ConfigBackupJobInfo Job { get; init; }

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
