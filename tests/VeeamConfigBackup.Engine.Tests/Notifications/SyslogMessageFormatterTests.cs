using System.Text;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Syslog;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The message bytes a SIEM receives, without any daemon: the product's documented shape, and RFC 5424's rules.</summary>
public sealed class SyslogMessageFormatterTests
{
    /// <summary>
    /// Event 40700 as the Event Reference documents it (helpcenter.veeam.com/docs/vbr/events/event_40700.html, "Configuration
    /// Backup Job Finished"): its parameters in the documented order and with the documented example values, the example's
    /// time (10:00:37.272866 at +02:00) and server.
    /// </summary>
    internal static NotificationEvent ConfigurationBackupFinished(NotificationSeverity severity = NotificationSeverity.Info, string result = "Success") => new()
    {
        InstanceId = 40700,
        Name = "Configuration Backup Job Finished",
        Severity = severity,
        TimeUtc = new DateTimeOffset(2025, 11, 3, 10, 0, 37, TimeSpan.FromHours(2)).AddTicks(2728660),
        ServerName = "VBRSRV01",
        Parameters =
        [
            new("ConfigurationBackupSpecXML", "<ConfigurationBackupJobSpec><RepositoryId>88788f9e-d8f5-4eb4-bc4f-9b3f5403bcec</RepositoryId><RepositoryName>Default Backup Repository</RepositoryName><RetentionPolicy>15</RetentionPolicy><StorageEncryptionEnabled>True</StorageEncryptionEnabled><StorageCryptoKeyId>370aeb6f-9ba5-47d4-a074-b148bc6a2162</StorageCryptoKeyId></ConfigurationBackupJobSpec>"),
            new("UserFullInfo", "<ModifiedUserInfo fullName=\"TECH\\user1\" loginType=\"0\" />"),
            new("VbrHostName", "vbrsrv01.tech.local"),
            new("VbrVersion", "13.0.1.180"),
            new("Version", "1"),
        ],
        Description = $"Configuration backup has been completed. Result: {result}.",
    };

