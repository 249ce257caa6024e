using System.Net;
using System.Text;
using MimeKit;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Mail;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The e-mail sender against a real SMTP server (the sink of tests/Receivers/smtp.sh), as an administrator would see it.</summary>
public sealed class SmtpSinkDeliveryTests
{
    [SmtpFact]
    public void A_notification_arrives_with_its_sender_recipients_subject_and_both_bodies()
    {
        var job = MailSamples.UniqueJob("Nightly");
        var message = MailSamples.To("ops@example.test", "Backup Admins <admins@example.test>") with
        {
            Subject = "[%JobResult%] %JobName% (%ObjectCount% objects) %Issues%",
        };
        var notification = MailSamples.Finished(job, "Warning", new("ObjectCount", "1"), new("Issues", "1 warning"));
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.PlainPort), message);

        sender.Send(notification);

        var stored = TestSmtp.Find(job) ?? throw new Xunit.Sdk.XunitException("The sink has no message for " + job);
        var mail = stored.Message;
        Assert.Equal("vbr@example.test", stored.MailFrom);
        Assert.Equal(["ops@example.test", "admins@example.test"], stored.RcptTo);
        Assert.Null(stored.AuthenticatedUser);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal(("VBR Notifications", "vbr@example.test"), (from.Name, from.Address));
        Assert.Equal(["ops@example.test", "admins@example.test"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal($"[Warning] {job} (1 objects) 1 warning", mail.Subject);
        Assert.Equal(notification.TimeUtc, mail.Date);
        Assert.EndsWith("@example.test", mail.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Contains($"JobName: {job}", mail.TextBody);
        Assert.Contains("RestorePoint: BackupConfig_2026-05-04_21-30-15.bco", mail.TextBody);
        Assert.Contains(job, mail.HtmlBody);
        Assert.Contains("<table", mail.HtmlBody);
    }

    [SmtpFact]
    public void The_right_credentials_deliver_through_a_server_that_requires_them()
    {
        var job = MailSamples.UniqueJob("Authenticated");
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.AuthPort), MailSamples.To("ops@example.test"),
            new NetworkCredential(TestSmtp.User, TestSmtp.Password));

        sender.Send(MailSamples.Finished(job));

        var stored = TestSmtp.Find(job) ?? throw new Xunit.Sdk.XunitException("The sink has no message for " + job);
        Assert.Equal(TestSmtp.User, stored.AuthenticatedUser);
        Assert.Equal(TestSmtp.AuthPort, stored.Port);
        Assert.DoesNotContain(TestSmtp.Password, Encoding.UTF8.GetString(stored.Raw));
    }

    [SmtpFact]
    public void A_password_given_as_a_secure_string_works_the_same()
    {
        var job = MailSamples.UniqueJob("Secure");
        using var password = new System.Security.SecureString();
        foreach (var c in TestSmtp.Password)
        {
            password.AppendChar(c);
        }
        password.MakeReadOnly();
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.AuthPort), MailSamples.To("ops@example.test"),
            new NetworkCredential(TestSmtp.User, password));

        sender.Send(MailSamples.Finished(job));

        Assert.Equal(TestSmtp.User, TestSmtp.Find(job)?.AuthenticatedUser);
    }

    [SmtpFact]
    public void Wrong_credentials_fail_with_NotificationFailed_and_the_password_shows_nowhere()
    {
        var job = MailSamples.UniqueJob("WrongPassword");
        const string wrong = "wrong-password-31337";
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.AuthPort), MailSamples.To("ops@example.test"),
            new NetworkCredential(TestSmtp.User, wrong));

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished(job)));

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Contains("refused the user name or password", ex.Reason);
        Assert.Contains(TestSmtp.User, ex.Reason);
        foreach (var text in new[] { ex.Message, ex.Reason, ex.ToString(), ex.RecommendedAction ?? "" })
        {
            Assert.DoesNotContain(wrong, text);
            Assert.DoesNotContain(TestSmtp.Password, text);
        }
        Assert.Null(TestSmtp.Find(job, TimeSpan.Zero));
    }

    [SmtpFact]
    public void No_credentials_for_a_server_that_requires_them_fail_with_its_answer()
    {
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.AuthPort), MailSamples.To("ops@example.test"));

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished(MailSamples.UniqueJob("NoCredentials"))));

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.StartsWith("the server requires authentication and no credentials were given", ex.Reason);
        Assert.Contains("Authentication required", ex.Reason);
    }

    [SmtpFact]
    public void A_refused_recipient_fails_the_delivery_and_says_which()
    {
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.PlainPort), MailSamples.To("ops@example.test", "gone@refused.invalid"));

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished(MailSamples.UniqueJob("Refused"))));

        Assert.StartsWith("the server refused the recipient gone@refused.invalid: 550", ex.Reason);
    }

    [SmtpFact]
    public void StartTls_is_required_not_optional_so_a_server_without_it_gets_nothing()
    {
        var job = MailSamples.UniqueJob("NoStartTls");
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.AuthPort, SmtpTlsMode.StartTls), MailSamples.To("ops@example.test"),
            new NetworkCredential(TestSmtp.User, TestSmtp.Password));

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished(job)));

        Assert.Contains("does not offer STARTTLS", ex.Reason);
        Assert.DoesNotContain(TestSmtp.Password, ex.ToString());
        Assert.Null(TestSmtp.Find(job, TimeSpan.Zero));
    }

    [SmtpFact]
    public void Ssl_against_a_plain_smtp_port_fails_in_the_handshake()
    {
        var sender = new SmtpNotificationSender(MailSamples.Server(TestSmtp.PlainPort, SmtpTlsMode.Ssl), MailSamples.To("ops@example.test"), timeout: TimeSpan.FromSeconds(3));

        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(MailSamples.Finished(MailSamples.UniqueJob("SslOnPlain"))));

        Assert.Equal("NotificationFailed", ex.ErrorId);
        Assert.Equal($"smtps://127.0.0.1:{TestSmtp.PlainPort}", ex.Receiver);
        Assert.StartsWith("the TLS handshake failed (", ex.Reason);
    }
}
