namespace VeeamConfigBackup.Engine.Notifications.Mail;

/// <summary>Who gets a notification and what its subject says, by the product's names (Recipient, Subject).</summary>
public sealed record MailMessageSettings
{
    /// <summary>The recipients' addresses (the message's To), one per item; at least one.</summary>
    public required IReadOnlyList<string> Recipient { get; init; }

    /// <summary>The subject, with %Name% variables taken from the event's parameters (see <see cref="SubjectTemplate"/>).</summary>
    public string Subject { get; init; } = SubjectTemplate.Default;
}
