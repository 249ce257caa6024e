using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace VeeamConfigBackup.Engine.Notifications.Mail;

/// <summary>
/// Turns an event into the e-mail a person reads: multipart/alternative with a plain-text part (for terminals, mail
/// filters and ticket systems) and an HTML part (for mail clients), both showing the same facts: the event's name,
/// id and severity, the server, the time, the description and every parameter in the caller's order (result,
/// duration, restore point, size, warnings...). The builder is never given a secret, so none can end up in a message.
/// </summary>
public static class NotificationMailBuilder
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss 'UTC'";

    public static MimeMessage Build(NotificationEvent notification, SmtpServerSettings server, MailMessageSettings message)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(message);
        var (sender, recipients) = Addresses(server, message);
        var mail = new MimeMessage();
        mail.From.Add(sender);
        mail.To.AddRange(recipients);
        mail.Subject = SubjectTemplate.Expand(message.Subject, notification.Parameters);
        mail.Date = notification.TimeUtc;
        // MimeKit would put this machine's host name in the Message-Id; the sender's domain says as much to a mail
        // filter and keeps an internal host name out of every message that leaves the network.
        mail.MessageId = MimeUtils.GenerateMessageId(sender.Domain);
        // Plain text first, HTML last: RFC 2046 puts the richest alternative last, and clients show the last one they can.
        mail.Body = new MultipartAlternative
        {
            Part("plain", PlainText(notification)),
            Part("html", Html(notification)),
        };
        return mail;
    }

    /// <summary>
    /// The sender and the recipients as addresses, or an <see cref="ArgumentException"/> naming the one that is not an
    /// address: a wrong setting is the caller's to fix, not a delivery failure to retry.
    /// </summary>
    public static (MailboxAddress Sender, IReadOnlyList<MailboxAddress> Recipients) Addresses(SmtpServerSettings server, MailMessageSettings message)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(message);
        var sender = Address(server.Sender, nameof(SmtpServerSettings.Sender));
        if (message.Recipient is null || message.Recipient.Count == 0)
        {
            throw new ArgumentException("A notification e-mail needs at least one recipient.", nameof(message));
        }
        return (sender, message.Recipient.Select(r => Address(r, nameof(MailMessageSettings.Recipient))).ToList());
    }

    private static MailboxAddress Address(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text, out var address) || !address.Address.Contains('@'))
        {
            throw new ArgumentException($"The {setting} '{text}' is not an e-mail address.", setting);
        }
        return address;
    }

    private static TextPart Part(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static string Time(NotificationEvent notification) =>
        notification.TimeUtc.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string PlainText(NotificationEvent notification)
    {
        var text = new StringBuilder();
        text.AppendLine(notification.Name);
        text.AppendLine();
        text.AppendLine(notification.Description);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Server: {notification.ServerName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Time: {Time(notification)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Event: {notification.InstanceId} ({notification.Severity})");
        foreach (var (name, value) in notification.Parameters)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {value}");
        }
        return text.ToString();
    }

    private static string Html(NotificationEvent notification)
    {
        // Every value is encoded: job names, paths and warnings come from people and from the file system, and a
        // "<" in one of them must show as a "<", not become markup (or a link) in the reader's mail client.
        static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
        var color = notification.Severity switch
        {
            NotificationSeverity.Error => "#c62828",
            NotificationSeverity.Warning => "#ef6c00",
            _ => "#2e7d32",
        };
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html><head><meta charset=\"utf-8\"><title>" + E(notification.Name) + "</title></head>");
        html.AppendLine("<body style=\"font-family: Segoe UI, Arial, sans-serif; font-size: 14px;\">");
        html.AppendLine($"<h2 style=\"color: {color}; margin-bottom: 4px;\">{E(notification.Name)}</h2>");
        html.AppendLine($"<p style=\"margin-top: 0;\">{E(notification.Description)}</p>");
        html.AppendLine("<table style=\"border-collapse: collapse;\">");
        Row(html, "Server", E(notification.ServerName));
        Row(html, "Time", E(Time(notification)));
        Row(html, "Event", E(string.Create(CultureInfo.InvariantCulture, $"{notification.InstanceId} ({notification.Severity})")));
        foreach (var (name, value) in notification.Parameters)
        {
            Row(html, E(name), E(value));
        }
        html.AppendLine("</table>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string encodedName, string encodedValue) =>
        html.AppendLine("<tr><th style=\"text-align: left; padding: 2px 12px 2px 0; vertical-align: top;\">" + encodedName +
            "</th><td style=\"padding: 2px 0; white-space: pre-wrap;\">" + encodedValue + "</td></tr>");
}
