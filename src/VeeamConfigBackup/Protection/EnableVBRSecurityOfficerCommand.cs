using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.SecurityOfficer;

namespace VeeamConfigBackup.Commands.Protection;

/// <summary>
/// Enables a Security Officer: every encrypted configuration backup then also needs the officer's passphrase
/// to restore, and unencrypted configuration backups fail.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "VBRSecurityOfficer", SupportsShouldProcess = true)]
[OutputType(typeof(SecurityOfficerStatus))]
public sealed class EnableVBRSecurityOfficerCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public SecureString Passphrase { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Hint { get; set; } = "";

    protected override void End()
    {
        if (!ShouldProcess("Security Officer", "Enable"))
        {
            return;
        }
        Terminating(Hint, () => WriteRecord(Server.SecurityOfficer.Enable(Passphrase, Hint)));
    }
}
