using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>Shows the configuration backup job: schedule, target, retention, encryption, last and next run.</summary>
[Cmdlet(VerbsCommon.Get, "VBRConfigBackupJob")]
[Alias("Get-VBRConfigurationBackupJob")]
[OutputType(typeof(ConfigBackupJobInfo))]
public sealed class GetVBRConfigBackupJobCommand : VbrCmdlet
{
    protected override void End() => Terminating(null, () => WriteRecord(Server.ConfigBackupJob.Get()));
}
