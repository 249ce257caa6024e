namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// One event as the product's Event Reference documents it: its id (the syslog <c>instanceId</c>), its name, severity,
/// named parameters in the documented order, and a one-line description. Never carries a secret.
/// </summary>
public sealed record NotificationEvent
{
    /// <summary>The product's event id, for example 40700 for "Configuration Backup Job Finished".</summary>
    public required int InstanceId { get; init; }

    /// <summary>The event's name as the Event Reference gives it.</summary>
    public required string Name { get; init; }

    public required NotificationSeverity Severity { get; init; }

    public required DateTimeOffset TimeUtc { get; init; }

    /// <summary>The server the event happened on (the syslog HOSTNAME, the e-mail's server line).</summary>
    public required string ServerName { get; init; }

    /// <summary>The event's parameters by the product's names (JobName, JobResult...), in the documented order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>What happened, in one line (the syslog <c>Description</c>, the e-mail's first line).</summary>
    public required string Description { get; init; }

    /// <summary>
    /// Facts for people beside the documented parameters (job name, result, duration, restore point, size, warnings):
    /// e-mail and SNMP carry them; syslog keeps to the documented parameters, so a SIEM rule written for the product matches.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];
}
