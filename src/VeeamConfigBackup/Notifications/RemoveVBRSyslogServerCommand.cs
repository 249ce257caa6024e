using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Unregisters syslog servers: they get no more events. By the piped server (the product's -Server), by id, or by
/// host patterns (each pattern that matches nothing is an error, wildcard or not); confirmation per server unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VBRSyslogServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(void))]
public sealed class RemoveVBRSyslogServerCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [Alias("Server")]
    [ValidateNotNull]
    public SyslogServerSettings InputObject { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
    public Guid Id { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SyslogServerHostCompleter))]
    public string[] ServerHost { get; set; } = [];

    /// <summary>Removes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var all = Server.NotificationSettings.ListSyslogServers();
        List<SyslogServerSettings> targets;
        if (ParameterSetName == ParameterSets.ByName)
        {
            targets = NameFilter.Select(all, ServerHost, s => s.ServerHost, reportWildcards: true, p => WriteNotFound(RecordKind.SyslogServer, p));
        }
        else
        {
            var id = ParameterSetName == ParameterSets.ById ? Id : InputObject.Id;
            targets = all.Where(s => s.Id == id).ToList();
            if (targets.Count == 0)
            {
                WriteNotFound(RecordKind.SyslogServer, id.ToString());
            }
        }
        foreach (var target in targets)
        {
            var description = $"syslog server {target.Protocol.ToString().ToLowerInvariant()}://{target.ServerHost}:{target.Port}";
            ForItem(target, () =>
            {
                if (!ShouldProcessUnlessForced(Force, description, "Remove"))
                {
                    return;
                }
                Server.NotificationSettings.RemoveSyslogServer(target.Id);
                WriteVerbose($"Removed {description}; it gets no more events.");
            });
        }
    }
}
