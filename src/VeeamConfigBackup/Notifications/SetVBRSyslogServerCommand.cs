using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>Changes a registered syslog server's host, port, protocol or pinned certificate.</summary>
[Cmdlet(VerbsCommon.Set, "VBRSyslogServer", SupportsShouldProcess = true)]
[OutputType(typeof(SyslogServerSettings))]
public sealed class SetVBRSyslogServerCommand : VbrCmdlet
{
    /// <summary>A server from Get-VBRSyslogServer (the product's cmdlet calls it -Server); only its Id is used.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Server")]
    [ValidateNotNull]
    public SyslogServerSettings InputObject { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServerHost { get; set; }

    [Parameter]
    public int? Port { get; set; }

    [Parameter]
    public SyslogServerProtocol? Protocol { get; set; }

    /// <summary>An empty string removes the pin.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? CertificateThumbprint { get; set; }

    protected override void Process()
    {
        // The stored server, not the piped copy: the change starts from what is registered now.
        ForItem(InputObject, () =>
        {
            var stored = Server.NotificationSettings.GetSyslogServer(InputObject.Id);
            var changed = stored with
            {
                ServerHost = ServerHost ?? stored.ServerHost,
                Port = Port ?? stored.Port,
                Protocol = Protocol ?? stored.Protocol,
                CertificateThumbprint = CertificateThumbprint ?? stored.CertificateThumbprint,
            };
            if (changed.Protocol != SyslogServerProtocol.Tls && CertificateThumbprint is null && stored.CertificateThumbprint is not null)
            {
                // The pin only means something over TLS; leaving TLS drops it rather than refusing the change.
                changed = changed with { CertificateThumbprint = null };
                WriteVerbose("The certificate thumbprint applies only to TLS; it is removed with the change of protocol.");
            }
            var changes = Describe(stored, changed);
            if (changes.Count == 0)
            {
                WriteVerbose($"Nothing to change for {Name(stored)}.");
                WriteRecord(stored);
                return;
            }
            if (!ShouldProcess(Name(stored), string.Join("; ", changes)))
            {
                return;
            }
            var updated = Server.NotificationSettings.UpdateSyslogServer(changed);
            WriteVerbose($"Changed {Name(stored)}: {string.Join("; ", changes)}.");
            WriteRecord(updated);
        });
    }

    private static string Name(SyslogServerSettings s) => $"syslog server {s.Protocol.ToString().ToLowerInvariant()}://{s.ServerHost}:{s.Port}";

    private static List<string> Describe(SyslogServerSettings before, SyslogServerSettings after)
    {
        var changes = new List<string>();
        if (!string.Equals(before.ServerHost, after.ServerHost, StringComparison.Ordinal)) changes.Add($"host '{after.ServerHost}'");
        if (before.Port != after.Port) changes.Add($"port {after.Port}");
        if (before.Protocol != after.Protocol) changes.Add($"protocol {after.Protocol}");
        if (!string.Equals(before.CertificateThumbprint ?? "", after.CertificateThumbprint ?? "", StringComparison.OrdinalIgnoreCase))
        {
            changes.Add(string.IsNullOrEmpty(after.CertificateThumbprint) ? "no pinned certificate" : $"pinned certificate {after.CertificateThumbprint}");
        }
        return changes;
    }
}
