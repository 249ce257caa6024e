namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>How one receiver took one event: delivered, or not and why (never with a secret).</summary>
public sealed record NotificationDelivery
{
    /// <summary>The receiver: "syslog tcp://host:514", "smtp://host:25", "snmp udp://host:162".</summary>
    public required string Receiver { get; init; }

    public required bool Delivered { get; init; }

    /// <summary>Why it was not delivered; null when it was.</summary>
    public string? Error { get; init; }
}
