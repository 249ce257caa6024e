namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A test that needs the SNMP trap receiver. Without one it is skipped with a message that says how to run it;
/// where one is required (VBR_TEST_SNMP_REQUIRED=1) it is never skipped, so a missing receiver fails.
/// </summary>
public sealed class SnmpFactAttribute : FactAttribute
{
    public const string HowToRun =
        "No SNMP trap receiver for the tests (VBR_TEST_SNMP_PORT, VBR_TEST_SNMP_LOG and VBR_TEST_SNMP_COMMUNITY are not set). To run these " +
        "tests here, run `eval \"$(tests/Receivers/snmp.sh start)\"` (it installs Debian's snmptrapd when run as root) and then the test command.";

    public SnmpFactAttribute()
    {
        if (!TestSnmp.Configured && !TestSnmp.Required)
        {
            Skip = HowToRun;
        }
    }
}
