namespace VeeamConfigBackup.Engine.SecurityOfficer;

/// <summary>Whether a Security Officer protects configuration backups, and the passphrase's hint.</summary>
public sealed class SecurityOfficerStatus
{
    public required bool Enabled { get; init; }

    public string? Hint { get; init; }

    public DateTimeOffset? CreatedUtc { get; init; }

    public DateTimeOffset? ModifiedUtc { get; init; }
}
