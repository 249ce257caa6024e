using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Makes an SNMP trap receiver in memory, for Set-VBRSNMPOptions; nothing is stored until then. Its community is a
/// shared secret and no view shows it.
/// </summary>
[Cmdlet(VerbsCommon.New, "VBRSNMPReceiver", DefaultParameterSetName = SnmpCommunityParameter.PlainSet)]
[OutputType(typeof(SnmpReceiver))]
public sealed class NewVBRSNMPReceiverCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string ReceiverIP { get; set; } = "";

    [Parameter]
    [ValidateRange(1, 65535)]
    public int ReceiverPort { get; set; } = Engine.Notifications.Snmp.SnmpReceiverSettings.DefaultPort;

    [Parameter(ParameterSetName = SnmpCommunityParameter.PlainSet)]
    [ValidateNotNullOrEmpty]
    public string? CommunityString { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SnmpCommunityParameter.SecureSet)]
    [ValidateNotNull]
    public SecureString? Community { get; set; }

    protected override void End()
    {
        var community = SnmpCommunityParameter.From(CommunityString, Community);
        if (community is null)
        {
            WriteVerbose("No community was given: Set-VBRSNMPOptions refuses a new receiver without one (SnmpCommunityRequired).");
        }
        WriteRecord(new SnmpReceiver { ReceiverIP = ReceiverIP.Trim(), ReceiverPort = ReceiverPort, CommunityString = community });
    }
}
