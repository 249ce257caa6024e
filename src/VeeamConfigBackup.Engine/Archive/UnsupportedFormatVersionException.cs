using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>The restore point was written in a format version this module cannot read (usually a newer one).</summary>
public sealed class UnsupportedFormatVersionException : ConfigBackupException
{
    public UnsupportedFormatVersionException(int found, int supported)
        : base("RestorePointFormatNotSupported", ErrorKind.NotSupported,
               $"The restore point uses format version {found}; this module reads version {supported}. Use a module version that supports it.")
    {
        FoundVersion = found;
    }

    public int FoundVersion { get; }
}
