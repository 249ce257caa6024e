using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>Gets the global SNMP settings: the trap receivers, without their communities.</summary>
[Cmdlet(VerbsCommon.Get, "VBRSNMPOptions")]
[OutputType(typeof(SnmpOptions))]
public sealed class GetVBRSNMPOptionsCommand : VbrCmdlet
{
    protected override void End() => WriteRecord(Server.NotificationSettings.GetSnmp());
}
