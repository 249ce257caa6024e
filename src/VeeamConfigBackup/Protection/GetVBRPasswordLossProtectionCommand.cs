using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Recovery;

namespace VeeamConfigBackup.Commands.Protection;

/// <summary>Shows whether password loss protection is enabled, and the recovery key's id.</summary>
[Cmdlet(VerbsCommon.Get, "VBRPasswordLossProtection")]
[OutputType(typeof(PasswordLossProtectionStatus))]
public sealed class GetVBRPasswordLossProtectionCommand : VbrCmdlet
{
    protected override void End() => Terminating(null, () => WriteRecord(Server.PasswordLossProtection.Status()));
}
