namespace VeeamConfigBackup.Engine.Notifications.Syslog;

/// <summary>
/// How a syslog server is reached, by the names of the product's <c>Add-VBRSyslogServer -Protocol</c>
/// (<c>VBRSyslogServerProtocol</c>), so that a script written for the product passes the same values.
/// </summary>
public enum SyslogServerProtocol
{
    /// <summary>One datagram per message (RFC 5426): nothing confirms that it arrived.</summary>
    Udp,

    /// <summary>A TCP connection with octet counting framing (RFC 6587 §3.4.1), which rsyslog's imtcp and syslog-ng accept.</summary>
    Tcp,

    /// <summary>TLS over TCP (RFC 5425), the same octet counting framing inside.</summary>
    Tls,
}
