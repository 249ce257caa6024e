using VeeamConfigBackup.Engine.Crypto;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Key-derivation parameters read from a file are bounded before use, so a crafted file cannot make a restore run for
/// hours or accept a trivially weak derivation; out of bounds, the file is a damaged restore point.
/// </summary>
public static class KdfParametersRule
{
    public static void Validate(this KdfParameters kdf)
    {
        if (kdf.OutOfBoundsReason() is { } reason)
        {
            throw RestorePointDamagedException.Because(reason);
        }
    }
}
