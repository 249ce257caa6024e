using System.Management.Automation;
using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>Turns the engine's progress reports into Write-Progress records of one activity.</summary>
internal sealed class CmdletProgress(Cmdlet cmdlet, int activityId, string activity) : IBackupProgress
{
    private readonly ProgressRecord _record = new(activityId, activity, "Starting");

    public void Report(string status, int percentComplete)
    {
        _record.StatusDescription = status;
        _record.PercentComplete = Math.Clamp(percentComplete, 0, 100);
        _record.RecordType = percentComplete >= 100 ? ProgressRecordType.Completed : ProgressRecordType.Processing;
        cmdlet.WriteProgress(_record);
    }
}
