using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Mail;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>Events and settings the e-mail tests share: a finished configuration backup, as a job would report it.</summary>
internal static class MailSamples
{
    public static NotificationEvent Finished(string jobName, string result = "Success", params KeyValuePair<string, string>[] extra) => new()
    {
        InstanceId = 40700,
        Name = "Configuration Backup Job Finished",
        Severity = result switch { "Failed" => NotificationSeverity.Error, "Warning" => NotificationSeverity.Warning, _ => NotificationSeverity.Info },
        TimeUtc = new DateTimeOffset(2026, 5, 4, 21, 30, 15, TimeSpan.Zero),
        ServerName = "vbr-test-01",
        Description = $"Configuration backup job '{jobName}' finished with {result}.",
        Parameters =
        [
            new("JobName", jobName),
            new("JobResult", result),
            new("Duration", "00:01:42"),
            new("RestorePoint", "BackupConfig_2026-05-04_21-30-15.bco"),
            new("Size", "18.4 MB"),
            new("Warnings", "0"),
            .. extra,
        ],
    };

    public static MailMessageSettings To(params string[] recipients) => new() { Recipient = recipients };

    public static SmtpServerSettings Server(int port, SmtpTlsMode mode = SmtpTlsMode.None, string host = "127.0.0.1") => new()
    {
        SmtpServer = host,
        Port = port,
        Sender = "VBR Notifications <vbr@example.test>",
        TlsMode = mode,
    };

    /// <summary>A unique job name, so that a test finds its own message among those of tests running beside it.</summary>
    public static string UniqueJob(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 13)];
}
