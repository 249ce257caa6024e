namespace VeeamConfigBackup.Engine.Store;

/// <summary>The single row of the configuration backup job as the store keeps it.</summary>
internal sealed record ConfigBackupJobRow(
    bool Enabled,
    Guid? RepositoryId,
    int RestorePointsToKeep,
    string ScheduleJson,
    bool EncryptionEnabled,
    Guid? EncryptionPasswordId,
    DateTimeOffset? LastRunUtc,
    string? LastResult);
