using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Passwords;

namespace VeeamConfigBackup.Commands.Passwords;

/// <summary>Removes passwords from the Password Manager; a password a job uses is refused.</summary>
[Cmdlet(VerbsCommon.Remove, "VBRPassword", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.InputObject)]
[Alias("Remove-VBREncryptionKey")]
[OutputType(typeof(void))]
public sealed class RemoveVBRPasswordCommand : RemoveRecordCmdlet<PasswordRecord>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    public string[] Hint { get; set; } = [];

    protected override string[] NamePatterns => Hint;

    protected override RecordKind Kind => RecordKind.Password;

    protected override IReadOnlyList<PasswordRecord> ListRecords() => Server.Passwords.List();

    protected override Guid IdOf(PasswordRecord record) => record.Id;

    protected override string NameOf(PasswordRecord record) => record.Hint;

    protected override string Describe(PasswordRecord record) => $"password with hint '{record.Hint}'";

    protected override void RemoveRecord(PasswordRecord record) => Server.Passwords.Remove(record.Id);
}
