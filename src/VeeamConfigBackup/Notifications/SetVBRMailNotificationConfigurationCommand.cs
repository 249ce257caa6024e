using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Mail;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Changes the global e-mail notification settings. Only the parameters given change; a switch changes its setting
/// only when it is given (-NotifyOnSuccess:$false turns it off). The SMTP login is a Credentials Manager record, set
/// by reference: this cmdlet never reads, takes or shows a password.
/// </summary>
[Cmdlet(VerbsCommon.Set, "VBRMailNotificationConfiguration", SupportsShouldProcess = true)]
[OutputType(typeof(MailNotificationConfiguration))]
public sealed class SetVBRMailNotificationConfigurationCommand : VbrCmdlet
{
    /// <summary>The port SMTP over TLS from the first byte listens on (RFC 8314); -EnableSSL means that mode there.</summary>
    private const int SmtpsPort = 465;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SmtpServer { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Sender { get; set; }

    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    public string[]? Recipient { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Subject { get; set; }

    [Parameter]
    public int? Port { get; set; }

    /// <summary>Seconds per message, 1 to 60.</summary>
    [Parameter]
    public int? Timeout { get; set; }

    /// <summary>The product's switch: SSL on port 465, STARTTLS on any other; -EnableSSL:$false is no TLS at all.</summary>
    [Parameter]
    public SwitchParameter EnableSSL { get; set; }

    [Parameter]
    public SmtpTlsMode? TlsMode { get; set; }

    /// <summary>-EnableAuth:$false clears the login; -EnableAuth needs one (given now with -Credentials, or set before).</summary>
    [Parameter]
    public SwitchParameter EnableAuth { get; set; }

    /// <summary>The login, a record from Get-VBRCredentials; kept by reference.</summary>
    [Parameter]
    [ValidateNotNull]
    public CredentialsRecord? Credentials { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnSuccess { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnWarning { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnFailure { get; set; }

    [Parameter]
    public SwitchParameter NotifyOnLastRetryOnly { get; set; }

    [Parameter]
    public SwitchParameter Enable { get; set; }

    [Parameter]
    public SwitchParameter Disable { get; set; }

    /// <summary>Writes the settings as stored.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    protected override void End()
    {
        if (Given(nameof(EnableSSL)) && Given(nameof(TlsMode)))
        {
            Conflict("-EnableSSL and -TlsMode both set the connection's protection: give one of them.");
        }
        if (Given(nameof(Enable)) && Given(nameof(Disable)))
        {
            Conflict("-Enable and -Disable contradict each other: give one of them.");
        }
        if (Given(nameof(EnableAuth)) && !EnableAuth && Credentials is not null)
        {
            Conflict("-EnableAuth:$false clears the login that -Credentials sets: give one of them.");
        }
        var current = Server.NotificationSettings.GetMail();
        var next = current;
        var changes = new List<string>();
        if (SmtpServer is not null)
        {
            next = next with { SmtpServer = SmtpServer };
            changes.Add($"SMTP server '{SmtpServer}'");
        }
        if (Port is { } port)
        {
            next = next with { Port = port };
            changes.Add($"port {port}");
        }
        if (Given(nameof(EnableSSL)))
        {
            // After -Port: "-EnableSSL -Port 465" means SSL.
            next = next with { TlsMode = !EnableSSL ? SmtpTlsMode.None : next.Port == SmtpsPort ? SmtpTlsMode.Ssl : SmtpTlsMode.StartTls };
            changes.Add($"TLS mode {next.TlsMode}");
        }
        if (TlsMode is { } mode)
        {
            next = next with { TlsMode = mode };
            changes.Add($"TLS mode {mode}");
        }
        if (Sender is not null)
        {
            next = next with { Sender = Sender };
            changes.Add($"sender '{Sender}'");
        }
        if (Recipient is not null)
        {
            next = next with { Recipient = Recipient.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList() };
            changes.Add(next.Recipient.Count == 0 ? "no recipients" : $"recipients {string.Join(", ", next.Recipient)}");
        }
        if (Subject is not null)
        {
            next = next with { Subject = Subject };
            changes.Add($"subject '{Subject}'");
        }
        if (Timeout is { } timeout)
        {
            next = next with { Timeout = timeout };
            changes.Add($"timeout {timeout} s");
        }
        if (Credentials is not null)
        {
            next = next with { CredentialsId = Credentials.Id };
            changes.Add($"login as '{Credentials.UserName}' (credentials {Credentials.Id})");
        }
        else if (Given(nameof(EnableAuth)))
        {
            if (!EnableAuth)
            {
                next = next with { CredentialsId = null };
                changes.Add("no login");
            }
            else if (current.CredentialsId is null)
            {
                ThrowTerminatingError(ErrorRecords.From(new ConfigBackupException("MailCredentialsRequired", ErrorKind.InvalidArgument,
                    "-EnableAuth needs a login, and the mail settings have none. Nothing was changed.")
                {
                    RecommendedAction = "Add -Credentials (Get-VBRCredentials -Name <user>); add the login first with Add-VBRCredentials if it is not there.",
                }, null));
            }
        }
        Switch(nameof(NotifyOnSuccess), NotifyOnSuccess, "notify on success", v => next = next with { NotifyOnSuccess = v }, changes);
        Switch(nameof(NotifyOnWarning), NotifyOnWarning, "notify on warning", v => next = next with { NotifyOnWarning = v }, changes);
        Switch(nameof(NotifyOnFailure), NotifyOnFailure, "notify on failure", v => next = next with { NotifyOnFailure = v }, changes);
        Switch(nameof(NotifyOnLastRetryOnly), NotifyOnLastRetryOnly, "notify on the last retry only", v => next = next with { NotifyOnLastRetryOnly = v }, changes);
        if (Given(nameof(Enable)) || (Given(nameof(Disable)) && Disable))
        {
            var enabled = Given(nameof(Enable)) ? Enable.IsPresent : false;
            next = next with { Enabled = enabled };
            changes.Add(enabled ? "enable" : "disable");
        }
        if (changes.Count == 0)
        {
            WriteVerbose("Nothing to change.");
            if (PassThru)
            {
                WriteRecord(current);
            }
            return;
        }
        if (!ShouldProcess("e-mail notification settings", string.Join("; ", changes)))
        {
            return;
        }
        Terminating(null, () =>
        {
            var stored = Server.NotificationSettings.SetMail(next);
            WriteVerbose($"E-mail notification settings: {string.Join("; ", changes)}.");
            if (PassThru)
            {
                WriteRecord(stored);
            }
        });
    }

    private void Switch(string name, SwitchParameter value, string label, Action<bool> set, List<string> changes)
    {
        if (Given(name))
        {
            set(value.IsPresent);
            changes.Add($"{label}: {(value.IsPresent ? "on" : "off")}");
        }
    }

    private void Conflict(string message) =>
        ThrowTerminatingError(ErrorRecords.Create("ConflictingParameters", ErrorKind.InvalidArgument, $"{message} Nothing was changed.", null));
}
