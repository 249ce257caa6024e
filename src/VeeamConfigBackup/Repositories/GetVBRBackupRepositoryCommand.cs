using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Repositories;

/// <summary>Lists the server's backup repositories.</summary>
[Cmdlet(VerbsCommon.Get, "VBRBackupRepository", DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(BackupRepository))]
public sealed class GetVBRBackupRepositoryCommand : GetRecordCmdlet<BackupRepository>
{
    [Parameter(Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RepositoryNameCompleter))]
    public string[]? Name { get; set; }

    protected override string[]? NamePatterns => Name;

    protected override RecordKind Kind => RecordKind.Repository;

    protected override IReadOnlyList<BackupRepository> ListRecords() => Server.Repositories.List();

    protected override Guid IdOf(BackupRepository record) => record.Id;

    protected override string NameOf(BackupRepository record) => record.Name;
}
