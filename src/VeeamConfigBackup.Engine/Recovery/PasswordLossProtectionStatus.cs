namespace VeeamConfigBackup.Engine.Recovery;

/// <summary>Whether restore points are also wrapped for a recovery key, and which.</summary>
public sealed class PasswordLossProtectionStatus
{
    public required bool Enabled { get; init; }

    public string? KeyId { get; init; }

    public DateTimeOffset? CreatedUtc { get; init; }
}
