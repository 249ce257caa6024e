using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.KmsServers;

namespace VeeamConfigBackup.Commands.KmsServers;

/// <summary>Lists the KMS servers registered with the server.</summary>
[Cmdlet(VerbsCommon.Get, "VBRKmsServer", DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(KmsServerRecord))]
public sealed class GetVBRKmsServerCommand : GetRecordCmdlet<KmsServerRecord>
{
    [Parameter(Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override string[]? NamePatterns => Name;

    protected override RecordKind Kind => RecordKind.KmsServer;

    protected override IReadOnlyList<KmsServerRecord> ListRecords() => Server.KmsServers.List();

    protected override Guid IdOf(KmsServerRecord record) => record.Id;

    protected override string NameOf(KmsServerRecord record) => record.Name;
}
