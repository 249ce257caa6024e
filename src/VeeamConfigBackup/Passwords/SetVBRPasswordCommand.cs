using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Passwords;

namespace VeeamConfigBackup.Commands.Passwords;

/// <summary>Changes a password, its hint or description. A new password takes effect from the next job run.</summary>
[Cmdlet(VerbsCommon.Set, "VBRPassword", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject)]
[Alias("Set-VBREncryptionKey")]
[OutputType(typeof(PasswordRecord))]
public sealed class SetVBRPasswordCommand : PasswordTargetCmdlet
{
    [Parameter]
    [Alias("NewPassword")]
    public SecureString? Password { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hint { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        ForItem(TargetIdentity, () =>
        {
            var target = ResolveTarget();
            if (!ShouldProcess($"password with hint '{target.Hint}'", "Change"))
            {
                return;
            }
            var change = Server.Passwords.Update(target.Id, Password, Hint, Description);
            if (change.Weakness != PasswordWeakness.None)
            {
                WriteWarning(PasswordStrength.Describe(change.Weakness));
            }
            WriteVerbose($"Changed password {target.Id}{(Password is null ? "" : "; the new password applies from the next job run")}.");
            if (PassThru)
            {
                WriteRecord(change.Record);
            }
        });
    }
}
