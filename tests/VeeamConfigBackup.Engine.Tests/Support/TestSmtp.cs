using System.Diagnostics;
using System.Text.Json;
using MimeKit;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// The SMTP sink that tests/Receivers/smtp.sh starts: a port without authentication, a port that requires the test
/// user, and the folder where every message it accepted lies as received (&lt;id&gt;.eml) beside its envelope (&lt;id&gt;.json).
/// </summary>
internal static class TestSmtp
{
    public static int? Port => IntVariable("VBR_TEST_SMTP_PORT");

    public static int AuthPort => IntVariable("VBR_TEST_SMTP_AUTH_PORT") ?? throw new InvalidOperationException(SmtpFactAttribute.HowToRun);

    public static string User => Variable("VBR_TEST_SMTP_USER") ?? throw new InvalidOperationException(SmtpFactAttribute.HowToRun);

    public static string Password => Variable("VBR_TEST_SMTP_PASSWORD") ?? throw new InvalidOperationException(SmtpFactAttribute.HowToRun);

    public static string MailDir => Variable("VBR_TEST_SMTP_MAILDIR") ?? throw new InvalidOperationException(SmtpFactAttribute.HowToRun);

    public static bool Required => Environment.GetEnvironmentVariable("VBR_TEST_SMTP_REQUIRED") == "1";

    public static int PlainPort => Port ?? throw new InvalidOperationException(SmtpFactAttribute.HowToRun);

    /// <summary>
    /// The one stored message whose subject contains <paramref name="marker"/> (tests run in parallel against one sink,
    /// so each marks its own), waiting briefly for it; null if none came.
    /// </summary>
    public static StoredMail? Find(string marker, TimeSpan? wait = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = wait ?? TimeSpan.FromSeconds(3);
        while (true)
        {
            // The sink renames each file into place whole, so every *.eml seen here is complete.
            foreach (var file in Directory.EnumerateFiles(MailDir, "*.eml"))
            {
                var message = MimeMessage.Load(file);
                if (message.Subject?.Contains(marker, StringComparison.Ordinal) == true)
                {
                    using var envelope = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(file, ".json")));
                    var root = envelope.RootElement;
                    return new StoredMail(
                        message,
                        File.ReadAllBytes(file),
                        root.GetProperty("mail_from").GetString() ?? "",
                        [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString() ?? "")],
                        root.GetProperty("authenticated_user").GetString(),
                        root.GetProperty("port").GetInt32());
                }
            }
            if (clock.Elapsed > limit)
            {
                return null;
            }
            Thread.Sleep(50);
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int? IntVariable(string name) => Variable(name) is { } text && int.TryParse(text, out var value) ? value : null;
}
