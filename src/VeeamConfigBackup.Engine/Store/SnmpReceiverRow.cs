namespace VeeamConfigBackup.Engine.Store;

/// <summary>An SNMP trap receiver as the store keeps it: the community protected by the key ring.</summary>
internal sealed record SnmpReceiverRow
{
    public required Guid Id { get; init; }

    public required string ReceiverIp { get; init; }

    public required int ReceiverPort { get; init; }

    public required byte[] ProtectedCommunity { get; init; }

    public required DateTimeOffset AddedUtc { get; init; }
}
