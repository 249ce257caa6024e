using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Policy;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>
/// Evaluates every configuration backup rule against the current configuration and writes one finding per
/// problem; nothing when all is well. The same findings appear in job results and the encryption status.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VBRConfigBackupPolicyWarning")]
[OutputType(typeof(PolicyWarning))]
public sealed class GetVBRConfigBackupPolicyWarningCommand : VbrCmdlet
{
    /// <summary>Only findings of these severities.</summary>
    [Parameter]
    public PolicySeverity[]? Severity { get; set; }

    protected override void End() => Terminating(null, () =>
    {
        foreach (var finding in Server.ConfigBackupJob.Evaluate())
        {
            if (Severity is null || Severity.Contains(finding.Severity))
            {
                WriteRecord(finding);
            }
        }
    });
}
