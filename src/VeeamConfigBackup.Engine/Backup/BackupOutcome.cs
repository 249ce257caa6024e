namespace VeeamConfigBackup.Engine.Backup;

/// <summary>How a configuration backup run ended.</summary>
public enum BackupOutcome
{
    Success,
    Warning,
    Failed,
}
