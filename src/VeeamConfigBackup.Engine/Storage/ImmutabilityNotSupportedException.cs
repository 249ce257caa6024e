using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>A folder where files cannot be made immutable: not Linux, no CAP_LINUX_IMMUTABLE, or a filesystem without the flag.</summary>
public sealed class ImmutabilityNotSupportedException : ConfigBackupException
{
    public ImmutabilityNotSupportedException(string folder, string reason, Exception? inner = null, string? recommendedAction = null)
        : base("ImmutabilityNotSupported", ErrorKind.NotSupported,
               $"Files in '{folder}' cannot be made immutable: {reason}. A hardened repository must make every restore point immutable, so nothing was written there.", inner)
    {
        Reason = reason;
        RecommendedAction = recommendedAction ?? "Use a folder on a local Linux filesystem that has the immutable attribute (ext4, XFS, Btrfs), and run as root (or with CAP_LINUX_IMMUTABLE).";
    }

    public string Reason { get; }
}
