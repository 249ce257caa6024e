using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>Gets the global e-mail notification settings (the SMTP login by reference only, never its password).</summary>
[Cmdlet(VerbsCommon.Get, "VBRMailNotificationConfiguration")]
[OutputType(typeof(MailNotificationConfiguration))]
public sealed class GetVBRMailNotificationConfigurationCommand : VbrCmdlet
{
    protected override void End() => WriteRecord(Server.NotificationSettings.GetMail());
}
