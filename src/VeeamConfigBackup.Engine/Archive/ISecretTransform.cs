using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>Turns a secret column's stored (protected) value into what the restore point carries: plain bytes, or nil.</summary>
public interface ISecretTransform
{
    /// <summary>The value to write, or null to write nil. A returned array is zeroed after it is written.</summary>
    byte[]? Transform(SecretPurpose purpose, ReadOnlySpan<byte> storedValue);
}
