using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Credentials;

/// <summary>Lists credentials records; with -AsPSCredential, as PSCredential objects carrying the real passwords.</summary>
[Cmdlet(VerbsCommon.Get, "VBRCredentials", DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(CredentialsRecord))]
[OutputType(typeof(PSCredential))]
public sealed class GetVBRCredentialsCommand : GetRecordCmdlet<CredentialsRecord>
{
    /// <summary>User names to match; wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    [Alias("User", "UserName")]
    public string[]? Name { get; set; }

    /// <summary>Returns PSCredential objects with the stored passwords instead of records.</summary>
    [Parameter]
    public SwitchParameter AsPSCredential { get; set; }

    protected override string[]? NamePatterns => Name;

    protected override RecordKind Kind => RecordKind.Credentials;

    protected override IReadOnlyList<CredentialsRecord> ListRecords() => Server.Credentials.List();

    protected override Guid IdOf(CredentialsRecord record) => record.Id;

    protected override string NameOf(CredentialsRecord record) => record.UserName;

    protected override void Emit(CredentialsRecord record)
    {
        if (!AsPSCredential)
        {
            WriteRecord(record);
            return;
        }
        ForItem(record, () => WriteRecord(new PSCredential(record.UserName, Server.Credentials.RevealPassword(record))));
    }
}
