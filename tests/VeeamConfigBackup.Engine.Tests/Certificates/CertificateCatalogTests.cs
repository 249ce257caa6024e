using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Certificates;

public sealed class CertificateCatalogTests
{
    private static X509Certificate2 NewCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    [Fact]
    public void A_pfx_with_private_key_is_added_and_listed()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        using var cert = NewCertificate("CN=backup.example.test");
        var record = home.Certificates.Add(cert.Export(X509ContentType.Pkcs12, "pfx-pass"), TestSecrets.Secure("pfx-pass"));
        Assert.Equal(cert.Thumbprint, record.Thumbprint);
        Assert.Equal("CN=backup.example.test", record.Subject);
        Assert.True(record.HasPrivateKey);
        Assert.Single(home.Certificates.List());
        Assert.Equal("CertificateAlreadyExists", Assert.Throws<RecordConflictException>(
            () => home.Certificates.Add(cert.Export(X509ContentType.Pkcs12), null)).ErrorId);
    }

    [Fact]
    public void Wrong_pfx_password_garbage_and_certificates_without_keys_are_refused()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        using var cert = NewCertificate("CN=x");
        Assert.Equal("CertificateNotReadable", Assert.Throws<ConfigBackupException>(
            () => home.Certificates.Add(cert.Export(X509ContentType.Pkcs12, "right"), TestSecrets.Secure("wrong"))).ErrorId);
        Assert.Equal("CertificateNotReadable", Assert.Throws<ConfigBackupException>(
            () => home.Certificates.Add("not a pfx at all"u8.ToArray(), null)).ErrorId);
        using var publicOnly = X509CertificateLoader.LoadCertificate(cert.RawData);
        Assert.Equal("CertificateHasNoPrivateKey", Assert.Throws<ConfigBackupException>(
            () => home.Certificates.Add(publicOnly.Export(X509ContentType.Pkcs12), null)).ErrorId);
        Assert.Empty(home.Certificates.List());
    }
}
