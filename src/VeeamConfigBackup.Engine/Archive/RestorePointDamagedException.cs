using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>The file is not an intact restore point: damaged, truncated, tampered with, or not a restore point at all.</summary>
public sealed class RestorePointDamagedException : ConfigBackupException
{
    private RestorePointDamagedException(string reason, Exception? inner)
        : base("RestorePointDamaged", ErrorKind.InvalidData,
               $"The restore point is damaged or is not a restore point: {reason}. It cannot be used; use another restore point.", inner)
    {
        Reason = reason;
    }

    public string Reason { get; }

    public static RestorePointDamagedException Because(string reason, Exception? inner = null) => new(reason, inner);
}
