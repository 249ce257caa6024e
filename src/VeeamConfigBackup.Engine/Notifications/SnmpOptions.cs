namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>The global SNMP settings, as the product's <c>VBRSNMPOptions</c>: the trap receivers (at most five).</summary>
public sealed record SnmpOptions
{
    public const int MaxReceivers = 5;

    public IReadOnlyList<SnmpReceiver> Receiver { get; init; } = [];
}
