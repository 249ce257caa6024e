using System.Security;
using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Recovery;

/// <summary>
/// Password loss protection: a recovery keyset (RSA-4096) whose private key is written, encrypted, to a file
/// the administrator keeps off the server; the server keeps only the public key. Every encrypted restore point
/// made while it is enabled can also be opened with the recovery key.
/// </summary>
public sealed class PasswordLossProtection
{
    private readonly IConfigurationStore _store;
    private readonly TimeProvider _clock;

    internal PasswordLossProtection(IConfigurationStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public PasswordLossProtectionStatus Status()
    {
        var row = _store.GetRecoveryKey();
        return new PasswordLossProtectionStatus { Enabled = row is not null, KeyId = row?.KeyId, CreatedUtc = row?.CreatedUtc };
    }

    /// <summary>Creates the keyset, writes the private key to <paramref name="recoveryKeyPath"/> (a new file) and keeps the public key.</summary>
    public PasswordLossProtectionStatus Enable(string recoveryKeyPath, SecureString recoveryKeyPassword)
    {
        if (_store.GetRecoveryKey() is { } existing)
        {
            throw new ConfigBackupException("PasswordLossProtectionAlreadyEnabled", ErrorKind.InvalidOperation,
                $"Password loss protection is already enabled with recovery key {existing.KeyId}. Disable it first to make a new recovery key.");
        }
        if (File.Exists(recoveryKeyPath) || Directory.Exists(recoveryKeyPath))
        {
            throw new ConfigBackupException("RecoveryKeyFileExists", ErrorKind.AlreadyExists,
                $"'{recoveryKeyPath}' already exists; a recovery key is never written over another file. Choose a new file name.");
        }
        using var password = SecretChars.RequireNonEmpty(recoveryKeyPassword, "recovery key password");
        using var rsa = RSA.Create(RecoveryKeyFile.KeySizeBits);
        var publicKey = rsa.ExportSubjectPublicKeyInfo();
        try
        {
            RecoveryKeyFile.Write(recoveryKeyPath, rsa, password);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigBackupException("RecoveryKeyFileNotWritable", ErrorKind.PermissionDenied,
                $"The recovery key cannot be written to '{recoveryKeyPath}': {ex.Message}", ex);
        }
        try
        {
            _store.SetRecoveryKey(new RecoveryKeyRow(RecoveryKeyFile.KeyId(publicKey), publicKey, _clock.StoredUtcNow()));
        }
        catch
        {
            // A key file whose public half the server does not know would mislead whoever finds it.
            File.Delete(recoveryKeyPath);
            throw;
        }
        return Status();
    }

    public PasswordLossProtectionStatus Disable()
    {
        _store.SetRecoveryKey(null);
        return Status();
    }

    internal RecoveryPublicKey? Current => _store.GetRecoveryKey() is { } row ? new RecoveryPublicKey(row.KeyId, row.PublicKey) : null;
}
