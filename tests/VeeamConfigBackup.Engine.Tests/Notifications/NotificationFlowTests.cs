using System.Net;
using System.Net.Sockets;
using System.Text;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Notifications.Syslog;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

/// <summary>The server's own events reaching real receivers: what a SIEM, a mailbox and a trap receiver get from a run.</summary>
public sealed class NotificationFlowTests
{
    private const string Password = "Notify-Passw0rd-Example";

    private static (TempHome Temp, Engine.Server.ServerHome Home, string Name) Open()
    {
        var name = $"ntf-{Guid.NewGuid():N}"[..16];
        var temp = new TempHome();
        var home = temp.Open(name);
        home.ConfigBackupJob.TimeZone = TimeZoneInfo.Utc;
        return (temp, home, name);
    }

    private static void AddTcpSyslog(Engine.Server.ServerHome home) => home.NotificationSettings.AddSyslogServer(new SyslogServerSettings
    {
        ServerHost = TestSyslog.Host,
        Port = TestSyslog.Require(TestSyslog.TcpPort),
        Protocol = SyslogServerProtocol.Tcp,
    });

    /// <summary>Mail to the test sink on loopback (plain SMTP there), to one recipient, with the test's own subject.</summary>
    private static MailNotificationConfiguration SinkMail(int port, string subject) => new()
    {
        Enabled = true,
        SmtpServer = "127.0.0.1",
        Port = port,
        Sender = "vbr@example.test",
        Recipient = ["ops@example.test"],
        Subject = subject,
        TlsMode = Engine.Notifications.Mail.SmtpTlsMode.None,
    };

    private static string Line(string marker) => Encoding.UTF8.GetString(TestSyslog.WaitForLine(marker));

