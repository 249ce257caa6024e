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
public sealed class TestVBRConfigBackupCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public RestorePointInfo InputObject { get; set; } = null!;

    /// <summary>The restore point's password; without it an encrypted point is only checked for structure.</summary>
    [Parameter]
    public SecureString? Password { get; set; }

    /// <summary>The recovery key file (password loss protection), instead of -Password.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RecoveryKeyPath { get; set; }

    /// <summary>The recovery key file's password.</summary>
    [Parameter]
    public SecureString? RecoveryKeyPassword { get; set; }

    /// <summary>The Security Officer passphrase, for restore points a Security Officer protects.</summary>
    [Parameter]
    public SecureString? SecurityOfficerPassphrase { get; set; }

    protected override void ProcessRecord()
    {
        var path = ParameterSetName == ParameterSets.InputObject ? InputObject.Path : ResolveFileSystemPath(Path);
        ForItem(path, () =>
        {
            var result = RestorePointVerifier.Verify(path, new RestoreCredentials
            {
                Password = Password,
                RecoveryKeyPath = RecoveryKeyPath is null ? null : ResolveFileSystemPath(RecoveryKeyPath),
                RecoveryKeyPassword = RecoveryKeyPassword,
                SecurityOfficerPassphrase = SecurityOfficerPassphrase,
            });
            WriteVerbose(result.Valid
                ? $"'{path}' is {(result.ContentVerified ? "intact: every chunk authenticated and every row decoded" : "well formed; its content was not verified without the password")}."
                : $"'{path}' is not a usable restore point: {result.Error}");
            WriteObject(result);
        });
    }
}
