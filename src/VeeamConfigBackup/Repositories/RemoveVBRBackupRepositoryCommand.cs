using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Repositories;

/// <summary>Unregisters backup repositories; the files in them stay. The default repository cannot be removed.</summary>
[Cmdlet(VerbsCommon.Remove, "VBRBackupRepository", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(void))]
public sealed class RemoveVBRBackupRepositoryCommand : RemoveRecordCmdlet<BackupRepository>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RepositoryNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override string[] NamePatterns => Name;

    protected override RecordKind Kind => RecordKind.Repository;

    protected override IReadOnlyList<BackupRepository> ListRecords() => Server.Repositories.List();

    protected override Guid IdOf(BackupRepository record) => record.Id;

    protected override string NameOf(BackupRepository record) => record.Name;

    protected override string Describe(BackupRepository record) => $"repository '{record.Name}' ({record.Path})";

    protected override void EnsureRemovable(BackupRepository record) => Server.Repositories.EnsureRemovable(record.Id);

    protected override void RemoveRecord(BackupRepository record) => Server.Repositories.Remove(record.Id);
}
