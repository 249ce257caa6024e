using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Replaces the global SNMP trap receivers with the given ones (at most five), as the product's cmdlet does; receivers
/// read from Get-VBRSNMPOptions keep their stored communities. Piped receivers are collected and stored together.
/// </summary>
[Cmdlet(VerbsCommon.Set, "VBRSNMPOptions", SupportsShouldProcess = true)]
[OutputType(typeof(SnmpOptions))]
public sealed class SetVBRSNMPOptionsCommand : VbrCmdlet
{
    private readonly List<SnmpReceiver> _receivers = [];

    /// <summary>The whole list: an empty one removes every receiver.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    [ValidateNotNull]
    public SnmpReceiver[] Receiver { get; set; } = [];

    protected override void Process() => _receivers.AddRange(Receiver.Where(r => r is not null));

    protected override void End()
    {
        var action = _receivers.Count == 0
            ? "Remove every SNMP receiver"
            : $"Set the SNMP receivers to {string.Join(", ", _receivers.Select(r => $"{r.ReceiverIP}:{r.ReceiverPort}"))}";
        if (!ShouldProcess("global SNMP settings", action))
        {
            return;
        }
        Terminating(null, () =>
        {
            var stored = Server.NotificationSettings.SetSnmp(_receivers);
            WriteVerbose($"{stored.Receiver.Count} SNMP receiver(s) set.");
            WriteRecord(stored);
        });
    }
}
