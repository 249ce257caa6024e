using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;

namespace VeeamConfigBackup.Commands.Passwords;

/// <summary>
/// Tells whether a value is the record's password. Failed attempts are throttled across sessions:
/// 15 in one minute block verification for 5 minutes.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VBRPassword", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(bool))]
public sealed class TestVBRPasswordCommand : PasswordTargetCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public SecureString Password { get; set; } = null!;

    protected override void Process()
    {
        ForItem(TargetIdentity, () =>
        {
            var target = ResolveTarget();
            WriteRecord(Server.Passwords.Verify(target.Id, Password));
        });
    }
}
