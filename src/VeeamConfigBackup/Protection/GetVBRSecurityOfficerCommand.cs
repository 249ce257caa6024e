using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.SecurityOfficer;

namespace VeeamConfigBackup.Commands.Protection;

/// <summary>Shows whether a Security Officer protects configuration backups.</summary>
[Cmdlet(VerbsCommon.Get, "VBRSecurityOfficer")]
[OutputType(typeof(SecurityOfficerStatus))]
public sealed class GetVBRSecurityOfficerCommand : VbrCmdlet
{
    protected override void End() => Terminating(null, () => WriteRecord(Server.SecurityOfficer.Status()));
}