    [Fact]
    public void A_configuration_backup_event_is_the_documented_message_byte_for_byte()
    {
        var bytes = SyslogMessageFormatter.Format(ConfigurationBackupFinished());

        // The documented example, with the two things the product's page cannot show: the PRI (<14>: user-level, informational,
        // as the product's other pages print it) and RFC 5424's escaping of the quotes and the backslash inside UserFullInfo.
        const string expected =
            "<14>1 2025-11-03T08:00:37.272866Z VBRSRV01 Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=40700 " +
            "ConfigurationBackupSpecXML=\"<ConfigurationBackupJobSpec><RepositoryId>88788f9e-d8f5-4eb4-bc4f-9b3f5403bcec</RepositoryId><RepositoryName>Default Backup Repository</RepositoryName><RetentionPolicy>15</RetentionPolicy><StorageEncryptionEnabled>True</StorageEncryptionEnabled><StorageCryptoKeyId>370aeb6f-9ba5-47d4-a074-b148bc6a2162</StorageCryptoKeyId></ConfigurationBackupJobSpec>\" " +
            "UserFullInfo=\"<ModifiedUserInfo fullName=\\\"TECH\\\\user1\\\" loginType=\\\"0\\\" />\" " +
            "VbrHostName=\"vbrsrv01.tech.local\" VbrVersion=\"13.0.1.180\" Version=\"1\" " +
            "Description=\"Configuration backup has been completed. Result: Success.\"]";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes);
    }

    [Theory]
    [InlineData(NotificationSeverity.Info, "<14>1 ")]
    [InlineData(NotificationSeverity.Warning, "<12>1 ")]
    [InlineData(NotificationSeverity.Error, "<11>1 ")]
    public void The_priority_is_user_level_with_the_events_severity(NotificationSeverity severity, string start)
    {
        var text = Encoding.UTF8.GetString(SyslogMessageFormatter.Format(ConfigurationBackupFinished(severity)));
        Assert.StartsWith(start, text);
    }

    [Fact]
    public void Quotes_backslashes_and_brackets_in_values_are_escaped_as_RFC_5424_says()
    {
        var text = Format(Event(("JobName", "a \"quoted\" C:\\path [x]"), description: "ends with ] and \\"));

        Assert.Contains(" JobName=\"a \\\"quoted\\\" C:\\\\path [x\\]\" ", text);
        Assert.EndsWith(" Description=\"ends with \\] and \\\\\"]", text);
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two")]
    [InlineData("line one\rline two")]
    [InlineData("line one\u2028line two")]
    [InlineData("line one\u0085line two")]
    [InlineData("line one\tline two")]
    public void A_line_end_or_other_control_character_in_a_value_cannot_split_the_message(string value)
    {
        var bytes = SyslogMessageFormatter.Format(Event(("JobName", value), description: value));

        Assert.DoesNotContain(bytes, b => b < 0x20 || b == 0x7F);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(" JobName=\"line one line two\" ", text);
        Assert.EndsWith(" Description=\"line one line two\"]", text);
    }

    [Fact]
    public void Text_is_UTF_8_without_a_byte_order_mark()
    {
        var bytes = SyslogMessageFormatter.Format(Event(("JobName", "Sicherung Müller €"), description: "Größe"));

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.Contains(" JobName=\"Sicherung Müller €\" ", Encoding.UTF8.GetString(bytes));
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { (byte)'M', 0xC3, 0xBC }) >= 0, "ü is the two UTF-8 bytes C3 BC");
    }

    [Fact]
    public void The_timestamp_is_UTC_with_six_fraction_digits()
    {
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-7)).AddTicks(1234567);

        Assert.Equal("2026-01-02T10:04:05.123456Z", SyslogMessageFormatter.Timestamp(time));
        Assert.Equal("2026-01-02T10:04:05.000000Z", SyslogMessageFormatter.Timestamp(new DateTimeOffset(2026, 1, 2, 10, 4, 5, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("VBRSRV01", "VBRSRV01")]
    [InlineData("vbr srv\n01", "vbr_srv_01")]
    [InlineData("sérveur", "s_rveur")]
    [InlineData("", "-")]
    public void The_host_name_is_printable_US_ASCII(string serverName, string hostName)
    {
        Assert.Equal(hostName, SyslogMessageFormatter.HostName(serverName));
        var text = Format(Event(("JobName", "x")) with { ServerName = serverName });
        Assert.Contains($"Z {hostName} Veeam_MP - - ", text);
    }

    [Fact]
    public void A_host_name_longer_than_255_characters_is_cut_there()
    {
        Assert.Equal(new string('h', 255), SyslogMessageFormatter.HostName(new string('h', 300)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Job Name")]
    [InlineData("Job=Name")]
    [InlineData("Job]Name")]
    [InlineData("Job\"Name")]
    [InlineData("JobNäme")]
    [InlineData("Job\nName")]
    [InlineData("ThisParameterNameIsLongerThan32Ch")]
    [InlineData("Description")]
    [InlineData("instanceId")]
    [InlineData("categoryId")]
    public void A_parameter_name_that_RFC_5424_or_the_element_does_not_allow_is_refused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => SyslogMessageFormatter.Format(Event((name, "x"))));
        Assert.Contains("parameter name", ex.Message);
    }

    [Fact]
    public void A_parameter_name_of_32_characters_is_allowed()
    {
        var name = new string('N', 32);
        Assert.Contains($" {name}=\"x\" ", Format(Event((name, "x"))));
    }

    [Fact]
    public void A_message_too_long_for_its_limit_cuts_its_longest_value_and_stays_whole()
    {
        var notification = Event(("JobName", "Nightly"), ("ChangesXML", "<changes>" + new string('x', 5000) + "\"</changes>"));

        var bytes = SyslogMessageFormatter.Format(notification, 2048);

        Assert.True(bytes.Length <= 2048, $"{bytes.Length} bytes");
        Assert.True(bytes.Length >= 2040, $"{bytes.Length} bytes: no more is cut than needed");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(" JobName=\"Nightly\" ChangesXML=\"<changes>xxx", text);
        Assert.Contains("xxx...\" Description=\"Something happened.\"]", text);
    }

    [Fact]
    public void Cutting_never_splits_an_escape_or_a_character()
    {
        for (var limit = 300; limit < 340; limit++)
        {
            var notification = Event(("Path", string.Concat(Enumerable.Repeat("\\é😀\"", 100))));
            var bytes = SyslogMessageFormatter.Format(notification, limit);

            Assert.True(bytes.Length <= limit);
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); // no broken UTF-8
            var value = text[(text.IndexOf("Path=\"", StringComparison.Ordinal) + 6)..text.IndexOf("...\" Description", StringComparison.Ordinal)];
            Assert.Equal(value, SyslogMessageFormatter.EscapeValue(Unescape(value)));
            Assert.DoesNotContain('\uFFFD', text);
        }
    }

    [Fact]
    public void An_event_too_large_even_without_values_is_refused()
    {
        var parameters = Enumerable.Range(0, 100).Select(i => ((string, string))($"Parameter{i}", "x")).ToArray();
        Assert.Throws<ArgumentException>(() => SyslogMessageFormatter.Format(Event(parameters), 480));
    }

    internal static NotificationEvent Event(params (string Name, string Value)[] parameters) => Event(parameters, "Something happened.");

    internal static NotificationEvent Event((string Name, string Value)[] parameters, string description) => new()
    {
        InstanceId = 40700,
        Name = "Test",
        Severity = NotificationSeverity.Info,
        TimeUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        ServerName = "VBRSRV01",
        Parameters = parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList(),
        Description = description,
    };

    private static NotificationEvent Event((string Name, string Value) parameter, string description) => Event([parameter], description);

    private static string Format(NotificationEvent notification) => Encoding.UTF8.GetString(SyslogMessageFormatter.Format(notification));

    private static string Unescape(string escaped)
    {
        var text = new StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length && escaped[i + 1] is '"' or '\\' or ']')
            {
                i++;
            }
            text.Append(escaped[i]);
        }
        return text.ToString();
    }
}
