using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Passwords;

namespace VeeamConfigBackup.Commands.Passwords;

/// <summary>Adds a password to the Password Manager.</summary>
[Cmdlet(VerbsCommon.Add, "VBRPassword", SupportsShouldProcess = true)]
[Alias("Add-VBREncryptionKey")]
[OutputType(typeof(PasswordRecord))]
public sealed class AddVBRPasswordCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public SecureString Password { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Hint { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    protected override void Process()
    {
        if (!ShouldProcess($"password with hint '{Hint}'", "Add to the Password Manager"))
        {
            return;
        }
        ForItem(Hint, () =>
        {
            var change = Server.Passwords.Add(Password, Hint, Description);
            if (change.Weakness != PasswordWeakness.None)
            {
                WriteWarning(PasswordStrength.Describe(change.Weakness));
            }
            WriteVerbose($"Added password {change.Record.Id} with hint '{change.Record.Hint}'.");
            WriteRecord(change.Record);
        });
    }
}
