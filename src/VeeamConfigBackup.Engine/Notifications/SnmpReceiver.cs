namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// An SNMP trap receiver by the names of the product's <c>VBRSNMPReceiver</c>. The community of a stored receiver is
/// kept protected by the key ring and never shown (CommunityString is empty then); a receiver given back to
/// Set-VBRSNMPOptions unchanged keeps its stored community.
/// </summary>
public sealed record SnmpReceiver
{
    public Guid Id { get; init; }

    public required string ReceiverIP { get; init; }

    public int ReceiverPort { get; init; } = Snmp.SnmpReceiverSettings.DefaultPort;

    /// <summary>The community as given; null for a stored receiver, whose community is not shown.</summary>
    public string? CommunityString { get; init; }

    /// <summary>The stored community, protected by the key ring.</summary>
    internal byte[]? ProtectedCommunity { get; init; }

    /// <summary>What a record prints by default would include the community.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ReceiverIP = {ReceiverIP}, ReceiverPort = {ReceiverPort}, CommunityString = (hidden)");
        return true;
    }
}
