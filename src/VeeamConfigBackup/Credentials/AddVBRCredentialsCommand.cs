using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Credentials;

namespace VeeamConfigBackup.Commands.Credentials;

/// <summary>Adds a user name and password to the Credentials Manager.</summary>
[Cmdlet(VerbsCommon.Add, "VBRCredentials", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Credential)]
[OutputType(typeof(CredentialsRecord))]
public sealed class AddVBRCredentialsCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.Credential)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.UserPassword)]
    [Alias("UserName")]
    [ValidateNotNullOrEmpty]
    public string User { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.UserPassword)]
    public SecureString Password { get; set; } = null!;

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public CredentialsType Type { get; set; } = CredentialsType.Windows;

    protected override void Process()
    {
        var (user, password) = ParameterSetName == ParameterSets.Credential
            ? (Credential.UserName, Credential.Password)
            : (User, Password);
        if (!ShouldProcess($"credentials for '{user}'", "Add to the Credentials Manager"))
        {
            return;
        }
        ForItem(user, () =>
        {
            var record = Server.Credentials.Add(user, password, Type, Description);
            WriteVerbose($"Added credentials {record.Id} for '{record.UserName}'.");
            WriteRecord(record);
        });
    }
}
