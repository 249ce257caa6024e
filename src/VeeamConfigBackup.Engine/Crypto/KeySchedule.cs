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
    public static readonly byte[] OfficerCheckLabel = Encoding.ASCII.GetBytes("VCBO v1 officer check");
    public static readonly byte[] PasswordOfficerLabel = Encoding.ASCII.GetBytes("VCBO v1 password+officer wrap");
    public static readonly byte[] RecoveryWrapLabel = Encoding.ASCII.GetBytes("VCBO v1 recovery wrap");
    public static readonly byte[] RecoveryOfficerLabel = Encoding.ASCII.GetBytes("VCBO v1 recovery+officer wrap");

    /// <summary>RSA-4096 OAEP output plus the AES-GCM wrap that follows it.</summary>
    public const int RsaCiphertextLength = 512;
    public const int RecoveryWrapLength = RsaCiphertextLength + NonceLength + StorageKeyLength + TagLength;

    /// <summary>
    /// The key that wraps the storage key for the password: the user key itself, or, with a Security Officer,
    /// HKDF over both, so that neither the password nor the passphrase alone opens the wrap.
    /// </summary>
    public static SecretBytes PasswordWrapKey(SecretBytes userKey, SecretBytes? officerKey, ReadOnlySpan<byte> fileId) =>
        officerKey is null ? new SecretBytes(userKey.Span.ToArray()) : Combine(userKey, officerKey, fileId, PasswordOfficerLabel);

    /// <summary>Lets a restore tell a wrong Security Officer passphrase from a wrong password.</summary>
    public static byte[] OfficerCheck(SecretBytes officerKey, ReadOnlySpan<byte> fileId) =>
        HMACSHA256.HashData(officerKey.Span, [.. OfficerCheckLabel, .. fileId]);

    /// <summary>
    /// Wraps the storage key for a recovery key: a random 32-byte secret R goes to RSA-OAEP-SHA256, and R (mixed
    /// with the Security Officer key when there is one) wraps the storage key with AES-256-GCM.
    /// </summary>
    public static byte[] WrapForRecovery(RSA publicKey, SecretBytes storageKey, SecretBytes? officerKey, ReadOnlySpan<byte> fileId)
    {
        using var r = NewStorageKey();
        var rsa = publicKey.Encrypt(r.Array, RSAEncryptionPadding.OaepSHA256);
        if (rsa.Length != RsaCiphertextLength)
        {
            throw new CryptographicException($"The recovery key must be RSA-4096 (got a {rsa.Length * 8}-bit ciphertext).");
        }
        using var wrapKey = officerKey is null ? new SecretBytes(r.Span.ToArray()) : Combine(r, officerKey, fileId, RecoveryOfficerLabel);
        var wrap = AesWrap(wrapKey, storageKey, [.. RecoveryWrapLabel, .. fileId]);
        return [.. rsa, .. wrap];
    }

    /// <summary>The storage key from a recovery wrap, or null when the private key or the officer key does not fit.</summary>
    public static SecretBytes? UnwrapForRecovery(RSA privateKey, ReadOnlySpan<byte> recoveryWrap, SecretBytes? officerKey, ReadOnlySpan<byte> fileId)
    {
        if (recoveryWrap.Length != RecoveryWrapLength)
        {
            return null;
        }
        byte[] r;
        try
        {
            r = privateKey.Decrypt(recoveryWrap[..RsaCiphertextLength].ToArray(), RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            return null;
        }
        using var secret = new SecretBytes(r);
        using var wrapKey = officerKey is null ? new SecretBytes(secret.Span.ToArray()) : Combine(secret, officerKey, fileId, RecoveryOfficerLabel);
        return AesUnwrap(wrapKey, recoveryWrap[RsaCiphertextLength..], [.. RecoveryWrapLabel, .. fileId]);
    }

    private static SecretBytes Combine(SecretBytes a, SecretBytes b, ReadOnlySpan<byte> salt, byte[] label)
    {
        var ikm = GC.AllocateArray<byte>(a.Span.Length + b.Span.Length, pinned: true);
        using var input = new SecretBytes(ikm);
        a.Span.CopyTo(ikm);
        b.Span.CopyTo(ikm.AsSpan(a.Span.Length));
        var output = GC.AllocateArray<byte>(32, pinned: true);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, output, salt, label);
        return new SecretBytes(output);
    }

    private static byte[] AesWrap(SecretBytes key, SecretBytes plain, byte[] aad)
    {
        var wrapped = new byte[NonceLength + plain.Span.Length + TagLength];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceLength));
        using var aes = new AesGcm(key.Span, TagLength);
        aes.Encrypt(wrapped.AsSpan(0, NonceLength), plain.Span, wrapped.AsSpan(NonceLength, plain.Span.Length), wrapped.AsSpan(NonceLength + plain.Span.Length), aad);
        return wrapped;
    }

    private static SecretBytes? AesUnwrap(SecretBytes key, ReadOnlySpan<byte> wrapped, byte[] aad)
    {
        if (wrapped.Length != NonceLength + StorageKeyLength + TagLength)
        {
            return null;
        }
        var plain = GC.AllocateArray<byte>(StorageKeyLength, pinned: true);
        using var aes = new AesGcm(key.Span, TagLength);
        try
        {
            aes.Decrypt(wrapped[..NonceLength], wrapped.Slice(NonceLength, StorageKeyLength), wrapped[(NonceLength + StorageKeyLength)..], plain, aad);
            return new SecretBytes(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    public static SecretBytes DeriveUserKey(SecretChars password, KdfParameters kdf)
    {
        // Callers read the parameters through the format's checks first; this is the last line, not the message users see.
        if (kdf.OutOfBoundsReason() is { } reason)
        {
            throw new ArgumentOutOfRangeException(nameof(kdf), reason);
        }
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
