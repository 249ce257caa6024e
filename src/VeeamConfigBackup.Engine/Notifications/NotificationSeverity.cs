namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>An event's severity as the product's Event Reference gives it.</summary>
public enum NotificationSeverity
{
    Info,
    Warning,
    Error,
}
