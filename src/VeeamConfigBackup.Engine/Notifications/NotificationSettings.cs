using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications.Mail;
using VeeamConfigBackup.Engine.Notifications.Syslog;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// The server's notification receivers, as the product keeps them globally: the mail settings, the syslog servers and
/// the SNMP trap receivers. Kept in the configuration database, so configuration backups carry them; the SMTP login is a
/// Credentials Manager record by reference and SNMP communities are protected by the key ring.
/// </summary>
public sealed class NotificationSettings
{
    private const string MailKind = "Mail";
    private const string SyslogKind = "Syslog";
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly IConfigurationStore _store;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _clock;
    private readonly CredentialsManager _credentials;

    internal NotificationSettings(IConfigurationStore store, ISecretProtector protector, TimeProvider clock, CredentialsManager credentials)
    {
        _store = store;
        _protector = protector;
        _clock = clock;
        _credentials = credentials;
    }

    public MailNotificationConfiguration GetMail()
    {
        var row = _store.ListNotificationReceivers().FirstOrDefault(r => r.Kind == MailKind);
        return row is null ? new MailNotificationConfiguration()
            : (JsonSerializer.Deserialize<MailNotificationConfiguration>(row.SettingsJson, Json) ?? new()) with { CredentialsId = row.CredentialsId };
    }

    /// <summary>Stores the mail settings after checking them; enabled settings need a server, a sender and a recipient.</summary>
    public MailNotificationConfiguration SetMail(MailNotificationConfiguration mail)
    {
        Validate(mail);
        var existing = _store.ListNotificationReceivers().FirstOrDefault(r => r.Kind == MailKind);
        var row = new NotificationReceiverRow
        {
            Id = existing?.Id ?? Guid.NewGuid(),
            Kind = MailKind,
            // The login is a column of its own: the Credentials Manager refuses to remove a record this refers to.
            SettingsJson = JsonSerializer.Serialize(mail with { CredentialsId = null }, Json),
            CredentialsId = mail.CredentialsId,
            AddedUtc = existing?.AddedUtc ?? _clock.StoredUtcNow(),
        };
        if (existing is null)
        {
            _store.InsertNotificationReceiver(row);
        }
        else
        {
            _store.UpdateNotificationReceiver(row);
        }
        return GetMail();
    }

    public IReadOnlyList<SyslogServerSettings> ListSyslogServers() =>
        _store.ListNotificationReceivers().Where(r => r.Kind == SyslogKind)
            .Select(r => JsonSerializer.Deserialize<SyslogServerSettings>(r.SettingsJson, Json)! with { Id = r.Id }).ToList();

    public SyslogServerSettings GetSyslogServer(Guid id) =>
        ListSyslogServers().FirstOrDefault(s => s.Id == id) ?? throw new RecordNotFoundException(RecordKind.SyslogServer, id.ToString());

    public SyslogServerSettings AddSyslogServer(SyslogServerSettings server)
    {
        var clean = Validate(server);
        if (ListSyslogServers().Any(s => SameTarget(s, clean)))
        {
            throw new RecordConflictException(RecordKind.SyslogServer, $"{clean.ServerHost}:{clean.Port} ({clean.Protocol})");
        }
        var row = new NotificationReceiverRow
        {
            Id = Guid.NewGuid(),
            Kind = SyslogKind,
            SettingsJson = JsonSerializer.Serialize(clean with { Id = Guid.Empty }, Json),
            AddedUtc = _clock.StoredUtcNow(),
        };
        _store.InsertNotificationReceiver(row);
        return clean with { Id = row.Id };
    }

    public SyslogServerSettings UpdateSyslogServer(SyslogServerSettings server)
    {
        var existing = _store.ListNotificationReceivers().FirstOrDefault(r => r.Kind == SyslogKind && r.Id == server.Id)
            ?? throw new RecordNotFoundException(RecordKind.SyslogServer, server.Id.ToString());
        var clean = Validate(server);
        if (ListSyslogServers().Any(s => s.Id != server.Id && SameTarget(s, clean)))
        {
            throw new RecordConflictException(RecordKind.SyslogServer, $"{clean.ServerHost}:{clean.Port} ({clean.Protocol})");
        }
        _store.UpdateNotificationReceiver(existing with { SettingsJson = JsonSerializer.Serialize(clean with { Id = Guid.Empty }, Json) });
        return clean with { Id = existing.Id };
    }

