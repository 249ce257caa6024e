using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// What a restore point carries for a secret column: the value unprotected with this server's key ring when
/// the point is encrypted; nothing at all when it is not.
/// </summary>
internal sealed class SecretExport(ISecretProtector protector, bool include) : ISecretTransform
{
    /// <summary>Records whose secret was already missing (restored from an unencrypted point and not entered again).</summary>
    public int Missing { get; private set; }

    public byte[]? Transform(SecretPurpose purpose, ReadOnlySpan<byte> storedValue)
    {
        if (storedValue.IsEmpty)
        {
            Missing++;
            return null;
        }
        if (!include)
        {
            return null;
        }
        using var plain = protector.Unprotect(purpose, storedValue.ToArray());
        return plain.Span.ToArray();
    }
}
