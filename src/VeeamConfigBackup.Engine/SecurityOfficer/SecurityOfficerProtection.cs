using System.Security;
using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.SecurityOfficer;

/// <summary>
/// The Security Officer: a second secret mixed into every encrypted configuration backup, so that neither the
/// password nor the recovery key alone opens one. The job runs unattended, so the server keeps the key derived
/// from the passphrase (never the passphrase), protected by its key ring; a restore needs the passphrase typed in.
/// </summary>
public sealed class SecurityOfficerProtection
{
    private readonly IConfigurationStore _store;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _clock;
    private readonly Passwords.VerificationThrottle _throttle;

    internal SecurityOfficerProtection(IConfigurationStore store, ISecretProtector protector, TimeProvider clock)
    {
        _store = store;
        _protector = protector;
        _clock = clock;
        // Guessing the passphrase through a change counts against the same limit as guessing passwords.
        _throttle = new Passwords.VerificationThrottle(store, clock);
    }

    public SecurityOfficerStatus Status()
    {
        var row = _store.GetSecurityOfficer();
        return new SecurityOfficerStatus { Enabled = row is not null, Hint = row?.Hint, CreatedUtc = row?.CreatedUtc, ModifiedUtc = row?.ModifiedUtc };
    }

    public SecurityOfficerStatus Enable(SecureString passphrase, string hint)
    {
        if (_store.GetSecurityOfficer() is not null)
        {
            throw new ConfigBackupException("SecurityOfficerAlreadyEnabled", ErrorKind.InvalidOperation,
                "A Security Officer is already enabled. Change the passphrase with Set-VBRSecurityOfficerPassphrase.");
        }
        Passwords.HintRule.RefuseUnsafeCharacters(hint);
        var now = _clock.StoredUtcNow();
        _store.SetSecurityOfficer(Derive(passphrase, hint, now, now));
        return Status();
    }

    /// <summary>Changes the passphrase. Restore points made before keep needing the passphrase they were made with.</summary>
    public SecurityOfficerStatus ChangePassphrase(SecureString current, SecureString next)
    {
        var row = _store.GetSecurityOfficer() ?? throw new ConfigBackupException("SecurityOfficerNotEnabled", ErrorKind.InvalidOperation,
            "No Security Officer is enabled. Enable one with Enable-VBRSecurityOfficer.");
        using (var offered = SecretChars.RequireNonEmpty(current, "current passphrase"))
        using (var stored = _protector.Unprotect(SecretPurpose.SecurityOfficerKey, row.KeyProtected))
        {
            var attempt = _throttle.BeginAttempt();
            using var derived = KeySchedule.DeriveUserKey(offered, new KdfParameters(row.KdfIterations, row.KdfSalt));
            if (CryptographicOperations.FixedTimeEquals(derived.Span, stored.Span))
            {
                _throttle.Succeeded(attempt);
            }
            else
            {
                _throttle.Failed();
                throw new ConfigBackupException("WrongSecurityOfficerPassphrase", ErrorKind.SecurityError,
                    $"The current Security Officer passphrase is not right (hint: '{row.Hint}'). Nothing was changed.");
            }
        }
        _store.SetSecurityOfficer(Derive(next, row.Hint, row.CreatedUtc, _clock.StoredUtcNow()));
        return Status();
    }

    /// <summary>The officer key for the next backup, or null without a Security Officer.</summary>
    internal OfficerSecret? Current()
    {
        var row = _store.GetSecurityOfficer();
        return row is null ? null
            : new OfficerSecret(new KdfParameters(row.KdfIterations, row.KdfSalt), _protector.Unprotect(SecretPurpose.SecurityOfficerKey, row.KeyProtected), row.Hint);
    }

    private SecurityOfficerRow Derive(SecureString passphrase, string hint, DateTimeOffset created, DateTimeOffset modified)
    {
        using var chars = SecretChars.RequireNonEmpty(passphrase, "passphrase");
        var problems = PassphrasePolicy.Problems(chars.Span);
        if (problems.Count > 0)
        {
            throw new ConfigBackupException("SecurityOfficerPassphraseTooWeak", ErrorKind.InvalidArgument,
                $"The Security Officer passphrase needs {string.Join(", ", problems)}.");
        }
        if (string.IsNullOrWhiteSpace(hint))
        {
            throw new ConfigBackupException("HintRequired", ErrorKind.InvalidArgument, "A hint is required for the Security Officer passphrase.");
        }
        if (hint.AsSpan().Contains(chars.Span, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigBackupException("HintContainsPassphrase", ErrorKind.InvalidArgument,
                "The hint contains the passphrase. Choose a hint that does not reveal it.");
        }
        var kdf = KdfParameters.CreateNew();
        using var key = KeySchedule.DeriveUserKey(chars, kdf);
        return new SecurityOfficerRow(hint.Trim(), kdf.Iterations, kdf.Salt, _protector.Protect(SecretPurpose.SecurityOfficerKey, key.Span), created, modified);
    }
}
