using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Protection;

public sealed class SecretsAtRestTests
{
    [Fact]
    public void No_secret_appears_in_plain_text_in_any_file_of_the_home()
    {
        using var temp = new TempHome();
        const string managerPassword = "PasswordManager-Secret-9f3a";
        const string changedPassword = "PasswordManager-Changed-7c1d";
        const string credentialPassword = "Credentials-Secret-5b2e";
        const string pfxPassword = "Pfx-Password-3e8a";
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=secret-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var privateKey = key.ExportPkcs8PrivateKey();
        var rsaParameters = key.ExportParameters(includePrivateParameters: true);

        using (var home = temp.Open())
        {
            var p = home.Passwords.Add(TestSecrets.Secure(managerPassword), "hint one").Record;
            home.Passwords.Update(p.Id, TestSecrets.Secure(changedPassword), null, null);
            home.Credentials.Add("svc", TestSecrets.Secure(credentialPassword), CredentialsType.Linux);
            home.Certificates.Add(cert.Export(X509ContentType.Pkcs12, pfxPassword), TestSecrets.Secure(pfxPassword));
        }

        var files = temp.AllFiles().ToList();
        Assert.Contains(files, f => f.File.EndsWith(ServerHome.DatabaseFile, StringComparison.Ordinal));
        foreach (var (file, bytes) in files)
        {
            Assert.False(TestSecrets.Contains(bytes, managerPassword), $"{file} holds the Password Manager password");
            Assert.False(TestSecrets.Contains(bytes, changedPassword), $"{file} holds the changed password");
            Assert.False(TestSecrets.Contains(bytes, credentialPassword), $"{file} holds the credentials password");
            Assert.False(TestSecrets.Contains(bytes, pfxPassword), $"{file} holds the PFX password");
            Assert.False(TestSecrets.Contains(bytes, privateKey), $"{file} holds the private key (PKCS#8)");
            Assert.False(TestSecrets.Contains(bytes, rsaParameters.D!), $"{file} holds the private exponent");
        }
    }

    [Fact]
    public void A_secret_protected_for_one_purpose_cannot_be_read_as_another()
    {
        using var temp = new TempHome();
        Directory.CreateDirectory(temp.Path);
        var protector = new DataProtectionSecretProtector(Path.Combine(temp.Path, "keys"));
        var data = protector.Protect(SecretPurpose.CredentialsPassword, "x"u8);
        using (var back = protector.Unprotect(SecretPurpose.CredentialsPassword, data))
        {
            Assert.Equal("x"u8.ToArray(), back.Span.ToArray());
        }
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => protector.Unprotect(SecretPurpose.PasswordManagerPassword, data));
        Assert.Equal("SecretUnprotectFailed", ex.ErrorId);
    }

    [Fact]
    public void Another_homes_key_ring_cannot_unprotect_the_secrets()
    {
        using var a = new TempHome();
        using var b = new TempHome();
        Directory.CreateDirectory(a.Path);
        Directory.CreateDirectory(b.Path);
        var data = new DataProtectionSecretProtector(Path.Combine(a.Path, "keys")).Protect(SecretPurpose.CredentialsPassword, "x"u8);
        var other = new DataProtectionSecretProtector(Path.Combine(b.Path, "keys"));
        Assert.Throws<Errors.ConfigBackupException>(() => other.Unprotect(SecretPurpose.CredentialsPassword, data));
    }
}
