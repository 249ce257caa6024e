using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>Lists the syslog servers registered with the server.</summary>
[Cmdlet(VerbsCommon.Get, "VBRSyslogServer", DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(SyslogServerSettings))]
public sealed class GetVBRSyslogServerCommand : GetRecordCmdlet<SyslogServerSettings>
{
    [Parameter(Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SyslogServerHostCompleter))]
    public string[]? ServerHost { get; set; }

    protected override string[]? NamePatterns => ServerHost;

    protected override RecordKind Kind => RecordKind.SyslogServer;

    protected override IReadOnlyList<SyslogServerSettings> ListRecords() => Server.NotificationSettings.ListSyslogServers();

    protected override Guid IdOf(SyslogServerSettings record) => record.Id;

    protected override string NameOf(SyslogServerSettings record) => record.ServerHost;
}
