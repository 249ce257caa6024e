namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// Where one event goes besides the syslog servers (which get every event): e-mail (to the global recipients and any
/// extra ones, with an optional subject of its own) and SNMP traps. The caller decides it from its own options, so the
/// senders know nothing of jobs.
/// </summary>
public sealed record NotificationRouting
{
    public static NotificationRouting SyslogOnly { get; } = new();

    public bool Mail { get; init; }

    /// <summary>Recipients beside the global ones (a job's additional addresses).</summary>
    public IReadOnlyList<string> ExtraRecipients { get; init; } = [];

    /// <summary>A subject template of its own; null for the global one.</summary>
    public string? MailSubject { get; init; }

    /// <summary>Send the e-mail to the extra recipients only, not to the global ones.</summary>
    public bool ExtraRecipientsOnly { get; init; }

    public bool Snmp { get; init; }
}
