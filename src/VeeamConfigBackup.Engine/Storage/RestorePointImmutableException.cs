using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>A restore point that is still immutable was asked to be deleted.</summary>
public sealed class RestorePointImmutableException : ConfigBackupException
{
    public RestorePointImmutableException(string path, DateTimeOffset immutableUntilUtc)
        : base("RestorePointImmutable", ErrorKind.InvalidOperation,
               immutableUntilUtc == DateTimeOffset.MaxValue
                   ? $"The restore point '{path}' is immutable, and its expiry cannot be read, so it is kept. Nothing was deleted."
                   : $"The restore point '{path}' is immutable until {immutableUntilUtc.UtcDateTime:u} and cannot be deleted before then. Nothing was deleted.")
    {
        Path = path;
        ImmutableUntilUtc = immutableUntilUtc;
        RecommendedAction = "Wait until the immutability period has passed; retention deletes the point then. No cmdlet shortens it.";
    }

    public string Path { get; }

    public DateTimeOffset ImmutableUntilUtc { get; }
}
