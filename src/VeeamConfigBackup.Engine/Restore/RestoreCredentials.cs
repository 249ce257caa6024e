using System.Security;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Recovery;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>
/// What opens a restore point: its password, or the recovery key file with that file's password; plus the
/// Security Officer passphrase for points a Security Officer protects.
/// </summary>
public sealed record RestoreCredentials
{
    public SecureString? Password { get; init; }

    public string? RecoveryKeyPath { get; init; }

    public SecureString? RecoveryKeyPassword { get; init; }

    public SecureString? SecurityOfficerPassphrase { get; init; }

    internal ContentReader Open(RestorePointReader reader)
    {
        if (!reader.Header.Encrypted)
        {
            return reader.OpenContent((SecretChars?)null); // nothing to open it with; a password or key given is simply not used
        }
        using var officer = SecurityOfficerPassphrase is null ? null : SecretChars.RequireNonEmpty(SecurityOfficerPassphrase, "Security Officer passphrase");
        if (RecoveryKeyPath is not null)
        {
            if (Password is not null)
            {
                throw new ConfigBackupException("PasswordAndRecoveryKey", ErrorKind.InvalidArgument,
                    "Give either the password or the recovery key, not both.");
            }
            var (key, keyId) = RecoveryKeyFile.Load(RecoveryKeyPath, RecoveryKeyPassword);
            using (key)
            {
                return reader.OpenContentWithRecoveryKey(key, keyId, officer);
            }
        }
        // No password for an encrypted point is PasswordRequired (with the hint), from the reader.
        using var password = reader.Header.Encrypted && Password is not null ? SecretChars.RequireNonEmpty(Password, "password") : null;
        return reader.OpenContent(password, officer);
    }
}
