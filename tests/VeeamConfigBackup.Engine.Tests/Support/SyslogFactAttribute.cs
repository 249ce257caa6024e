namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A test that needs the private rsyslog of tests/Receivers/syslog.sh; with <c>Tls = true</c>, its TLS input too (which
/// needs rsyslog-gnutls). Without them it is skipped with a message that says how to run it; where they are required
/// (VBR_TEST_SYSLOG_REQUIRED=1) it is never skipped, so a missing daemon fails.
/// </summary>
public sealed class SyslogFactAttribute : FactAttribute
{
    public const string HowToRun =
        "No syslog server for the tests (VBR_TEST_SYSLOG_TCP_PORT is not set). To run these tests, run " +
        "`eval \"$(tests/Receivers/syslog.sh start)\"` (as root it installs rsyslog) and then the test command; " +
        "`tests/Receivers/syslog.sh stop` afterwards.";

    public const string HowToRunTls =
        "The test syslog server has no TLS input (VBR_TEST_SYSLOG_TLS_PORT is not set): rsyslog-gnutls is missing. " +
        "Run tests/Receivers/syslog.sh start as root (it installs it), or apt-get install rsyslog-gnutls, then the test command.";

    private bool _tls;

    public SyslogFactAttribute()
    {
        Skip = TestSyslog.Available || TestSyslog.Required ? null : HowToRun;
    }

    /// <summary>The test sends over TLS, so it needs the TLS input as well.</summary>
    public bool Tls
    {
        get => _tls;
        set
        {
            _tls = value;
            if (value && Skip is null && TestSyslog.TlsPort is null && !TestSyslog.Required)
            {
                Skip = HowToRunTls;
            }
        }
    }
}
