using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Storage;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Restore;

namespace VeeamConfigBackup.Commands.Restore;

/// <summary>
/// Base of the cmdlets that open a restore point: by -Path or from Get-VBRConfigBackup on the pipeline, with
/// its password or recovery key, and the Security Officer passphrase when one protects it.
/// </summary>
public abstract class RestorePointCmdlet : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public RestorePointInfo InputObject { get; set; } = null!;

    /// <summary>The restore point's password.</summary>
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

    /// <summary>The restore point this call is about: a file path, or the <c>s3://bucket/key</c> id of an object.</summary>
    protected string RestorePointPath
    {
        get
        {
            var given = ParameterSetName == ParameterSets.InputObject ? InputObject.Path : Path;
            return ObjectStorageIds.IsObjectId(given) ? given : ResolveFileSystemPath(given);
        }
    }

    /// <summary>
    /// The store of the S3-compatible repository that holds an object id (the one Get-VBRConfigBackup named, or the
    /// registered one whose bucket and folder it is in); null for a file. The caller disposes it.
    /// </summary>
    protected IRestorePointStore? OpenStoreFor(string path) =>
        ObjectStorageIds.OpenStoreFor(path, ParameterSetName == ParameterSets.InputObject ? InputObject.Repository : null, Server.Repositories);

    protected RestoreCredentials Credentials => new()
    {
        Password = Password,
        RecoveryKeyPath = RecoveryKeyPath is null ? null : ResolveFileSystemPath(RecoveryKeyPath),
        RecoveryKeyPassword = RecoveryKeyPassword,
        SecurityOfficerPassphrase = SecurityOfficerPassphrase,
    };
}
