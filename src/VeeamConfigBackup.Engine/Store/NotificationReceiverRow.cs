namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// A notification receiver without a secret of its own (the mail server, a syslog server) as the store keeps it: its
/// kind and its settings as JSON; the mail server's login is a Credentials Manager record, by reference.
/// </summary>
internal sealed record NotificationReceiverRow
{
    public required Guid Id { get; init; }

    public required string Kind { get; init; }

    public required string SettingsJson { get; init; }

    public Guid? CredentialsId { get; init; }

    public required DateTimeOffset AddedUtc { get; init; }
}
