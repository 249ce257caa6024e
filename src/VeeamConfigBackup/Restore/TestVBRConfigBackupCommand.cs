using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Restore;

namespace VeeamConfigBackup.Commands.Restore;

/// <summary>
/// Reads and authenticates a whole restore point and decodes every row, writing nothing. Without the
/// password an encrypted point is checked for structure only, and the result says so.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VBRConfigBackup", DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(ConfigBackupVerification))]
public sealed class TestVBRConfigBackupCommand : RestorePointCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    protected override void StopProcessing() => _cancel.Cancel();

    protected override void Process()
    {
        var path = RestorePointPath;
        ForItem(path, () =>
        {
            using var store = OpenStoreFor(path);
            var result = RestorePointVerifier.Verify(path, Credentials, new CmdletProgress(this, 3, "Configuration backup verification"), _cancel.Token, store);
            WriteVerbose(result.Valid
                ? $"'{path}' is {(result.ContentVerified ? "intact: every chunk authenticated and every row decoded" : "well formed; its content was not verified without the password")}."
                : $"'{path}' is not a usable restore point: {result.Error}");
            WriteRecord(result);
        });
    }
}
