using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications.Mail;
using VeeamConfigBackup.Engine.Notifications.Snmp;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// Sends one event to the receivers its routing names, all at once, each within its own bounded timeout. It never
/// throws for a receiver: what a receiver did is in the deliveries it returns, so a receiver that is down, slow or
/// refuses the credentials never breaks the backup or restore that raised the event.
/// </summary>
public sealed class NotificationDispatcher
{
    private readonly NotificationSettings _settings;

    internal NotificationDispatcher(NotificationSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Syslog servers get every event; e-mail and SNMP only what <paramref name="routing"/> asks for.</summary>
    public IReadOnlyList<NotificationDelivery> Send(NotificationEvent notification, NotificationRouting routing)
    {
        var forPeople = notification with { Parameters = [.. notification.Facts, .. notification.Parameters] };
        var sends = new List<(string Receiver, Func<INotificationSender> Sender, NotificationEvent Event)>();
        IReadOnlyList<SyslogServerSettings> syslog;
        MailNotificationConfiguration mail;
        SnmpOptions snmp;
        try
        {
            syslog = _settings.ListSyslogServers();
            mail = _settings.GetMail();
            snmp = _settings.GetSnmp();
        }
        catch (ConfigBackupException ex)
        {
            // The settings could not be read (a database that failed): the event goes nowhere, and says so.
            return [new NotificationDelivery { Receiver = "notification settings", Delivered = false, Error = ex.Message }];
        }
        foreach (var server in syslog)
        {
            sends.Add(($"syslog {server.Protocol.ToString().ToLowerInvariant()}://{server.ServerHost}:{server.Port}", () => new SyslogSender(server), notification));
        }
        if (routing.Mail && mail.Enabled && mail.SmtpServer is { } host && mail.Sender is { } from)
        {
            var recipients = (routing.ExtraRecipientsOnly ? routing.ExtraRecipients : [.. mail.Recipient, .. routing.ExtraRecipients])
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (recipients.Count > 0)
            {
                sends.Add(($"smtp://{host}:{mail.Port}", () => new SmtpNotificationSender(
                    new SmtpServerSettings { SmtpServer = host, Port = mail.Port, Sender = from, TlsMode = mail.TlsMode },
                    new MailMessageSettings { Recipient = recipients, Subject = routing.MailSubject ?? mail.Subject },
                    _settings.MailCredentials(mail), TimeSpan.FromSeconds(mail.Timeout)), forPeople));
            }
        }
        if (routing.Snmp)
        {
            foreach (var receiver in snmp.Receiver)
            {
                sends.Add(($"snmp udp://{receiver.ReceiverIP}:{receiver.ReceiverPort}", () => new SnmpTrapSender(_settings.SenderSettings(receiver)), forPeople));
            }
        }
        var tasks = sends.Select(s => Task.Run(() => Deliver(s.Receiver, s.Sender, s.Event))).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToList();
    }

    /// <summary>Every configured receiver, whatever the routing: what Send-VBRTestNotification sends.</summary>
    public IReadOnlyList<NotificationDelivery> SendToAll(NotificationEvent notification) =>
        Send(notification, new NotificationRouting { Mail = true, Snmp = true });

    private static NotificationDelivery Deliver(string receiver, Func<INotificationSender> create, NotificationEvent notification)
    {
        try
        {
            create().Send(notification);
            return new NotificationDelivery { Receiver = receiver, Delivered = true };
        }
        catch (NotificationDeliveryException ex)
        {
            return new NotificationDelivery { Receiver = ex.Receiver, Delivered = false, Error = ex.Reason };
        }
        catch (ConfigBackupException ex)
        {
            // Settings that cannot be used (a login whose record is gone, a community not restored): the receiver is skipped.
            return new NotificationDelivery { Receiver = receiver, Delivered = false, Error = ex.Message };
        }
        catch (ArgumentException ex)
        {
            return new NotificationDelivery { Receiver = receiver, Delivered = false, Error = ex.Message };
        }
    }
}
