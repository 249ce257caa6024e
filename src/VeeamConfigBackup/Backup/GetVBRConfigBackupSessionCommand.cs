using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>Lists runs of the configuration backup job and restores into this server, oldest first.</summary>
[Cmdlet(VerbsCommon.Get, "VBRConfigBackupSession")]
[OutputType(typeof(BackupSession))]
public sealed class GetVBRConfigBackupSessionCommand : VbrCmdlet
{
    /// <summary>Only the newest N sessions.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <summary>Only sessions with this result.</summary>
    [Parameter]
    public BackupOutcome? Result { get; set; }

    /// <summary>Only backups (runs of the job) or only restores.</summary>
    [Parameter]
    public SessionType? Type { get; set; }

    protected override void End() => Terminating(null, () =>
    {
        IEnumerable<BackupSession> sessions = Server.ConfigBackupJob.Sessions();
        if (Type is { } t) sessions = sessions.Where(s => s.Type == t);
        if (Result is { } r) sessions = sessions.Where(s => s.Result == r);
        if (Last is { } n) sessions = sessions.TakeLast(n);
        foreach (var session in sessions)
        {
            WriteRecord(session);
        }
    });
}
