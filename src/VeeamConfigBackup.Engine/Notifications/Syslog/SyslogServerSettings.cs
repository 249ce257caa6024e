namespace VeeamConfigBackup.Engine.Notifications.Syslog;

/// <summary>
/// One syslog server, with the names of the product's <c>VBRSyslogServer</c> (<c>ServerHost</c>, <c>Port</c>,
/// <c>Protocol</c>, <c>CertificateThumbprint</c>) so that settings read from the product or a script map one to one.
/// </summary>
public sealed record SyslogServerSettings
{
    /// <summary>The registered server's id (empty for settings that are not registered).</summary>
    public Guid Id { get; init; }

    /// <summary>A DNS name or an IP address.</summary>
    public required string ServerHost { get; init; }

    /// <summary>1 to 65535 (the usual ones are 514 for UDP and TCP, 6514 for TLS).</summary>
    public required int Port { get; init; }

    public required SyslogServerProtocol Protocol { get; init; }

    /// <summary>
    /// For <see cref="SyslogServerProtocol.Tls"/> only: the server certificate's thumbprint, SHA-1 (40 hex digits, as the
    /// product takes it) or SHA-256 (64). When it is set, exactly that certificate is accepted and no other, whoever signed
    /// it (this is how a self-signed syslog server is trusted); when it is not, the certificate must be valid for
    /// <see cref="ServerHost"/> and chain to a root of the system's store.
    /// </summary>
    public string? CertificateThumbprint { get; init; }
}
