namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// The configuration backup job's notification options, by the names of the product's <c>VBRNotificationOptions</c>:
/// extra e-mail recipients and subject, when to send (custom, or as the global mail settings say), and SNMP traps.
/// </summary>
public sealed record JobNotificationOptions
{
    /// <summary>Send the job's e-mail to <see cref="AdditionalAddress"/> as well.</summary>
    public bool EnableAdditionalNotification { get; init; }

    public IReadOnlyList<string> AdditionalAddress { get; init; } = [];

    /// <summary>Use this job's NotifyOn* (true) rather than the global mail settings' (false).</summary>
    public bool UseNotificationOptions { get; init; }

    /// <summary>The subject template of the job's e-mail; empty for the global one.</summary>
    public string NotificationSubject { get; init; } = "";

    public bool NotifyOnSuccess { get; init; } = true;

    public bool NotifyOnWarning { get; init; } = true;

    public bool NotifyOnError { get; init; } = true;

    /// <summary>Kept for the product's scripts: the configuration backup job has no retries, so every run is its last.</summary>
    public bool NotifyOnLastRetryOnly { get; init; }

    /// <summary>Send an SNMP trap for each run to the global SNMP receivers.</summary>
    public bool EnableSnmpNotification { get; init; } = true;

    /// <summary>One line for lists and tables (a record's own would print the address list as a type name).</summary>
    public override string ToString() =>
        (EnableAdditionalNotification ? $"also to {string.Join(", ", AdditionalAddress)}" : "global recipients only") +
        (UseNotificationOptions ? $"; on success {NotifyOnSuccess}, warning {NotifyOnWarning}, error {NotifyOnError}" : "; when the global settings say") +
        (EnableSnmpNotification ? "; SNMP trap" : "");
}
