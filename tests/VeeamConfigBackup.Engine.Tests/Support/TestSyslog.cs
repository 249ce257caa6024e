using System.Text;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>The private rsyslog that tests/Receivers/syslog.sh starts, as its exported variables describe it.</summary>
internal static class TestSyslog
{
    public static string Host => Variable("VBR_TEST_SYSLOG_HOST") ?? "127.0.0.1";

    public static int? TcpPort => Port("VBR_TEST_SYSLOG_TCP_PORT");

    public static int? UdpPort => Port("VBR_TEST_SYSLOG_UDP_PORT");

    public static int? TlsPort => Port("VBR_TEST_SYSLOG_TLS_PORT");

    /// <summary>The file rsyslog writes every message it receives to, as received (%rawmsg%), one a line.</summary>
    public static string? Output => Variable("VBR_TEST_SYSLOG_OUTPUT");

    /// <summary>The TLS input's certificate's SHA-1 thumbprint, uppercase hex without separators.</summary>
    public static string? TlsThumbprint => Variable("VBR_TEST_SYSLOG_TLS_THUMBPRINT");

    /// <summary>The TLS input's certificate (PEM).</summary>
    public static string? TlsCertificatePath => Variable("VBR_TEST_SYSLOG_TLS_CERT");

    public static bool Available => TcpPort is not null && UdpPort is not null && Output is not null;

    public static bool Required => Environment.GetEnvironmentVariable("VBR_TEST_SYSLOG_REQUIRED") == "1";

    /// <summary>The port, or the failure that says how to start the daemon (where the tests are required and it is not there).</summary>
    public static int Require(int? port, bool tls = false) =>
        port ?? throw new InvalidOperationException(tls ? SyslogFactAttribute.HowToRunTls : SyslogFactAttribute.HowToRun);

    /// <summary>
    /// The line the daemon wrote for the message that contains <paramref name="marker"/>, as bytes (without the line end);
    /// waits for it a bounded time, then fails. Every test puts a fresh marker in its event, so lines never mix up.
    /// </summary>
    public static byte[] WaitForLine(string marker, TimeSpan? within = null)
    {
        var line = FindLine(marker, within ?? TimeSpan.FromSeconds(15));
        Assert.True(line is not null, $"rsyslog did not write a message with {marker} to {Output} in time.");
        return line!;
    }

    /// <summary>The line with <paramref name="marker"/> if there is one now, or null.</summary>
    public static byte[]? FindLine(string marker, TimeSpan within)
    {
        var path = Output ?? throw new InvalidOperationException(SyslogFactAttribute.HowToRun);
        var needle = Encoding.UTF8.GetBytes(marker);
        var until = DateTime.UtcNow + within;
        while (true)
        {
            if (File.Exists(path))
            {
                byte[] content;
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var copy = new MemoryStream())
                {
                    file.CopyTo(copy);
                    content = copy.ToArray();
                }
                var start = 0;
                for (var i = 0; i < content.Length; i++)
                {
                    if (content[i] != (byte)'\n')
                    {
                        continue;
                    }
                    var line = content.AsSpan(start, i - start);
                    if (line.IndexOf(needle) >= 0)
                    {
                        return line.ToArray();
                    }
                    start = i + 1;
                }
            }
            if (DateTime.UtcNow >= until)
            {
                return null;
            }
            Thread.Sleep(50);
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int? Port(string name) => int.TryParse(Variable(name), out var port) ? port : null;
}
