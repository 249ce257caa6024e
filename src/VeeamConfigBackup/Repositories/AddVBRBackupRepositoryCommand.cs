using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Commands.Repositories;

/// <summary>
/// Registers a backup repository (a folder) with the server. A hardened repository makes every restore point written
/// to it immutable for its immutability period; it is registered only where that can be done.
/// </summary>
[Cmdlet(VerbsCommon.Add, "VBRBackupRepository", SupportsShouldProcess = true, DefaultParameterSetName = FolderSet)]
[OutputType(typeof(BackupRepository))]
public sealed class AddVBRBackupRepositoryCommand : VbrCmdlet
{
    private const string FolderSet = "Folder";
    private const string ObjectStorageSet = "ObjectStorage";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FolderSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Local (default), Share, Hardened; S3Compatible with the object storage parameters (which imply it).</summary>
    [Parameter]
    public RepositoryType Type { get; set; } = RepositoryType.Local;

    /// <summary>Days each restore point stays immutable: hardened 7-9999 (default 7), object storage 1-999 (S3 Object Lock).</summary>
    [Parameter]
    [ValidateRange(RepositoryCatalog.MinObjectLockPeriod, RepositoryCatalog.MaxImmutabilityPeriod)]
    public int? ImmutabilityPeriod { get; set; }

    /// <summary>The object storage's endpoint URL (the product calls it the service point).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectStorageSet)]
    [Alias("ServicePoint")]
    [ValidateNotNullOrEmpty]
    public string ServiceEndpoint { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ObjectStorageSet)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = "";

    /// <summary>The folder (key prefix) in the bucket that holds the restore points.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectStorageSet)]
    [AllowEmptyString]
    [ValidateNotNull]
    public string Folder { get; set; } = "";

    [Parameter(ParameterSetName = ObjectStorageSet)]
    [Alias("RegionId")]
    public string? Region { get; set; }

    /// <summary>A Credentials Manager record: the access key as its user name, the secret key as its password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectStorageSet)]
    [Alias("Credentials")]
    [ValidateNotNull]
    public CredentialsRecord Credential { get; set; } = null!;

    /// <summary>Addresses the bucket in the URL's path (most S3-compatible services other than Amazon's want it).</summary>
    [Parameter(ParameterSetName = ObjectStorageSet)]
    public SwitchParameter ForcePathStyle { get; set; }

    protected override void Begin()
    {
        if (ParameterSetName == ObjectStorageSet && !MyInvocation.BoundParameters.ContainsKey(nameof(Type)))
        {
            Type = RepositoryType.S3Compatible; // the object storage parameters say what it is
        }
        // The attribute allows the widest range; each type's own range is a parameter validation error as well.
        var (min, max) = RepositoryCatalog.PeriodRange(Type);
        if (ImmutabilityPeriod is { } days && (days < min || days > max) && Type is RepositoryType.Hardened or RepositoryType.S3Compatible)
        {
            var message = $"Cannot validate argument on parameter 'ImmutabilityPeriod'. {days} is outside {min} to {max} days, the range for {Type} repositories.";
            ThrowTerminatingError(new ErrorRecord(new ValidationMetadataException(message), "ParameterArgumentValidationError", ErrorCategory.InvalidArgument, days)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Give -ImmutabilityPeriod a number of days from {min} to {max}." },
            });
        }
    }

    protected override void Process()
    {
        if (ParameterSetName == ObjectStorageSet)
        {
            if (Type != RepositoryType.S3Compatible)
            {
                ThrowTerminatingError(ErrorRecords.From(new ConfigBackupException("ObjectStorageNeedsS3CompatibleType", ErrorKind.InvalidArgument,
                    "-ServiceEndpoint, -Bucket, -Folder and -Credential describe an object storage repository: use -Type S3Compatible.")
                    { RecommendedAction = "Add -Type S3Compatible." }, Name));
            }
            var where = $"s3://{Bucket}/{Folder.Trim('/')} at {ServiceEndpoint}";
            if (!ShouldProcess($"repository '{Name}' ({where})", "Add"))
            {
                return;
            }
            ForItem(Name, () =>
            {
                var repository = Server.Repositories.AddS3Compatible(Name, ServiceEndpoint, Bucket, Folder, Region, Credential.Id, ImmutabilityPeriod, ForcePathStyle);
                WriteVerbose(repository.IsImmutable
                    ? $"Added S3-compatible repository '{repository.Name}' ({where}): restore points written there get {repository.ImmutabilityPeriod} days of COMPLIANCE Object Lock."
                    : $"Added S3-compatible repository '{repository.Name}' ({where}).");
                WriteEncryptionWarnings();
                WriteRecord(repository);
            });
            return;
        }
        if (Type == RepositoryType.S3Compatible)
        {
            ThrowTerminatingError(ErrorRecords.From(new ConfigBackupException("ObjectStorageParametersMissing", ErrorKind.InvalidArgument,
                "An S3-compatible repository needs -ServiceEndpoint, -Bucket, -Folder and -Credential, not -Path.")
                { RecommendedAction = "Add-VBRBackupRepository -Name <name> -Type S3Compatible -ServiceEndpoint <url> -Bucket <bucket> -Folder <folder> -Credential (Get-VBRCredentials -Name <access key>)" }, Name));
        }
        var path = ResolveFileSystemPath(Path);
        if (!ShouldProcess($"repository '{Name}' at '{path}'", "Add"))
        {
            return;
        }
        ForItem(Name, () =>
        {
            var repository = Server.Repositories.Add(Name, path, Type, ImmutabilityPeriod);
            WriteVerbose(repository.IsImmutable
                ? $"Added hardened repository '{repository.Name}' at '{repository.Path}': restore points written there are immutable for {repository.ImmutabilityPeriod} days."
                : $"Added {repository.Type} repository '{repository.Name}' at '{repository.Path}'.");
            WriteEncryptionWarnings();
            WriteRecord(repository);
        });
    }

    private void WriteEncryptionWarnings()
    {
        foreach (var finding in Server.ConfigBackupJob.Evaluate().Where(w => w.RuleId == PolicyRules.HardenedRepositoryEncryptionOff))
        {
            WriteWarning($"{finding.Message} {finding.Recommendation}");
        }
    }
}