    public void RemoveSyslogServer(Guid id)
    {
        if (!_store.ListNotificationReceivers().Any(r => r.Kind == SyslogKind && r.Id == id) || !_store.DeleteNotificationReceiver(id))
        {
            throw new RecordNotFoundException(RecordKind.SyslogServer, id.ToString());
        }
    }

    public SnmpOptions GetSnmp() => new()
    {
        Receiver = _store.ListSnmpReceivers().Select(r => new SnmpReceiver
        {
            Id = r.Id,
            ReceiverIP = r.ReceiverIp,
            ReceiverPort = r.ReceiverPort,
            ProtectedCommunity = r.ProtectedCommunity,
        }).ToList(),
    };

    /// <summary>
    /// Replaces the SNMP receivers, as the product's Set-VBRSNMPOptions does. A receiver read back from here keeps its
    /// stored community unless a new CommunityString is given.
    /// </summary>
    public SnmpOptions SetSnmp(IReadOnlyList<SnmpReceiver> receivers)
    {
        if (receivers.Count > SnmpOptions.MaxReceivers)
        {
            throw Invalid("TooManySnmpReceivers", $"At most {SnmpOptions.MaxReceivers} SNMP receivers can be set; {receivers.Count} were given.",
                "Give five receivers or fewer, as the product allows.");
        }
        if (receivers.Where(r => r.Id != Guid.Empty).GroupBy(r => r.Id.ToString()).Concat(receivers.GroupBy(r => $"{r.ReceiverIP.Trim().ToLowerInvariant()}:{r.ReceiverPort}"))
                .FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            // A stored receiver and a changed copy of it: one of them would silently win.
            throw Invalid("DuplicateSnmpReceiver", $"The SNMP receiver {twice.First().ReceiverIP}:{twice.First().ReceiverPort} is given more than once.",
                "Give each receiver (address and port) once: the changed copy from Set-VBRSNMPReceiver replaces the one it was made from.");
        }
        var stored = _store.ListSnmpReceivers().ToDictionary(r => r.Id);
        var now = _clock.StoredUtcNow();
        var rows = receivers.Select(r =>
        {
            // A kept community was checked when it was set; the placeholder only lets the address and port be checked now.
            var settings = new Snmp.SnmpReceiverSettings { Host = r.ReceiverIP, Port = r.ReceiverPort, Community = r.CommunityString ?? "kept" };
            settings.Validate();
            byte[] community;
            if (r.CommunityString is { } plain)
            {
                community = _protector.Protect(SecretPurpose.NotificationReceiverSecret, Encoding.UTF8.GetBytes(plain));
            }
            else if (r.ProtectedCommunity is { } kept || (stored.TryGetValue(r.Id, out var old) && (kept = old.ProtectedCommunity) is not null))
            {
                community = kept;
            }
            else
            {
                throw Invalid("SnmpCommunityRequired", $"The SNMP receiver {r.ReceiverIP}:{r.ReceiverPort} has no community.",
                    "Give it one: New-VBRSNMPReceiver -ReceiverIP <address> -CommunityString <community>.");
            }
            return new SnmpReceiverRow
            {
                Id = r.Id == Guid.Empty ? Guid.NewGuid() : r.Id,
                ReceiverIp = r.ReceiverIP.Trim(),
                ReceiverPort = r.ReceiverPort,
                ProtectedCommunity = community,
                AddedUtc = stored.TryGetValue(r.Id, out var before) ? before.AddedUtc : now,
            };
        }).ToList();
        _store.ReplaceSnmpReceivers(rows);
        return GetSnmp();
    }

    /// <summary>The settings a sender needs for a stored receiver, with its community unprotected for that one send.</summary>
    internal Snmp.SnmpReceiverSettings SenderSettings(SnmpReceiver receiver)
    {
        if (receiver.ProtectedCommunity is not { Length: > 0 } stored)
        {
            throw SecretNotRestored.For("SNMP receiver", receiver.ReceiverIP, "Set-VBRSNMPOptions -Receiver (New-VBRSNMPReceiver -ReceiverIP <address> -CommunityString <community>)");
        }
        using var community = _protector.Unprotect(SecretPurpose.NotificationReceiverSecret, stored);
        return new Snmp.SnmpReceiverSettings { Host = receiver.ReceiverIP, Port = receiver.ReceiverPort, Community = Encoding.UTF8.GetString(community.Span) };
    }

