using System.Globalization;
using System.Text;
using VeeamConfigBackup.Engine.Notifications.Snmp;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>The test trap receiver that tests/Receivers/snmp.sh starts (Net-SNMP's snmptrapd on 127.0.0.1) and its log.</summary>
internal static class TestSnmp
{
    public static int? Port => int.TryParse(Environment.GetEnvironmentVariable("VBR_TEST_SNMP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    public static string? Log => Environment.GetEnvironmentVariable("VBR_TEST_SNMP_LOG") is { Length: > 0 } l ? l : null;

    public static string? Community => Environment.GetEnvironmentVariable("VBR_TEST_SNMP_COMMUNITY") is { Length: > 0 } c ? c : null;

    public static bool Configured => Port is not null && Log is not null && Community is not null;

    public static bool Required => Environment.GetEnvironmentVariable("VBR_TEST_SNMP_REQUIRED") == "1";

    public static SnmpReceiverSettings Settings(string? community = null) => new()
    {
        Host = "127.0.0.1",
        Port = Port ?? throw new InvalidOperationException(SnmpFactAttribute.HowToRun),
        Community = community ?? Community ?? throw new InvalidOperationException(SnmpFactAttribute.HowToRun),
    };

    /// <summary>Every trap in the log so far.</summary>
    public static List<LoggedTrap> Traps()
    {
        var path = Log ?? throw new InvalidOperationException(SnmpFactAttribute.HowToRun);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var traps = new List<LoggedTrap>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("TRAP\t", StringComparison.Ordinal))
            {
                traps.Add(LoggedTrap.Parse(line));
            }
        }
        return traps;
    }

    /// <summary>The logged trap with a value that contains <paramref name="marker"/>, once snmptrapd has written it (bounded).</summary>
    public static LoggedTrap? WaitFor(string marker, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        do
        {
            if (Traps().FirstOrDefault(t => t.Variables.Any(v => v.Value.Contains(marker, StringComparison.Ordinal))) is { } trap)
            {
                return trap;
            }
            Thread.Sleep(50);
        }
        while (DateTime.UtcNow < until);
        return null;
    }
}

/// <summary>
/// One line of the receiver's log: <c>TRAP</c>, snmptrapd's security field (<c>TRAP2, SNMP v2c, community ...</c>)
/// and the bindings as <c>.oid = Type: value</c>, strings in hex (decoded here from UTF-8), TimeTicks as a number.
/// </summary>
internal sealed record LoggedTrap(string Security, IReadOnlyList<(string Oid, string Type, string Value)> Variables)
{
    public static LoggedTrap Parse(string line)
    {
        var fields = line.Split('\t');
        var variables = new List<(string, string, string)>();
        foreach (var field in fields.Skip(2).Where(f => f.Length > 0))
        {
            var at = field.IndexOf(" = ", StringComparison.Ordinal);
            Assert.True(at > 0, $"not a binding: {field}");
            var oid = field[..at].TrimStart('.');
            var value = field[(at + 3)..];
            variables.Add(value switch
            {
                "\"\"" => (oid, "STRING", ""),
                _ when value.StartsWith("Hex-STRING: ", StringComparison.Ordinal) => (oid, "STRING", Encoding.UTF8.GetString(Convert.FromHexString(value["Hex-STRING: ".Length..].Replace(" ", "")))),
                _ when value.StartsWith("INTEGER: ", StringComparison.Ordinal) => (oid, "INTEGER", value["INTEGER: ".Length..]),
                _ when value.StartsWith("OID: ", StringComparison.Ordinal) => (oid, "OID", value["OID: ".Length..].TrimStart('.')),
                _ when value.Contains(": ", StringComparison.Ordinal) => (oid, value[..value.IndexOf(": ", StringComparison.Ordinal)], value[(value.IndexOf(": ", StringComparison.Ordinal) + 2)..]),
                _ => (oid, "", value), // TimeTicks under -Ot: the bare number
            });
        }
        return new LoggedTrap(fields[1], variables);
    }

    /// <summary>The community snmptrapd accepted the trap with.</summary>
    public string Community => Security[(Security.LastIndexOf("community ", StringComparison.Ordinal) + "community ".Length)..];

    public string this[string oid] => Variables.Single(v => v.Oid == oid).Value;

    public string TypeOf(string oid) => Variables.Single(v => v.Oid == oid).Type;
}
