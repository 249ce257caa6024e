using System.Management.Automation;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>
/// Base of the Get- cmdlets: every record, records by -Id, or by name patterns. A literal name or an id
/// that matches nothing is an error; a wildcard that matches nothing simply returns nothing.
/// </summary>
public abstract class GetRecordCmdlet<TRecord> : VbrCmdlet where TRecord : class
{
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
    public Guid[] Id { get; set; } = [];

    protected abstract string[]? NamePatterns { get; }

    protected abstract RecordKind Kind { get; }

    protected abstract IReadOnlyList<TRecord> ListRecords();

    protected abstract Guid IdOf(TRecord record);

    protected abstract string NameOf(TRecord record);

    /// <summary>Writes the selected records; a subclass may write another shape of them.</summary>
    protected virtual void Emit(TRecord record) => WriteRecord(record);

    protected override void Process()
    {
        var all = ListRecords();
        if (ParameterSetName == ParameterSets.ById)
        {
            foreach (var id in Id)
            {
                var match = all.FirstOrDefault(r => IdOf(r) == id);
                if (match is null)
                {
                    WriteNotFound(Kind, id.ToString());
                }
                else
                {
                    Emit(match);
                }
            }
            return;
        }
        foreach (var record in NameFilter.Select(all, NamePatterns, NameOf, reportWildcards: false, p => WriteNotFound(Kind, p)))
        {
            Emit(record);
        }
    }
}
