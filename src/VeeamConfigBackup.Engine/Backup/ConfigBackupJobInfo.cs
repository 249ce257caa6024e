using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>The configuration backup job as it is configured now.</summary>
public sealed class ConfigBackupJobInfo
{
    public const string JobName = ConfigBackupJobRow.JobName;

    public string Name => JobName;

    public required bool Enabled { get; init; }

    public Guid? RepositoryId { get; init; }

    /// <summary>The target repository's name, or null when it no longer exists.</summary>
    public string? Repository { get; init; }

    public required int RestorePointsToKeep { get; init; }

    public required ScheduleOptions ScheduleOptions { get; init; }

    public required bool EncryptionEnabled { get; init; }

    public Guid? PasswordId { get; init; }

    public string? PasswordHint { get; init; }

    public DateTimeOffset? LastRunUtc { get; init; }

    public BackupOutcome? LastResult { get; init; }

    public DateTimeOffset? NextRunUtc { get; init; }

    /// <summary>Who is told about each run, and how (the product's NotificationOptions).</summary>
    public JobNotificationOptions NotificationOptions { get; init; } = new();
}
