using System.Net;
using MimeKit;
using VeeamConfigBackup.Engine.Notifications.Mail;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

public sealed class NotificationMailBuilderTests
{
    [Fact]
    public void The_message_has_a_text_and_an_html_alternative_with_every_fact_of_the_event()
    {
        var notification = MailSamples.Finished("Nightly config");
        var mail = NotificationMailBuilder.Build(notification, MailSamples.Server(25), MailSamples.To("ops@example.test", "Backup Admins <admins@example.test>"));

        Assert.Equal("vbr@example.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal(["ops@example.test", "admins@example.test"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("[Success] Nightly config", mail.Subject);
        Assert.Equal(notification.TimeUtc, mail.Date);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Collection(alternative,
            p => Assert.True(p.ContentType.IsMimeType("text", "plain")),
            p => Assert.True(p.ContentType.IsMimeType("text", "html")));
        foreach (var text in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains("Configuration Backup Job Finished", text);
            Assert.Contains("vbr-test-01", text);
            Assert.Contains("2026-05-04 21:30:15 UTC", text);
            Assert.Contains("40700", text);
            foreach (var (name, value) in notification.Parameters)
            {
                Assert.Contains(name, text);
                Assert.Contains(value, text);
            }
        }
        Assert.Contains(notification.Description, mail.TextBody);
        Assert.Contains(WebUtility.HtmlEncode(notification.Description), mail.HtmlBody);
        Assert.Contains("RestorePoint: BackupConfig_2026-05-04_21-30-15.bco", mail.TextBody);
    }

    [Fact]
    public void Every_value_in_the_html_part_is_encoded_and_shown_as_written_in_the_text_part()
    {
        var notification = MailSamples.Finished("<script>alert(1)</script>", "Warning",
            new("Warnings", "Path C:\\Backups & \"more\" <b>bold</b>"),
            new("<img src=x>", "name too"));
        var mail = NotificationMailBuilder.Build(notification, MailSamples.Server(25), MailSamples.To("ops@example.test"));

        var html = mail.HtmlBody;
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("Path C:\\Backups &amp; &quot;more&quot; &lt;b&gt;bold&lt;/b&gt;", html);
        Assert.Contains("&lt;img src=x&gt;", html);

        Assert.Contains("JobName: <script>alert(1)</script>", mail.TextBody);
        Assert.Contains("Warnings: Path C:\\Backups & \"more\" <b>bold</b>", mail.TextBody);
    }

    [Fact]
    public void The_parts_are_utf8_so_names_outside_ascii_survive()
    {
        var mail = NotificationMailBuilder.Build(MailSamples.Finished("Sauvegarde de la config — été"), MailSamples.Server(25), MailSamples.To("ops@example.test"));

        var reparsed = Reparse(mail);
        Assert.Equal("[Success] Sauvegarde de la config — été", reparsed.Subject);
        Assert.Contains("Sauvegarde de la config — été", reparsed.TextBody);
        Assert.Contains("Sauvegarde de la config — été", WebUtility.HtmlDecode(reparsed.HtmlBody));
        Assert.All(Assert.IsType<MultipartAlternative>(reparsed.Body).OfType<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
    }

    [Theory]
    [InlineData("not an address", "ops@example.test")]
    [InlineData("vbr@example.test", "ops at example")]
    [InlineData("vbr@example.test", "")]
    public void A_wrong_address_is_an_argument_error_naming_it(string sender, string recipient)
    {
        var server = MailSamples.Server(25) with { Sender = sender };
        var ex = Assert.Throws<ArgumentException>(() => NotificationMailBuilder.Build(MailSamples.Finished("x"), server, MailSamples.To(recipient)));
        Assert.Contains(sender == "not an address" ? sender : recipient, ex.Message);
    }

    [Fact]
    public void A_message_without_recipients_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NotificationMailBuilder.Build(MailSamples.Finished("x"), MailSamples.Server(25), MailSamples.To()));
    }

    private static MimeMessage Reparse(MimeMessage mail)
    {
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }
}
