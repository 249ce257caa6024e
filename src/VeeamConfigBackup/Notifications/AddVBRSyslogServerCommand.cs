using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>Registers a syslog server: from now on it gets every event the server raises.</summary>
[Cmdlet(VerbsCommon.Add, "VBRSyslogServer", SupportsShouldProcess = true)]
[OutputType(typeof(SyslogServerSettings))]
public sealed class AddVBRSyslogServerCommand : VbrCmdlet
{
    /// <summary>The usual syslog ports: 514 for UDP and TCP (RFC 5426, RFC 6587), 6514 for TLS (RFC 5425).</summary>
    private const int PlainPort = 514;
    private const int TlsPort = 6514;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string ServerHost { get; set; } = "";

    /// <summary>514, or 6514 for -Protocol Tls, when left out.</summary>
    [Parameter]
    public int? Port { get; set; }

    [Parameter]
    public SyslogServerProtocol Protocol { get; set; } = SyslogServerProtocol.Udp;

    /// <summary>For -Protocol Tls: the one certificate accepted, by its SHA-1 or SHA-256 thumbprint.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    protected override void Process()
    {
        var settings = new SyslogServerSettings
        {
            ServerHost = ServerHost,
            Port = Port ?? (Protocol == SyslogServerProtocol.Tls ? TlsPort : PlainPort),
            Protocol = Protocol,
            CertificateThumbprint = CertificateThumbprint,
        };
        var target = $"syslog server {Protocol.ToString().ToLowerInvariant()}://{settings.ServerHost}:{settings.Port}";
        if (!ShouldProcess(target, "Add"))
        {
            return;
        }
        ForItem(ServerHost, () =>
        {
            var added = Server.NotificationSettings.AddSyslogServer(settings);
            WriteVerbose($"Added {target}; it gets every event from now on. Send-VBRTestNotification checks that it is reached.");
            WriteRecord(added);
        });
    }
}
