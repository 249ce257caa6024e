using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Credentials;

namespace VeeamConfigBackup.Commands.Credentials;

/// <summary>Changes a credentials record's user name, password, type or description.</summary>
[Cmdlet(VerbsCommon.Set, "VBRCredentials", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(CredentialsRecord))]
public sealed class SetVBRCredentialsCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
    public Guid Id { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CredentialsRecord InputObject { get; set; } = null!;

    /// <summary>New user name and password together.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    [Alias("UserName")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    [Parameter]
    public SecureString? Password { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public CredentialsType? Type { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Begin()
    {
        if (Credential is not null && (User is not null || Password is not null))
        {
            ThrowTerminatingError(ErrorRecords.Create("CredentialWithUserOrPassword", Engine.Errors.ErrorKind.InvalidArgument,
                "Give either -Credential, or -User and/or -Password, not both.", Credential.UserName));
        }
    }

    protected override void Process()
    {
        var id = ParameterSetName == ParameterSets.InputObject ? InputObject.Id : Id;
        ForItem(id, () =>
        {
            var target = Server.Credentials.Get(id);
            if (!ShouldProcess($"credentials for '{target.UserName}'", "Change"))
            {
                return;
            }
            var updated = Server.Credentials.Update(id, Credential?.UserName ?? User, Credential?.Password ?? Password, Type, Description);
            WriteVerbose($"Changed credentials {id}.");
            if (PassThru)
            {
                WriteRecord(updated);
            }
        });
    }
}
