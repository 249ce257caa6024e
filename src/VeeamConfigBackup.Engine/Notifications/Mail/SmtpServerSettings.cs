namespace VeeamConfigBackup.Engine.Notifications.Mail;

/// <summary>
/// The SMTP server that e-mail notifications go through, by the names of the product's global mail settings
/// (Set-VBRMailNotificationConfiguration: SmtpServer, Port, Sender). It holds no secret: the credentials are given to
/// <see cref="SmtpNotificationSender"/> when it is made, taken from the Credentials Manager for that one send.
/// </summary>
public sealed record SmtpServerSettings
{
    /// <summary>The DNS name or IP address of the SMTP server.</summary>
    public required string SmtpServer { get; init; }

    /// <summary>The server's port: 25 by default, as in the product; usually 587 with STARTTLS and 465 with SSL.</summary>
    public int Port { get; init; } = 25;

    /// <summary>The address the notifications come from (the message's From and the envelope's MAIL FROM).</summary>
    public required string Sender { get; init; }

    /// <summary>
    /// STARTTLS by default: a server that cannot do it fails loudly, where a plain default would quietly send the
    /// message and the password in clear.
    /// </summary>
    public SmtpTlsMode TlsMode { get; init; } = SmtpTlsMode.StartTls;
}
