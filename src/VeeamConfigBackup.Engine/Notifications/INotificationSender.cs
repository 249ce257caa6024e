namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// Delivers events to one receiver (an SMTP server, an SNMP trap receiver, a syslog server). A sender waits a bounded
/// time and then fails with <see cref="NotificationDeliveryException"/>; it never throws anything else for a receiver
/// that is down, slow or refuses it.
/// </summary>
public interface INotificationSender
{
    /// <summary>The receiver, for messages: "syslog tcp://host:514", never with a password.</summary>
    string Receiver { get; }

    void Send(NotificationEvent notification, CancellationToken cancellation = default);
}
