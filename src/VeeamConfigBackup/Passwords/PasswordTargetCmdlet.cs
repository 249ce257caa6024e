using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Passwords;

namespace VeeamConfigBackup.Commands.Passwords;

/// <summary>Base of the cmdlets that act on one password record given by -Id or from the pipeline.</summary>
public abstract class PasswordTargetCmdlet : VbrCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
    public Guid Id { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PasswordRecord InputObject { get; set; } = null!;

    /// <summary>The record, re-read from the store so a stale pipeline object cannot act on old data.</summary>
    protected PasswordRecord ResolveTarget() =>
        Server.Passwords.Get(ParameterSetName == ParameterSets.InputObject ? InputObject.Id : Id);

    protected object TargetIdentity => ParameterSetName == ParameterSets.InputObject ? InputObject.Id : Id;
}
