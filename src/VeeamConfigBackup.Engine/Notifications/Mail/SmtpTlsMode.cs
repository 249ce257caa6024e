namespace VeeamConfigBackup.Engine.Notifications.Mail;

/// <summary>
/// How the connection to the SMTP server is protected. The product has one switch (EnableSSL, shown as SSLEnabled);
/// a mode says which of the two ways TLS is reached, because a server speaks only one of them on a given port.
/// </summary>
public enum SmtpTlsMode
{
    /// <summary>Plain SMTP, no TLS at all: only for a relay on a trusted network. Credentials, if any, travel in clear.</summary>
    None,

    /// <summary>
    /// Plain SMTP upgraded with STARTTLS before anything else is sent (usually port 587 or 25). Required, not "when
    /// available": a server, or a man in the middle, that does not offer STARTTLS fails the delivery instead of
    /// silently getting the message and the password in clear.
    /// </summary>
    StartTls,

    /// <summary>TLS from the first byte, "SMTPS" (usually port 465).</summary>
    Ssl,
}
