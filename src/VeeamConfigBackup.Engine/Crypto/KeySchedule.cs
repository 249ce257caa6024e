using System.Security.Cryptography;
using System.Text;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Crypto;

/// <summary>
/// The key hierarchy of a restore point: password → user key (PBKDF2) which wraps a fresh random
/// storage key; the storage key yields the header MAC key and the payload key (HKDF-SHA256).
/// Labels are part of the format: changing one breaks every existing restore point.
/// </summary>
public static class KeySchedule
{
    public const int StorageKeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    public static readonly byte[] PasswordWrapLabel = Encoding.ASCII.GetBytes("VCBO v1 password wrap");
    public static readonly byte[] HeaderMacLabel = Encoding.ASCII.GetBytes("VCBO v1 header mac");
    public static readonly byte[] PayloadLabel = Encoding.ASCII.GetBytes("VCBO v1 payload");

    public static SecretBytes DeriveUserKey(SecretChars password, KdfParameters kdf)
    {
        kdf.Validate();
        using var passwordBytes = password.ToUtf8();
        var key = GC.AllocateArray<byte>(KdfParameters.KeyLength, pinned: true);
        Rfc2898DeriveBytes.Pbkdf2(passwordBytes.Span, kdf.Salt, key, kdf.Iterations, HashAlgorithmName.SHA256);
        return new SecretBytes(key);
    }

    public static SecretBytes NewStorageKey()
    {
        var key = GC.AllocateArray<byte>(StorageKeyLength, pinned: true);
        RandomNumberGenerator.Fill(key);
        return new SecretBytes(key);
    }

    /// <summary>Encrypts the storage key under the user key; returns nonce ‖ ciphertext ‖ tag.</summary>
    public static byte[] WrapStorageKey(SecretBytes userKey, SecretBytes storageKey, ReadOnlySpan<byte> fileId)
    {
        var wrapped = new byte[NonceLength + StorageKeyLength + TagLength];
        var nonce = wrapped.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(userKey.Span, TagLength);
        aes.Encrypt(nonce, storageKey.Span, wrapped.AsSpan(NonceLength, StorageKeyLength),
            wrapped.AsSpan(NonceLength + StorageKeyLength), WrapAad(fileId));
        return wrapped;
    }

    /// <summary>The storage key, or null when the user key does not open the wrap (a wrong password).</summary>
    public static SecretBytes? UnwrapStorageKey(SecretBytes userKey, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> fileId)
    {
        if (wrapped.Length != NonceLength + StorageKeyLength + TagLength)
        {
            return null;
        }
        var key = GC.AllocateArray<byte>(StorageKeyLength, pinned: true);
        using var aes = new AesGcm(userKey.Span, TagLength);
        try
        {
            aes.Decrypt(wrapped[..NonceLength], wrapped.Slice(NonceLength, StorageKeyLength),
                wrapped[(NonceLength + StorageKeyLength)..], key, WrapAad(fileId));
            return new SecretBytes(key);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    public static SecretBytes HeaderMacKey(SecretBytes storageKey, ReadOnlySpan<byte> fileId) =>
        Expand(storageKey, fileId, HeaderMacLabel);

    /// <summary>The payload key also depends on the header's hash, so a payload cannot be moved under another header.</summary>
    public static SecretBytes PayloadKey(SecretBytes storageKey, ReadOnlySpan<byte> headerHash) =>
        Expand(storageKey, headerHash, PayloadLabel);

    private static SecretBytes Expand(SecretBytes storageKey, ReadOnlySpan<byte> salt, byte[] label)
    {
        var output = GC.AllocateArray<byte>(32, pinned: true);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, storageKey.Span, output, salt, label);
        return new SecretBytes(output);
    }

    private static byte[] WrapAad(ReadOnlySpan<byte> fileId) => [.. PasswordWrapLabel, .. fileId];
}
