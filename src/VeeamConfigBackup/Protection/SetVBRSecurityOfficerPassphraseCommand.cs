using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.SecurityOfficer;

namespace VeeamConfigBackup.Commands.Protection;

/// <summary>Changes the Security Officer passphrase. Restore points made before still need the old one.</summary>
[Cmdlet(VerbsCommon.Set, "VBRSecurityOfficerPassphrase", SupportsShouldProcess = true)]
[OutputType(typeof(SecurityOfficerStatus))]
public sealed class SetVBRSecurityOfficerPassphraseCommand : VbrCmdlet
{
    [Parameter(Mandatory = true)]
    public SecureString CurrentPassphrase { get; set; } = null!;

    [Parameter(Mandatory = true)]
    public SecureString NewPassphrase { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void End()
    {
        if (!ShouldProcess("Security Officer passphrase", "Change"))
        {
            return;
        }
        Terminating(null, () =>
        {
            var status = Server.SecurityOfficer.ChangePassphrase(CurrentPassphrase, NewPassphrase);
            WriteWarning("Restore points made before this change still need the previous passphrase; keep it as long as you keep them.");
            if (PassThru)
            {
                WriteRecord(status);
            }
        });
    }
}
