using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Sends a test event to every configured receiver and writes how each took it. A receiver that did not take it is
/// also a non-terminating NotificationFailed error, so -ErrorAction Stop stops a runbook. No -WhatIf: the module keeps
/// ShouldProcess for cmdlets that change the configuration, and sending a test changes none.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "VBRTestNotification")]
[OutputType(typeof(NotificationDelivery))]
public sealed class SendVBRTestNotificationCommand : VbrCmdlet
{
    protected override void End()
    {
        var deliveries = Server.Notifications.SendTest();
        if (deliveries.Count == 0)
        {
            WriteWarning("No notification receivers are configured, so no test was sent. Add one with Add-VBRSyslogServer, "
                + "Set-VBRMailNotificationConfiguration -Enable or Set-VBRSNMPOptions.");
            return;
        }
        foreach (var delivery in deliveries)
        {
            WriteRecord(delivery);
            if (!delivery.Delivered)
            {
                // The engine's exception carries the recommended action with the error id.
                WriteError(ErrorRecords.From(new NotificationDeliveryException(delivery.Receiver, delivery.Error ?? "no reason was given"), delivery.Receiver));
            }
        }
        WriteVerbose($"{deliveries.Count(d => d.Delivered)} of {deliveries.Count} receiver(s) took the test notification.");
    }
}
