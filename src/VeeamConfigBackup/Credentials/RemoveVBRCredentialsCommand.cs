using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Credentials;

/// <summary>Removes credentials records from the Credentials Manager.</summary>
[Cmdlet(VerbsCommon.Remove, "VBRCredentials", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(void))]
public sealed class RemoveVBRCredentialsCommand : RemoveRecordCmdlet<CredentialsRecord>
{
    /// <summary>User names to remove; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    [Alias("User", "UserName")]
    public string[] Name { get; set; } = [];

    protected override string[] NamePatterns => Name;

    protected override RecordKind Kind => RecordKind.Credentials;

    protected override IReadOnlyList<CredentialsRecord> ListRecords() => Server.Credentials.List();

    protected override Guid IdOf(CredentialsRecord record) => record.Id;

    protected override string NameOf(CredentialsRecord record) => record.UserName;

    protected override string Describe(CredentialsRecord record) => $"credentials for '{record.UserName}' ({record.Id})";

    protected override void RemoveRecord(CredentialsRecord record) => Server.Credentials.Remove(record.Id);
}
