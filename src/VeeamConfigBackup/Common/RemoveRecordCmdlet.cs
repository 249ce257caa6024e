using System.Management.Automation;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>
/// Base of the Remove- cmdlets: a record by -Id, from the pipeline, or by name patterns (each pattern
/// that matches nothing is an error, wildcard or not); confirmation per record unless -Force.
/// </summary>
public abstract class RemoveRecordCmdlet<TRecord> : VbrCmdlet where TRecord : class
{
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
    public Guid Id { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public TRecord InputObject { get; set; } = null!;

    /// <summary>Removes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The subclass's name parameter (Hint, Name, Thumbprint...).</summary>
    protected abstract string[] NamePatterns { get; }

    protected abstract RecordKind Kind { get; }

    protected abstract IReadOnlyList<TRecord> ListRecords();

    protected abstract Guid IdOf(TRecord record);

    protected abstract string NameOf(TRecord record);

    /// <summary>How the record is named in confirmation and verbose messages.</summary>
    protected abstract string Describe(TRecord record);

    protected abstract void RemoveRecord(TRecord record);

    /// <summary>Throws when the record cannot be removed, before the confirmation prompt or What if offers it; nothing by default.</summary>
    protected virtual void EnsureRemovable(TRecord record)
    {
    }

    protected override void Process()
    {
        var all = ListRecords();
        List<TRecord> targets;
        if (ParameterSetName == ParameterSets.ByName)
        {
            targets = NameFilter.Select(all, NamePatterns, NameOf, reportWildcards: true, p => WriteNotFound(Kind, p));
        }
        else
        {
            var id = ParameterSetName == ParameterSets.ById ? Id : IdOf(InputObject);
            targets = all.Where(r => IdOf(r) == id).ToList();
            if (targets.Count == 0)
            {
                WriteNotFound(Kind, id.ToString());
            }
        }
        foreach (var target in targets)
        {
            var description = Describe(target);
            ForItem(target, () =>
            {
                EnsureRemovable(target);
                if (!ShouldProcessUnlessForced(Force, description, "Remove"))
                {
                    return;
                }
                RemoveRecord(target);
                WriteVerbose($"Removed {description}.");
            });
        }
    }
}
