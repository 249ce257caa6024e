using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>A receiver could not be reached, was too slow, or refused the message; which receiver and why, without secrets.</summary>
public sealed class NotificationDeliveryException : ConfigBackupException
{
    public NotificationDeliveryException(string receiver, string reason, Exception? inner = null)
        : base("NotificationFailed", ErrorKind.ConnectionError, $"The notification to {receiver} was not delivered: {reason}", inner)
    {
        Receiver = receiver;
        Reason = reason;
        RecommendedAction = "Check that the receiver runs and accepts this server (address, port, credentials, certificate), then run Send-VBRTestNotification.";
    }

    public string Receiver { get; }

    public string Reason { get; }
}
