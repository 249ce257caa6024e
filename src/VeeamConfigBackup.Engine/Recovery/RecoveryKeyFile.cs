using System.Security;
using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Recovery;

/// <summary>
/// The recovery keyset's private key as a file: standard encrypted PKCS#8 in PEM ("ENCRYPTED PRIVATE KEY",
/// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC), which OpenSSL and other tools can read.
/// </summary>
public static class RecoveryKeyFile
{
    public const int KeySizeBits = 4096;
    public const int Pbkdf2Iterations = 600_000;
    private const int MaxFileBytes = 64 * 1024;

    /// <summary>The id restore points name the key by: the first 16 bytes of SHA-256 over its public key (SubjectPublicKeyInfo), hex.</summary>
    public static string KeyId(byte[] subjectPublicKeyInfo) => Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo)[..16]).ToLowerInvariant();

    internal static void Write(string path, RSA key, SecretChars password)
    {
        var pem = key.ExportEncryptedPkcs8PrivateKeyPem(password.Span,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Protection.PrivateDirectory.FileMode;
        }
        try
        {
            using var file = new FileStream(path, options);
            using var writer = new StreamWriter(file);
            writer.Write(pem);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(path); // never leave half a key file
            throw;
        }
    }

    /// <summary>Loads the private key; a missing, unreadable or wrongly protected file is a clear error.</summary>
    public static (RSA Key, string KeyId) Load(string path, SecureString? password)
    {
        if (!File.Exists(path))
        {
            throw new ConfigBackupException("RecoveryKeyNotFound", ErrorKind.NotFound, $"The recovery key file '{path}' does not exist.");
        }
        using var chars = SecretChars.RequireNonEmpty(password, "recovery key password");
        var rsa = RSA.Create();
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw new CryptographicException("The file is larger than any recovery key.");
            }
            rsa.ImportFromEncryptedPem(File.ReadAllText(path), chars.Span);
            return (rsa, KeyId(rsa.ExportSubjectPublicKeyInfo()));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            rsa.Dispose();
            throw new ConfigBackupException("RecoveryKeyNotReadable", ErrorKind.SecurityError,
                $"The recovery key '{path}' cannot be opened: the file is not an encrypted recovery key, or its password is wrong.", ex);
        }
    }
}
