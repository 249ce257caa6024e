namespace VeeamConfigBackup.Engine.Backup;

/// <summary>What a host supplies to show progress of a long run (a cmdlet turns it into Write-Progress).</summary>
public interface IBackupProgress
{
    void Report(string status, int percentComplete);
}
