namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A test that needs the SMTP sink of tests/Receivers/smtp.sh. Without it the test is skipped with a message that
/// says how to run it; where it is required (VBR_TEST_SMTP_REQUIRED=1) it is never skipped, so a missing sink fails.
/// </summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public const string HowToRun =
        "No SMTP sink for the tests (VBR_TEST_SMTP_PORT is not set). To run these tests, run " +
        "`eval \"$(tests/Receivers/smtp.sh start)\"` (it installs Debian's python3-aiosmtpd when run as root), then the test " +
        "command, then `tests/Receivers/smtp.sh stop`.";

    public SmtpFactAttribute()
    {
        if (TestSmtp.Port is null && !TestSmtp.Required)
        {
            Skip = HowToRun;
        }
    }
}
