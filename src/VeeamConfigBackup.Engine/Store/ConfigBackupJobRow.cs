namespace VeeamConfigBackup.Engine.Store;

/// <summary>The single row of the configuration backup job as the store keeps it.</summary>
internal sealed record ConfigBackupJobRow
{
    /// <summary>The job's name wherever a job is named, as the product names it (a password in use lists it).</summary>
    public const string JobName = "Backup Configuration Job";

    public required bool Enabled { get; init; }

    public Guid? RepositoryId { get; init; }

    public required int RestorePointsToKeep { get; init; }

    public required string ScheduleJson { get; init; }

    public required bool EncryptionEnabled { get; init; }

    public Guid? EncryptionPasswordId { get; init; }

    public DateTimeOffset? LastRunUtc { get; init; }

    public string? LastResult { get; init; }

    /// <summary>The job's notification options as JSON; null until they were first set.</summary>
    public string? NotificationJson { get; init; }
}
