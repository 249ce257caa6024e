using VeeamConfigBackup.Engine.Notifications.Mail;

namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// The global e-mail notification settings, by the names of the product's <c>VBRMailNotificationConfiguration</c>.
/// The SMTP login is a Credentials Manager record, by reference: its password stays protected at rest and travels
/// in encrypted configuration backups like any other.
/// </summary>
public sealed record MailNotificationConfiguration
{
    public const int DefaultTimeoutSeconds = 5;

    public bool Enabled { get; init; }

    public string? SmtpServer { get; init; }

    public int Port { get; init; } = 25;

    public string? Sender { get; init; }

    /// <summary>The recipients every notification goes to.</summary>
    public IReadOnlyList<string> Recipient { get; init; } = [];

    public string Subject { get; init; } = SubjectTemplate.Default;

    /// <summary>Seconds the SMTP server has for each message, connect to end (bounded: 1 to 60).</summary>
    public int Timeout { get; init; } = DefaultTimeoutSeconds;

    public SmtpTlsMode TlsMode { get; init; } = SmtpTlsMode.StartTls;

    /// <summary>The product's name for "a secure connection is used".</summary>
    public bool SSLEnabled => TlsMode != SmtpTlsMode.None;

    /// <summary>The Credentials Manager record the SMTP server is logged in to with; null for no login.</summary>
    public Guid? CredentialsId { get; init; }

    /// <summary>Whether a login is used (the product's AuthEnabled).</summary>
    public bool AuthEnabled => CredentialsId is not null;

    public bool NotifyOnSuccess { get; init; } = true;

    public bool NotifyOnWarning { get; init; } = true;

    public bool NotifyOnFailure { get; init; } = true;

    /// <summary>Kept for the product's scripts; the configuration backup job has no retries, so every run is its last.</summary>
    public bool NotifyOnLastRetryOnly { get; init; }
}