    private static string Quoted(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("]", "\\]");

    [SyslogFact]
    public void A_run_sends_40700_to_syslog_in_the_products_documented_shape_byte_for_byte()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            AddTcpSyslog(home);
            var result = home.ConfigBackupJob.Run();
            Assert.Equal(BackupOutcome.Warning, result.Result); // unencrypted
            Assert.DoesNotContain(result.Warnings, w => w.RuleId == PolicyRules.NotificationFailed);
            var origin = home.Notifications.Origin;
            var line = Line($"{name} Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=40700 ");
            Assert.StartsWith("<12>1 ", line); // user-level facility, severity warning
            var structured = "Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=40700 ConfigurationBackupSpecXML=\"" +
                Quoted($"<ConfigurationBackupJobSpec><RepositoryId>{home.Repositories.Default.Id}</RepositoryId><RepositoryName>Default Backup Repository</RepositoryName>" +
                    "<RetentionPolicy>10</RetentionPolicy><StorageEncryptionEnabled>False</StorageEncryptionEnabled><StorageCryptoKeyId></StorageCryptoKeyId></ConfigurationBackupJobSpec>") +
                $"\" UserFullInfo=\"{Quoted($"<ModifiedUserInfo fullName=\"{origin.UserName}\" loginType=\"0\" />")}\" VbrHostName=\"{origin.HostName}\" " +
                $"VbrVersion=\"{origin.ProductVersion}\" Version=\"1\" Description=\"Configuration backup has been completed. Result: Warning.\"]";
            Assert.EndsWith($" {name} {structured}", line);
        }
    }

    [SyslogFact]
    public void A_receiver_that_is_down_leaves_a_NotificationFailed_warning_and_the_restore_point_and_session_as_they_are()
    {
        var (temp, home, _) = Open();
        using (temp)
        using (home)
        {
            // A port nothing listens on, on this machine: refused at once.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            home.NotificationSettings.AddSyslogServer(new SyslogServerSettings { ServerHost = "127.0.0.1", Port = port, Protocol = SyslogServerProtocol.Tcp });
            var result = home.ConfigBackupJob.Run();
            Assert.NotEqual(BackupOutcome.Failed, result.Result);
            Assert.True(File.Exists(result.Path));
            var warning = Assert.Single(result.Warnings, w => w.RuleId == PolicyRules.NotificationFailed);
            Assert.Contains($"syslog tcp://127.0.0.1:{port}", warning.Message);
            var session = Assert.Single(home.ConfigBackupJob.Sessions());
            Assert.Equal(result.Result, session.Result);
            Assert.Equal(result.Path, session.Path);
        }
    }

    [SyslogFact]
    public void A_restore_is_a_session_of_type_Restore_and_sends_40800_whether_it_succeeds_or_fails()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            var password = home.Passwords.Add(TestSecrets.Secure(Password), "notify key").Record;
            home.ConfigBackupJob.EnableEncryption(password.Id);
            var point = home.ConfigBackupJob.Run().Path!;
            AddTcpSyslog(home);

            Assert.Throws<Engine.Archive.WrongPasswordException>(() =>
                ConfigRestore.Run(home, new RestoreRequest { Path = point, Password = TestSecrets.Secure("not the password") }));
            var failed = Assert.Single(home.ConfigBackupJob.Sessions(), s => s.Type == SessionType.Restore);
            Assert.Equal(BackupOutcome.Failed, failed.Result);
            Assert.Equal("WrongPassword", failed.ErrorId);
            Assert.Equal("Restore", failed.RestoreMode);
            Assert.Equal(point, failed.Path);
            Assert.StartsWith("<11>1 ", Line($"{name} Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=40800"));

            // 40800 goes out after the commit, to the receivers the restored configuration names: this point has the syslog server.
            temp.Clock.Advance(TimeSpan.FromMinutes(1));
            var second = home.ConfigBackupJob.Run();
            Assert.True(second.Path is not null, second.Error);
            var withSyslog = second.Path!;
            ConfigRestore.Run(home, new RestoreRequest { Path = withSyslog, Password = TestSecrets.Secure(Password) });
            var sessions = home.ConfigBackupJob.Sessions().Where(s => s.Type == SessionType.Restore).ToList();
            Assert.Equal(2, sessions.Count);
            var restored = Assert.Single(sessions, s => s.Result == BackupOutcome.Success && s.ErrorId is null);
            Assert.True(restored.Encrypted && restored.SecretsIncluded);
            Assert.Equal(new FileInfo(withSyslog).Length, restored.SizeBytes);
            Assert.Contains("Description=\"Configuration restore has been performed\"]", Line($"{name} Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=40800 "));
        }
    }

    [SyslogFact]
    public void Password_Manager_credentials_and_job_changes_send_their_events_without_any_secret()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            AddTcpSyslog(home);
            var hint = $"hint-{name}";
            var added = home.Passwords.Add(TestSecrets.Secure(Password), hint).Record;
            Assert.Contains($"instanceId=31600 Hint=\"{hint}\"", Line($"instanceId=31600 Hint=\"{hint}\""));
            home.Passwords.Update(added.Id, TestSecrets.Secure(Password + "-2"), null, null);
            Line($"instanceId=31700 Hint=\"{hint}\"");
            home.Passwords.Remove(added.Id);
            Line($"instanceId=31800 Hint=\"{hint}\"");

            var user = $"svc-{name}";
            var credentials = home.Credentials.Add(user, TestSecrets.Secure("Cred-Secret-1"), CredentialsType.Linux);
            home.Credentials.Update(credentials.Id, null, TestSecrets.Secure("Cred-Secret-2"), null, null);
            var updated = Line($"instanceId=25400 CredentialsId=\"{credentials.Id}\"");
            Assert.Contains($"AccountName=\"{user}\"", updated);
            Assert.Contains("<old>***</old><new>****</new>", updated);
            home.Credentials.Remove(credentials.Id);
            Line($"instanceId=25500 CredentialsId=\"{credentials.Id}\"");

            home.ConfigBackupJob.Update(restorePointsToKeep: 15);
            Assert.Contains("<old>10</old><new>15</new>", Line($"{name} Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=31500"));

            var all = File.ReadAllText(TestSyslog.Output!);
            foreach (var secret in new[] { Password, "Cred-Secret-1", "Cred-Secret-2" })
            {
                Assert.DoesNotContain(secret, all);
            }
        }
    }

    [SmtpFact]
    public void A_run_mails_the_global_recipients_and_the_jobs_additional_address_with_the_facts_of_the_run()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            home.NotificationSettings.SetMail(SinkMail(TestSmtp.PlainPort, $"[%JobResult%] %JobName% {name}"));
            home.ConfigBackupJob.Update(notificationOptions: new JobNotificationOptions { EnableAdditionalNotification = true, AdditionalAddress = ["extra@example.test"] });
            var result = home.ConfigBackupJob.Run();
            Assert.DoesNotContain(result.Warnings, w => w.RuleId == PolicyRules.NotificationFailed);
            var mail = TestSmtp.Find(name, TimeSpan.FromSeconds(10));
            Assert.NotNull(mail);
            Assert.Equal($"[Warning] Backup Configuration Job {name}", mail!.Message.Subject);
            Assert.Equal(["extra@example.test", "ops@example.test"], mail.RcptTo.Order(StringComparer.Ordinal));
            var text = mail.Message.TextBody;
            Assert.Contains("Configuration backup has been completed. Result: Warning.", text);
            Assert.Contains(Path.GetFileName(result.Path!), text);
            Assert.Contains("EncryptionOff", text);
            Assert.NotNull(mail.Message.HtmlBody);
        }
    }

    [SyslogFact]
    public void A_run_the_rules_block_is_reported_as_a_failed_run_not_kept_silent()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            AddTcpSyslog(home);
            // A Password Manager password with encryption off: the job does not start.
            home.Passwords.Add(TestSecrets.Secure(Password), "blocking key");
            var result = home.ConfigBackupJob.Run();
            Assert.Equal("BackupBlockedByPolicy", result.ErrorId);
            var line = Line($"{name} Veeam_MP - - [origin enterpriseId=\"31023\"] [categoryId=0 instanceId=40700 ");
            Assert.StartsWith("<11>1 ", line);
            Assert.EndsWith("Description=\"Configuration backup has been completed. Result: Failed.\"]", line);
        }
    }

    [SmtpFact]
    public void The_mail_login_comes_from_the_Credentials_Manager_and_a_refused_one_is_a_warning_without_the_password()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            var login = home.Credentials.Add(TestSmtp.User, TestSecrets.Secure(TestSmtp.Password), CredentialsType.Linux);
            home.NotificationSettings.SetMail(SinkMail(TestSmtp.AuthPort, $"%JobName% {name}") with { CredentialsId = login.Id });
            Assert.DoesNotContain(home.ConfigBackupJob.Run().Warnings, w => w.RuleId == PolicyRules.NotificationFailed);
            Assert.Equal(TestSmtp.User, TestSmtp.Find(name, TimeSpan.FromSeconds(10))!.AuthenticatedUser);

            const string Wrong = "Not-The-Smtp-Passw0rd";
            home.Credentials.Update(login.Id, null, TestSecrets.Secure(Wrong), null, null);
            temp.Clock.Advance(TimeSpan.FromMinutes(1));
            var refused = home.ConfigBackupJob.Run();
            Assert.NotEqual(BackupOutcome.Failed, refused.Result);
            var warning = Assert.Single(refused.Warnings, w => w.RuleId == PolicyRules.NotificationFailed);
            Assert.Contains($"smtp://127.0.0.1:{TestSmtp.AuthPort}", warning.Message);
            Assert.DoesNotContain(Wrong, warning.Message);
            Assert.DoesNotContain(TestSmtp.Password, warning.Message);
        }
    }

    [SmtpFact]
    public void A_result_the_settings_do_not_notify_on_sends_no_mail()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            home.NotificationSettings.SetMail(SinkMail(TestSmtp.PlainPort, $"%JobName% {name}") with { NotifyOnWarning = false });
            Assert.Equal(BackupOutcome.Warning, home.ConfigBackupJob.Run().Result);
            Assert.Null(TestSmtp.Find(name, TimeSpan.FromSeconds(2)));
        }
    }

    [SnmpFact]
    public void A_run_sends_a_trap_with_the_events_id_and_the_facts()
    {
        var (temp, home, name) = Open();
        using (temp)
        using (home)
        {
            home.NotificationSettings.SetSnmp([new SnmpReceiver { ReceiverIP = "127.0.0.1", ReceiverPort = TestSnmp.Port!.Value, CommunityString = TestSnmp.Community! }]);
            Assert.Null(home.NotificationSettings.GetSnmp().Receiver[0].CommunityString);
            var result = home.ConfigBackupJob.Run();
            Assert.DoesNotContain(result.Warnings, w => w.RuleId == PolicyRules.NotificationFailed);
            var trap = TestSnmp.WaitFor(name);
            Assert.NotNull(trap);
            Assert.Equal(TestSnmp.Community, trap!.Community);
            Assert.Contains(trap.Variables, v => v.Value == "1.3.6.1.4.1.31023.1.1.2.0.40700" || v.Value == ".1.3.6.1.4.1.31023.1.1.2.0.40700");
            Assert.Contains(trap.Variables, v => v.Value.Contains(Path.GetFileName(result.Path!), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_receivers_travel_in_an_encrypted_backup_and_an_unencrypted_one_leaves_the_community_out()
    {
        var (temp, home, _) = Open();
        using (temp)
        using (home)
        {
            var login = home.Credentials.Add("smtp-user", TestSecrets.Secure("Smtp-Secret-1"), CredentialsType.Linux);
            home.NotificationSettings.SetMail(new MailNotificationConfiguration
            {
                Enabled = true, SmtpServer = "mail.example.test", Sender = "vbr@example.test", Recipient = ["ops@example.test"], CredentialsId = login.Id,
            });
            home.NotificationSettings.AddSyslogServer(new SyslogServerSettings { ServerHost = "siem.example.test", Port = 514, Protocol = SyslogServerProtocol.Udp });
            home.NotificationSettings.SetSnmp([new SnmpReceiver { ReceiverIP = "192.0.2.10", CommunityString = "Community-Secret" }]);
            var key = home.Passwords.Add(TestSecrets.Secure(Password), "receivers key").Record;
            home.ConfigBackupJob.EnableEncryption(key.Id);
            var point = home.ConfigBackupJob.Run().Path!;

            using var otherTemp = new TempHome();
            using var other = otherTemp.Open("ntf-target");
            ConfigRestore.Run(other, new RestoreRequest { Path = point, Password = TestSecrets.Secure(Password), Mode = RestoreMode.Migrate });
            Assert.Equal("mail.example.test", other.NotificationSettings.GetMail().SmtpServer);
            Assert.Equal(login.Id, other.NotificationSettings.GetMail().CredentialsId);
            Assert.Equal("siem.example.test", Assert.Single(other.NotificationSettings.ListSyslogServers()).ServerHost);
            var receiver = Assert.Single(other.NotificationSettings.GetSnmp().Receiver);
            Assert.Equal("Community-Secret", other.NotificationSettings.SenderSettings(receiver).Community);

            // The mail login cannot go while the mail settings use it.
            var inUse = Assert.Throws<ConfigBackupException>(() => home.Credentials.Remove(login.Id));
            Assert.Equal("CredentialsInUse", inUse.ErrorId);
        }
    }

    [Fact]
    public void A_UDP_syslog_server_that_is_not_there_is_reported_from_its_refusal()
    {
        // A port nothing listens on: this machine answers a datagram to it with ICMP port unreachable.
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }
        var sender = new SyslogSender(new SyslogServerSettings { ServerHost = "127.0.0.1", Port = port, Protocol = SyslogServerProtocol.Udp });
        var ex = Assert.Throws<NotificationDeliveryException>(() => sender.Send(ProductEvents.Test(new EventOrigin("udp-test", "host", "1.0", "user"), DateTimeOffset.UtcNow)));
        Assert.Equal($"syslog udp://127.0.0.1:{port}", ex.Receiver);
    }

    [Fact]
    public void Settings_that_cannot_work_are_refused_with_their_ids_and_nothing_is_stored()
    {
        var (temp, home, _) = Open();
        using (temp)
        using (home)
        {
            var settings = home.NotificationSettings;
            Assert.Equal("InvalidServerHost", Assert.Throws<ConfigBackupException>(() => settings.AddSyslogServer(new SyslogServerSettings { ServerHost = "bad host!", Port = 514, Protocol = SyslogServerProtocol.Udp })).ErrorId);
            Assert.Equal("InvalidPort", Assert.Throws<ConfigBackupException>(() => settings.AddSyslogServer(new SyslogServerSettings { ServerHost = "siem", Port = 70000, Protocol = SyslogServerProtocol.Udp })).ErrorId);
            Assert.Equal("CertificateThumbprintNeedsTls", Assert.Throws<ConfigBackupException>(() => settings.AddSyslogServer(new SyslogServerSettings { ServerHost = "siem", Port = 514, Protocol = SyslogServerProtocol.Udp, CertificateThumbprint = new string('A', 40) })).ErrorId);
            Assert.Equal("InvalidCertificateThumbprint", Assert.Throws<ConfigBackupException>(() => settings.AddSyslogServer(new SyslogServerSettings { ServerHost = "siem", Port = 6514, Protocol = SyslogServerProtocol.Tls, CertificateThumbprint = "12:34" })).ErrorId);
            Assert.Equal("MailSettingsIncomplete", Assert.Throws<ConfigBackupException>(() => settings.SetMail(new MailNotificationConfiguration { Enabled = true, SmtpServer = "mail" })).ErrorId);
            Assert.Equal("InvalidMailAddress", Assert.Throws<ConfigBackupException>(() => settings.SetMail(new MailNotificationConfiguration { Recipient = ["not an address"] })).ErrorId);
            Assert.Equal("InvalidMailAddress", Assert.Throws<ConfigBackupException>(() => settings.SetMail(new MailNotificationConfiguration { Recipient = ["oncall"] })).ErrorId);
            var stored = settings.SetSnmp([new SnmpReceiver { ReceiverIP = "192.0.2.20", CommunityString = "c" }]).Receiver[0];
            Assert.Equal("DuplicateSnmpReceiver", Assert.Throws<ConfigBackupException>(() => settings.SetSnmp([stored, stored with { ReceiverPort = 1162 }])).ErrorId);
            var fresh = new SnmpReceiver { ReceiverIP = "192.0.2.30", CommunityString = "c" };
            Assert.Equal("DuplicateSnmpReceiver", Assert.Throws<ConfigBackupException>(() => settings.SetSnmp([fresh, fresh with { }])).ErrorId);
            settings.SetSnmp([]);
            Assert.Equal("TooManySnmpReceivers", Assert.Throws<ConfigBackupException>(() => settings.SetSnmp(Enumerable.Range(1, 6).Select(i => new SnmpReceiver { ReceiverIP = $"192.0.2.{i}", CommunityString = "c" }).ToList())).ErrorId);
            Assert.Equal("SnmpCommunityRequired", Assert.Throws<ConfigBackupException>(() => settings.SetSnmp([new SnmpReceiver { ReceiverIP = "192.0.2.1" }])).ErrorId);
            settings.AddSyslogServer(new SyslogServerSettings { ServerHost = "siem", Port = 514, Protocol = SyslogServerProtocol.Udp });
            Assert.Equal("SyslogServerAlreadyExists", Assert.Throws<RecordConflictException>(() => settings.AddSyslogServer(new SyslogServerSettings { ServerHost = "SIEM", Port = 514, Protocol = SyslogServerProtocol.Udp })).ErrorId);
            Assert.Single(settings.ListSyslogServers());
            Assert.False(settings.GetMail().Enabled);
            Assert.Empty(settings.GetSnmp().Receiver);
        }
    }
}
