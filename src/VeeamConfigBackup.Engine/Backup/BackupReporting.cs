namespace VeeamConfigBackup.Engine.Backup;

/// <summary>How a run reports to its host and is stopped by it.</summary>
internal sealed record BackupReporting(IBackupProgress? Progress, CancellationToken Cancellation);
