using VeeamConfigBackup.Engine.Policy;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>Whether configuration backups are encrypted, with which password, and what the rules say about it.</summary>
public sealed class ConfigBackupEncryptionStatus
{
    public required bool Enabled { get; init; }

    public Guid? PasswordId { get; init; }

    public string? PasswordHint { get; init; }

    /// <summary>Password loss protection (a recovery key); not built yet, so always false.</summary>
    public bool PasswordLossProtection { get; init; }

    /// <summary>Security Officer double protection; not built yet, so always false.</summary>
    public bool SecurityOfficer { get; init; }

    public IReadOnlyList<PolicyWarning> Warnings { get; init; } = [];
}
