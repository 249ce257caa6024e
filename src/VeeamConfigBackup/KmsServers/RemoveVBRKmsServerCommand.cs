using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.KmsServers;

namespace VeeamConfigBackup.Commands.KmsServers;

/// <summary>Removes KMS server records.</summary>
[Cmdlet(VerbsCommon.Remove, "VBRKmsServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(void))]
public sealed class RemoveVBRKmsServerCommand : RemoveRecordCmdlet<KmsServerRecord>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    public string[] Name { get; set; } = [];

    protected override string[] NamePatterns => Name;

    protected override RecordKind Kind => RecordKind.KmsServer;

    protected override IReadOnlyList<KmsServerRecord> ListRecords() => Server.KmsServers.List();

    protected override Guid IdOf(KmsServerRecord record) => record.Id;

    protected override string NameOf(KmsServerRecord record) => record.Name;

    protected override string Describe(KmsServerRecord record) => $"KMS server '{record.Name}' ({record.Address}:{record.Port})";

    protected override void RemoveRecord(KmsServerRecord record) => Server.KmsServers.Remove(record.Id);
}
