using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Writes a changed copy of an SNMP receiver, in memory like New-VBRSNMPReceiver: nothing is stored until the copy is
/// given to Set-VBRSNMPOptions. A receiver from Get-VBRSNMPOptions keeps its stored community unless a new one is given.
/// </summary>
[Cmdlet(VerbsCommon.Set, "VBRSNMPReceiver", SupportsShouldProcess = true, DefaultParameterSetName = SnmpCommunityParameter.PlainSet)]
[OutputType(typeof(SnmpReceiver))]
public sealed class SetVBRSNMPReceiverCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SnmpReceiver Receiver { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReceiverIP { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int? ReceiverPort { get; set; }

    [Parameter(ParameterSetName = SnmpCommunityParameter.PlainSet)]
    [ValidateNotNullOrEmpty]
    public string? CommunityString { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SnmpCommunityParameter.SecureSet)]
    [ValidateNotNull]
    public SecureString? Community { get; set; }

    protected override void Process()
    {
        var changes = new List<string>();
        if (ReceiverIP is not null) changes.Add($"address {ReceiverIP.Trim()}");
        if (ReceiverPort is { } port) changes.Add($"port {port}");
        var community = SnmpCommunityParameter.From(CommunityString, Community);
        if (community is not null) changes.Add("a new community");
        // -WhatIf has to mean "nothing changes" here too: the changed copy is not written, so nothing downstream stores it.
        if (changes.Count > 0 && !ShouldProcess($"SNMP receiver {Receiver.ReceiverIP}:{Receiver.ReceiverPort} (in memory)", string.Join("; ", changes)))
        {
            return;
        }
        WriteRecord(Receiver with
        {
            ReceiverIP = ReceiverIP?.Trim() ?? Receiver.ReceiverIP,
            ReceiverPort = ReceiverPort ?? Receiver.ReceiverPort,
            CommunityString = community ?? Receiver.CommunityString,
        });
    }
}