    /// <summary>The SMTP login for one send, when the mail settings name one.</summary>
    internal System.Net.NetworkCredential? MailCredentials(MailNotificationConfiguration mail)
    {
        if (mail.CredentialsId is not { } id)
        {
            return null;
        }
        var record = _credentials.Get(id);
        return new System.Net.NetworkCredential(record.UserName, _credentials.RevealPassword(record));
    }

    private void Validate(MailNotificationConfiguration mail)
    {
        if (mail.SmtpServer is { } host && Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown)
        {
            throw Invalid("InvalidSmtpServer", $"'{host}' is not a host name or an IP address.", "Give the SMTP server's DNS name or IP address.");
        }
        if (mail.Port is < 1 or > 65535)
        {
            throw Invalid("InvalidPort", $"The port {mail.Port} is not between 1 and 65535.", "Give the SMTP server's port: 25, 587 (STARTTLS) or 465 (SSL).");
        }
        if (mail.Timeout is < 1 or > 60)
        {
            throw Invalid("InvalidTimeout", $"The timeout must be 1 to 60 seconds; {mail.Timeout} was given.", "A few seconds are enough: a slow server must not hold a backup up.");
        }
        foreach (var address in mail.Recipient.Append(mail.Sender).OfType<string>())
        {
            if (!MailAddressRule.IsValid(address))
            {
                throw Invalid("InvalidMailAddress", $"'{address}' is not an e-mail address.", "Give addresses such as backup-admins@example.com.");
            }
        }
        if (mail.Enabled && (string.IsNullOrWhiteSpace(mail.SmtpServer) || string.IsNullOrWhiteSpace(mail.Sender) || mail.Recipient.Count == 0))
        {
            throw Invalid("MailSettingsIncomplete", "E-mail notifications need an SMTP server, a sender and at least one recipient before they can be enabled.",
                "Set-VBRMailNotificationConfiguration -SmtpServer <host> -Sender <address> -Recipient <address> -Enable.");
        }
        if (mail.CredentialsId is { } id)
        {
            _credentials.Get(id);
        }
    }

    private static SyslogServerSettings Validate(SyslogServerSettings server)
    {
        var host = server.ServerHost?.Trim() ?? "";
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw Invalid("InvalidServerHost", $"'{server.ServerHost}' is not a host name or an IP address.", "Give the syslog server's DNS name or IP address.");
        }
        if (server.Port is < 1 or > 65535)
        {
            throw Invalid("InvalidPort", $"The port {server.Port} is not between 1 and 65535.", "Give the syslog server's port: usually 514 (UDP, TCP) or 6514 (TLS).");
        }
        var thumbprint = server.CertificateThumbprint?.Replace(" ", "").Replace(":", "").ToUpperInvariant();
        if (thumbprint is { Length: > 0 })
        {
            if (server.Protocol != SyslogServerProtocol.Tls)
            {
                throw Invalid("CertificateThumbprintNeedsTls", "A certificate thumbprint applies only to -Protocol Tls.", "Leave -CertificateThumbprint out, or use -Protocol Tls.");
            }
            if (thumbprint.Length is not (40 or 64) || !thumbprint.All(Uri.IsHexDigit))
            {
                throw Invalid("InvalidCertificateThumbprint", "The certificate thumbprint must be 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.",
                    "Copy the thumbprint of the syslog server's certificate, for example from openssl x509 -noout -fingerprint -sha1.");
            }
        }
        return server with { ServerHost = host, CertificateThumbprint = thumbprint is { Length: > 0 } ? thumbprint : null };
    }

    private static bool SameTarget(SyslogServerSettings a, SyslogServerSettings b) =>
        string.Equals(a.ServerHost, b.ServerHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port && a.Protocol == b.Protocol;

    private static ConfigBackupException Invalid(string id, string message, string action) =>
        new(id, ErrorKind.InvalidArgument, message) { RecommendedAction = action };
}
