using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Makes the configuration backup job's notification options in memory, for Set-VBRConfigBackupJob -NotificationOptions.
/// As with the product's cmdlet, every setting is off unless its switch is given.
/// </summary>
[Cmdlet(VerbsCommon.New, "VBRNotificationOptions")]
[OutputType(typeof(JobNotificationOptions))]
public sealed class NewVBRNotificationOptionsCommand : VbrCmdlet
{
    [Parameter]
    public SwitchParameter EnableAdditionalNotification { get; set; }

    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    public string[] AdditionalAddress { get; set; } = [];

    [Parameter]
    public SwitchParameter UseNotificationOptions { get; set; }

    [Parameter]
    [ValidateNotNull]
    [AllowEmptyString]
    public string NotificationSubject { get; set; } = "";

    [Parameter]
    public SwitchParameter NotifyOnSuccess { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnWarning { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnError { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnLastRetryOnly { get; set; }

    [Parameter]
    public SwitchParameter EnableSnmpNotification { get; set; }

    protected override void End() => WriteRecord(new JobNotificationOptions
    {
        EnableAdditionalNotification = EnableAdditionalNotification,
        AdditionalAddress = AdditionalAddress.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList(),
        UseNotificationOptions = UseNotificationOptions,
        NotificationSubject = NotificationSubject,
        NotifyOnSuccess = NotifyOnSuccess,
        NotifyOnWarning = NotifyOnWarning,
        NotifyOnError = NotifyOnError,
        NotifyOnLastRetryOnly = NotifyOnLastRetryOnly,
        EnableSnmpNotification = EnableSnmpNotification,
    });
}
