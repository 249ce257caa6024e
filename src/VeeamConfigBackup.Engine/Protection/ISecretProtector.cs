namespace VeeamConfigBackup.Engine.Protection;

/// <summary>Protects secrets at rest with the operating system's (or the home's) key ring.</summary>
public interface ISecretProtector
{
    byte[] Protect(SecretPurpose purpose, ReadOnlySpan<byte> plaintext);

    /// <summary>Returns the plain bytes in a buffer the caller must dispose (it is zeroed then).</summary>
    Secrets.SecretBytes Unprotect(SecretPurpose purpose, byte[] protectedData);
}
