using System.Security;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Credentials;

/// <summary>The Credentials Manager: user names and passwords for managed servers, passwords protected at rest.</summary>
public sealed class CredentialsManager
{
    private readonly IConfigurationStore _store;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _clock;

    internal CredentialsManager(IConfigurationStore store, ISecretProtector protector, TimeProvider clock)
    {
        _store = store;
        _protector = protector;
        _clock = clock;
    }

    /// <summary>Told after a record was changed (before, after) or removed: the server sends the product's events from them.</summary>
    internal event Action<CredentialsRecord, CredentialsRecord>? Updated;

    internal event Action<CredentialsRecord>? Removed;

    public IReadOnlyList<CredentialsRecord> List() => _store.ListCredentials().Select(CredentialsRecord.FromRow).ToList();

    public CredentialsRecord Get(Guid id) =>
        List().FirstOrDefault(c => c.Id == id) ?? throw new RecordNotFoundException(RecordKind.Credentials, id.ToString());

    public CredentialsRecord Add(string userName, SecureString password, CredentialsType type, string? description = null)
    {
        using var plain = SecretChars.RequireNonEmpty(password, nameof(password));
        var now = _clock.StoredUtcNow();
        var record = new CredentialsRecord
        {
            Id = Guid.NewGuid(),
            UserName = RequireUserName(userName),
            Description = description?.Trim() ?? "",
            Type = type,
            CreatedUtc = now,
            ModifiedUtc = now,
            ProtectedPassword = Protect(plain),
        };
        _store.InsertCredentials(record.ToRow());
        return record;
    }

    public CredentialsRecord Update(Guid id, string? userName, SecureString? password, CredentialsType? type, string? description)
    {
        var existing = Get(id);
        byte[] protectedPassword = existing.ProtectedPassword;
        if (password is not null)
        {
            using var plain = SecretChars.RequireNonEmpty(password, nameof(password));
            protectedPassword = Protect(plain);
        }
        var updated = new CredentialsRecord
        {
            Id = existing.Id,
            UserName = userName is null ? existing.UserName : RequireUserName(userName),
            Description = description?.Trim() ?? existing.Description,
            Type = type ?? existing.Type,
            CreatedUtc = existing.CreatedUtc,
            ModifiedUtc = _clock.StoredUtcNow(),
            ProtectedPassword = protectedPassword,
        };
        _store.UpdateCredentials(updated.ToRow());
        Updated?.Invoke(existing, updated);
        return updated;
    }

    public void Remove(Guid id)
    {
        // An object storage repository signs with these keys: without them it could neither be written nor removed.
        if (_store.ListRepositories().FirstOrDefault(r => r.CredentialsId == id) is { } user)
        {
            throw new ConfigBackupException("CredentialsInUse", ErrorKind.InvalidOperation,
                $"The credentials record is the keys of the repository '{user.Name}', so it cannot be removed; nothing was changed.")
            {
                RecommendedAction = "Remove the repository first (Remove-VBRBackupRepository), or change the keys in place with Set-VBRCredentials.",
            };
        }
        var existing = Get(id);
        if (_store.ListNotificationReceivers().Any(r => r.CredentialsId == id))
        {
            throw new ConfigBackupException("CredentialsInUse", ErrorKind.InvalidOperation,
                "The credentials record is the login of the e-mail notification settings, so it cannot be removed; nothing was changed.")
            {
                RecommendedAction = "Give the mail settings another login first (Set-VBRMailNotificationConfiguration -Credentials), or change this record in place with Set-VBRCredentials.",
            };
        }
        if (!_store.DeleteCredentials(id))
        {
            throw new RecordNotFoundException(RecordKind.Credentials, id.ToString());
        }
        Removed?.Invoke(existing);
    }

    /// <summary>The record's password, only when the caller explicitly asked for it.</summary>
    public SecureString RevealPassword(CredentialsRecord record)
    {
        if (record.ProtectedPassword.Length == 0)
        {
            throw SecretNotRestored.For("credentials record", record.UserName, $"Set-VBRCredentials -Id {record.Id} -Password <SecureString>");
        }
        using var bytes = _protector.Unprotect(SecretPurpose.CredentialsPassword, record.ProtectedPassword);
        using var chars = bytes.ToChars();
        return chars.ToSecureString();
    }

    private byte[] Protect(SecretChars plain)
    {
        using var bytes = plain.ToUtf8();
        return _protector.Protect(SecretPurpose.CredentialsPassword, bytes.Span);
    }

    private static string RequireUserName(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 256)
        {
            throw new ConfigBackupException("InvalidUserName", ErrorKind.InvalidArgument,
                "The user name must be 1 to 256 characters and not blank.");
        }
        return userName.Trim();
    }
}
