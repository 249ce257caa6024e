using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>Shows whether configuration backups are encrypted, with which password, and the rules' findings.</summary>
[Cmdlet(VerbsCommon.Get, "VBRConfigBackupEncryption")]
[OutputType(typeof(ConfigBackupEncryptionStatus))]
public sealed class GetVBRConfigBackupEncryptionCommand : VbrCmdlet
{
    protected override void End() => Terminating(null, () => WriteRecord(Server.ConfigBackupJob.EncryptionStatus()));
}
