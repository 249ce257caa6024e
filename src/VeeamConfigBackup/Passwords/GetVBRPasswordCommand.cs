using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Passwords;

namespace VeeamConfigBackup.Commands.Passwords;

/// <summary>Lists passwords in the Password Manager (never the passwords themselves).</summary>
[Cmdlet(VerbsCommon.Get, "VBRPassword", DefaultParameterSetName = ParameterSets.ByName)]
[Alias("Get-VBREncryptionKey")]
[OutputType(typeof(PasswordRecord))]
public sealed class GetVBRPasswordCommand : GetRecordCmdlet<PasswordRecord>
{
    [Parameter(Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    public string[]? Hint { get; set; }

    protected override string[]? NamePatterns => Hint;

    protected override RecordKind Kind => RecordKind.Password;

    protected override IReadOnlyList<PasswordRecord> ListRecords() => Server.Passwords.List();

    protected override Guid IdOf(PasswordRecord record) => record.Id;

    protected override string NameOf(PasswordRecord record) => record.Hint;
}
