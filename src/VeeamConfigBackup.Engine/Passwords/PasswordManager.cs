using System.Security;
using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>
/// The Password Manager: the passwords that encryption keys are derived from. Each password is kept
/// protected by the server's key ring (the backup job must use it unattended), and leaves this class only
/// to be compared or to derive a key.
/// </summary>
public sealed class PasswordManager
{
    private readonly IConfigurationStore _store;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _clock;
    private readonly VerificationThrottle _throttle;

    internal PasswordManager(IConfigurationStore store, ISecretProtector protector, TimeProvider clock)
    {
        _store = store;
        _protector = protector;
        _clock = clock;
        _throttle = new VerificationThrottle(store, clock);
    }

    /// <summary>Told after a password was stored, changed or removed: the server sends the product's events from them.</summary>
    internal event Action<PasswordRecord>? Added;

    internal event Action<PasswordRecord>? Changed;

    internal event Action<PasswordRecord>? Removed;

    public IReadOnlyList<PasswordRecord> List() =>
        _store.ListPasswords().Select(WithUsers).ToList();

    public PasswordRecord Get(Guid id) =>
        WithUsers(_store.ListPasswords().FirstOrDefault(p => p.Id == id) ?? throw new RecordNotFoundException(RecordKind.Password, id.ToString()));

    public PasswordChange Add(SecureString password, string hint, string? description = null)
    {
        using var plain = SecretChars.RequireNonEmpty(password, nameof(password));
        var cleanHint = RequireHint(hint, plain.Span);
        HintRule.RefuseUnsafeCharacters(cleanHint);
        if (_store.ListPasswords().Any(p => string.Equals(p.Hint, cleanHint, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RecordConflictException(RecordKind.Password, cleanHint);
        }
        var now = _clock.StoredUtcNow();
        var record = new PasswordRecord
        {
            Id = Guid.NewGuid(),
            Hint = cleanHint,
            Description = description?.Trim() ?? "",
            CreatedUtc = now,
            ModifiedUtc = now,
            ProtectedPassword = Protect(plain),
        };
        var row = record.ToRow();
        _store.InsertPassword(row);
        Added?.Invoke(record);
        return new PasswordChange(WithUsers(row), PasswordStrength.Assess(plain.Span));
    }

    /// <summary>Changes the password, hint or description. A new password applies from the next job run.</summary>
    public PasswordChange Update(Guid id, SecureString? newPassword, string? hint, string? description)
    {
        var existing = Get(id);
        var hintChanges = hint is not null && hint.Trim() != existing.Hint;
        // The stored password is unprotected only when it is needed: to check a new hint against it.
        using var plain = newPassword is not null ? SecretChars.RequireNonEmpty(newPassword, nameof(newPassword))
            : hintChanges ? Reveal(existing) : null;
        var cleanHint = plain is null ? existing.Hint : RequireHint(hint ?? existing.Hint, plain.Span);
        if (hintChanges)
        {
            // Only a new hint: one stored before this rule must not stop a password change.
            HintRule.RefuseUnsafeCharacters(cleanHint);
        }
        if (_store.ListPasswords().Any(p => p.Id != id && string.Equals(p.Hint, cleanHint, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RecordConflictException(RecordKind.Password, cleanHint);
        }
        var updated = new PasswordRecord
        {
            Id = existing.Id,
            Hint = cleanHint,
            Description = description?.Trim() ?? existing.Description,
            CreatedUtc = existing.CreatedUtc,
            ModifiedUtc = _clock.StoredUtcNow(),
            ProtectedPassword = newPassword is null ? existing.ProtectedPassword : Protect(plain!),
        };
        var row = updated.ToRow();
        _store.UpdatePassword(row);
        Changed?.Invoke(updated);
        var weakness = newPassword is null ? PasswordWeakness.None : PasswordStrength.Assess(plain!.Span);
        return new PasswordChange(WithUsers(row), weakness);
    }

    public void Remove(Guid id)
    {
        var existing = Get(id);
        if (existing.UsedBy.Count > 0)
        {
            throw new PasswordInUseException(existing.Hint, existing.UsedBy);
        }
        _store.DeletePassword(id);
        Removed?.Invoke(existing);
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is the record's password. Failures are throttled across
    /// sessions; while blocked, nothing is compared at all.
    /// </summary>
    public bool Verify(Guid id, SecureString candidate)
    {
        var record = Get(id);
        using var offered = SecretChars.RequireNonEmpty(candidate, nameof(candidate));
        using var offeredBytes = offered.ToUtf8();
        using var stored = Unprotect(record);
        // Reserved just before the comparison, so that only a real guess is counted, and every guess is.
        var attempt = _throttle.BeginAttempt();
        var match = CryptographicOperations.FixedTimeEquals(offeredBytes.Span, stored.Span);
        if (match)
        {
            _throttle.Succeeded(attempt);
        }
        else
        {
            _throttle.Failed();
        }
        return match;
    }

    /// <summary>The password in plain text, for key derivation by the engine only.</summary>
    internal SecretChars Reveal(PasswordRecord record)
    {
        using var bytes = Unprotect(record);
        return bytes.ToChars();
    }

    private SecretBytes Unprotect(PasswordRecord record) => record.ProtectedPassword.Length == 0
        ? throw SecretNotRestored.For("password", record.Hint, $"Set-VBRPassword -Id {record.Id} -Password <SecureString>")
        : _protector.Unprotect(SecretPurpose.PasswordManagerPassword, record.ProtectedPassword);

    private PasswordRecord WithUsers(PasswordRow row) => PasswordRecord.FromRow(row, _store.ListPasswordUsers(row.Id));

    private byte[] Protect(SecretChars plain)
    {
        using var bytes = plain.ToUtf8();
        return _protector.Protect(SecretPurpose.PasswordManagerPassword, bytes.Span);
    }

    private static string RequireHint(string? hint, ReadOnlySpan<char> password)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            throw new ConfigBackupException("HintRequired", ErrorKind.InvalidArgument,
                "A hint is required: it is the only clue shown when the password is asked for during a restore.");
        }
        var trimmed = hint.Trim();
        if (trimmed.AsSpan().Contains(password, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigBackupException("HintContainsPassword", ErrorKind.InvalidArgument,
                "The hint contains the password. Choose a hint that reminds you of the password without revealing it.");
        }
        return trimmed;
    }
}
