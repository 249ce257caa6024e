using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Recovery;

namespace VeeamConfigBackup.Commands.Protection;

/// <summary>Stops wrapping new restore points for the recovery key. Points made before keep their recovery wrap.</summary>
[Cmdlet(VerbsLifecycle.Disable, "VBRPasswordLossProtection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PasswordLossProtectionStatus))]
public sealed class DisableVBRPasswordLossProtectionCommand : VbrCmdlet
{
    /// <summary>Disables without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void End()
    {
        if (!ShouldProcessUnlessForced(Force, "password loss protection", "Disable (new restore points can then be opened only with their password)"))
        {
            return;
        }
        Terminating(null, () => WriteRecord(Server.PasswordLossProtection.Disable()));
    }
}
