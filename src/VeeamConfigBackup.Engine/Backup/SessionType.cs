namespace VeeamConfigBackup.Engine.Backup;

/// <summary>What a recorded session was: a run of the configuration backup job, or a restore (or migrate) into this server.</summary>
public enum SessionType
{
    Backup,
    Restore,
}
