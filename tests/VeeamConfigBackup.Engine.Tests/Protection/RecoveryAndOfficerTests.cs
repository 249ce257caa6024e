using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Protection;

public sealed class RecoveryAndOfficerTests
{
    private const string Password = "Job-Passw0rd-2026";
    private const string RecoveryPassword = "Recovery-Key-Passw0rd-1";
    private const string Passphrase = "Ab1-Cd2-Ef3-Gh4-Ij5";

    private static GeneratedSecrets Prepare(ServerHome home)
    {
        var secrets = ConfigurationGenerator.Fill(home, new GeneratorOptions { Sessions = 5, Credentials = 2, Passwords = 0 });
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "job password").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        return secrets;
    }

    private static string Backup(ServerHome home)
    {
        var result = home.ConfigBackupJob.Run();
        Assert.NotEqual(BackupOutcome.Failed, result.Result);
        return result.Path!;
    }

    [Fact]
    public void A_recovery_key_alone_restores_points_made_while_protection_was_on_and_only_those()
    {
        using var source = new TempHome();
        using var target = new TempHome();
        using var home = source.Open("src");
        var secrets = Prepare(home);
        var before = Backup(home);
        source.Clock.Advance(TimeSpan.FromMinutes(1));
        Directory.CreateDirectory(target.Path);
        var keyFile = Path.Combine(target.Path, "recovery.pem");
        var status = home.PasswordLossProtection.Enable(keyFile, TestSecrets.Secure(RecoveryPassword));
        Assert.True(status.Enabled);
        Assert.Matches("^[0-9a-f]{32}$", status.KeyId);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(keyFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.True(home.ConfigBackupJob.EncryptionStatus().PasswordLossProtection);
        Assert.DoesNotContain(home.ConfigBackupJob.EncryptionStatus().Warnings, w => w.RuleId == PolicyRules.NoPasswordLossProtection);
        var after = Backup(home);
        Assert.Equal(status.KeyId, RestorePointCatalog.Describe(after).RecoveryKeyId);

        using var newHome = target.Open("dst");
        var byKey = new RestoreRequest { Path = after, Mode = RestoreMode.Migrate, RecoveryKeyPath = keyFile, RecoveryKeyPassword = TestSecrets.Secure(RecoveryPassword) };
        ConfigRestore.Run(newHome, byKey);
        foreach (var (id, plain) in secrets.Credentials)
        {
            Assert.Equal(plain, TestSecrets.Plain(newHome.Credentials.RevealPassword(newHome.Credentials.Get(id))));
        }
        var old = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(newHome, byKey with { Path = before }));
        Assert.Equal("RecoveryKeyNotApplicable", old.ErrorId);
        var wrong = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(newHome, byKey with { RecoveryKeyPassword = TestSecrets.Secure("not it") }));
        Assert.Equal("RecoveryKeyNotReadable", wrong.ErrorId);
        Assert.Equal("PasswordLossProtectionAlreadyEnabled", Assert.Throws<ConfigBackupException>(
            () => home.PasswordLossProtection.Enable(keyFile + ".2", TestSecrets.Secure(RecoveryPassword))).ErrorId);

        home.PasswordLossProtection.Disable();
        Assert.Equal("RecoveryKeyFileExists", Assert.Throws<ConfigBackupException>(
            () => home.PasswordLossProtection.Enable(keyFile, TestSecrets.Secure(RecoveryPassword))).ErrorId);
        source.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(RestorePointCatalog.Describe(Backup(home)).RecoveryKeyId);
    }

    [Theory]
    [InlineData("Sh0rt-Pass!")]
    [InlineData("nouppercase-pass-2026!")]
    [InlineData("NoDigitsInThis-Pass!")]
    [InlineData("NoSpecial1Character2Here")]
    [InlineData("Four-AAAA-Upper-1234!")]
    public void Weak_passphrases_are_refused(string passphrase)
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var ex = Assert.Throws<ConfigBackupException>(() => home.SecurityOfficer.Enable(TestSecrets.Secure(passphrase), "hint"));
        Assert.Equal("SecurityOfficerPassphraseTooWeak", ex.ErrorId);
        Assert.DoesNotContain(passphrase, ex.Message);
        Assert.False(home.SecurityOfficer.Status().Enabled);
    }

    [Fact]
    public void With_a_Security_Officer_a_restore_needs_the_passphrase_as_well_and_a_wrong_one_is_its_own_error()
    {
        using var source = new TempHome();
        using var target = new TempHome();
        using var home = source.Open("src");
        var secrets = Prepare(home);
        Assert.Equal("HintContainsPassphrase", Assert.Throws<ConfigBackupException>(
            () => home.SecurityOfficer.Enable(TestSecrets.Secure(Passphrase), $"it is {Passphrase}")).ErrorId);
        home.SecurityOfficer.Enable(TestSecrets.Secure(Passphrase), "officer hint");
        Assert.True(home.ConfigBackupJob.EncryptionStatus().SecurityOfficer);
        Directory.CreateDirectory(target.Path);
        var keyFile = Path.Combine(target.Path, "recovery.pem");
        home.PasswordLossProtection.Enable(keyFile, TestSecrets.Secure(RecoveryPassword));
        var point = Backup(home);
        Assert.True(RestorePointCatalog.Describe(point).SecurityOfficerProtected);

        using var newHome = target.Open("dst");
        var request = new RestoreRequest { Path = point, Mode = RestoreMode.Migrate, Password = TestSecrets.Secure(Password) };
        Assert.Equal("SecurityOfficerPassphraseRequired", Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(newHome, request)).ErrorId);
        var wrong = Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(newHome, request with { SecurityOfficerPassphrase = TestSecrets.Secure("Zy9-Xw8-Vu7-Ts6-Rq5") }));
        Assert.Equal("WrongSecurityOfficerPassphrase", wrong.ErrorId);
        Assert.Contains("officer hint", wrong.Message);
        var wrongPassword = Assert.Throws<WrongPasswordException>(() => ConfigRestore.Run(newHome,
            request with { Password = TestSecrets.Secure("Not-The-Passw0rd"), SecurityOfficerPassphrase = TestSecrets.Secure(Passphrase) }));
        Assert.Equal("WrongPassword", wrongPassword.ErrorId);
        Assert.Empty(newHome.Credentials.List());

        ConfigRestore.Run(newHome, request with { SecurityOfficerPassphrase = TestSecrets.Secure(Passphrase) });
        Assert.Equal(secrets.Credentials.Values.Order(), newHome.Credentials.List().Select(c => TestSecrets.Plain(newHome.Credentials.RevealPassword(c))).Order());

        // The recovery key alone is not enough either; with the passphrase it is.
        var byKey = new RestoreRequest { Path = point, Mode = RestoreMode.Migrate, RecoveryKeyPath = keyFile, RecoveryKeyPassword = TestSecrets.Secure(RecoveryPassword) };
        Assert.Equal("SecurityOfficerPassphraseRequired", Assert.Throws<ConfigBackupException>(() => ConfigRestore.Run(newHome, byKey)).ErrorId);
        ConfigRestore.Run(newHome, byKey with { SecurityOfficerPassphrase = TestSecrets.Secure(Passphrase) });
    }

    [Fact]
    public void A_Security_Officer_blocks_unencrypted_backups_and_a_passphrase_change_needs_the_current_one()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.SecurityOfficer.Enable(TestSecrets.Secure(Passphrase), "officer hint");
        var run = home.ConfigBackupJob.Run();
        Assert.Equal(BackupOutcome.Failed, run.Result);
        Assert.Contains(run.Warnings, w => w.RuleId == PolicyRules.SecurityOfficerEncryptionOff && w.Severity == PolicySeverity.Blocking);
        Assert.Equal("WrongSecurityOfficerPassphrase", Assert.Throws<ConfigBackupException>(
            () => home.SecurityOfficer.ChangePassphrase(TestSecrets.Secure("Zy9-Xw8-Vu7-Ts6-Rq5"), TestSecrets.Secure("Kl6-Mn7-Op8-Qr9-St0"))).ErrorId);
        var changed = home.SecurityOfficer.ChangePassphrase(TestSecrets.Secure(Passphrase), TestSecrets.Secure("Kl6-Mn7-Op8-Qr9-St0"));
        Assert.True(changed.ModifiedUtc >= changed.CreatedUtc);
    }

    [Fact]
    public void Restoring_a_point_made_before_the_Security_Officer_does_not_remove_it()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        Prepare(home);
        var before = Backup(home);
        home.SecurityOfficer.Enable(TestSecrets.Secure(Passphrase), "officer hint");
        var result = ConfigRestore.Run(home, new RestoreRequest { Path = before, Password = TestSecrets.Secure(Password) });
        Assert.Contains(result.Warnings, w => w.Contains("Security Officer stays as it is"));
        Assert.True(home.SecurityOfficer.Status().Enabled);
    }

    [Fact]
    public void Guessing_the_current_passphrase_is_throttled_like_passwords()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.SecurityOfficer.Enable(TestSecrets.Secure(Passphrase), "officer hint");
        for (var i = 0; i < 15; i++)
        {
            Assert.Throws<ConfigBackupException>(() => home.SecurityOfficer.ChangePassphrase(TestSecrets.Secure("Zy9-Xw8-Vu7-Ts6-Rq5"), TestSecrets.Secure("Kl6-Mn7-Op8-Qr9-St0")));
        }
        Assert.Throws<VerificationBlockedException>(() => home.SecurityOfficer.ChangePassphrase(TestSecrets.Secure(Passphrase), TestSecrets.Secure("Kl6-Mn7-Op8-Qr9-St0")));
    }
}
