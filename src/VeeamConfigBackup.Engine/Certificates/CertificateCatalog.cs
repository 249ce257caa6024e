using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Certificates;

/// <summary>Certificates with private keys; the key is stored only under the server's key ring.</summary>
public sealed class CertificateCatalog
{
    /// <summary>Larger PFX files are refused before parsing: a certificate with its chain is a few KiB.</summary>
    public const int MaxPfxBytes = 1024 * 1024;

    private readonly IConfigurationStore _store;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _clock;

    internal CertificateCatalog(IConfigurationStore store, ISecretProtector protector, TimeProvider clock)
    {
        _store = store;
        _protector = protector;
        _clock = clock;
    }

    public IReadOnlyList<CertificateRecord> List() => _store.ListCertificates().Select(CertificateRecord.FromRow).ToList();

    /// <summary>Adds a certificate from a PKCS#12 (PFX) file's bytes; it must carry its private key.</summary>
    public CertificateRecord Add(byte[] pfx, SecureString? pfxPassword)
    {
        if (pfx.Length == 0 || pfx.Length > MaxPfxBytes)
        {
            throw NotReadable(null);
        }
        using var password = pfxPassword is null ? SecretChars.From(ReadOnlySpan<char>.Empty) : SecretChars.From(pfxPassword);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password.Span,
                X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw NotReadable(ex);
        }
        using (certificate)
        {
            if (!certificate.HasPrivateKey)
            {
                throw new ConfigBackupException("CertificateHasNoPrivateKey", ErrorKind.InvalidArgument,
                    $"The certificate '{certificate.Subject}' has no private key. Export it with its private key (PFX) and add that file.");
            }
            if (List().Any(c => string.Equals(c.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                throw new RecordConflictException(RecordKind.Certificate, certificate.Thumbprint);
            }
            using var exported = new SecretBytes(certificate.Export(X509ContentType.Pkcs12));
            var record = new CertificateRecord
            {
                Id = Guid.NewGuid(),
                Thumbprint = certificate.Thumbprint,
                Subject = certificate.Subject,
                NotBeforeUtc = new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
                NotAfterUtc = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
                CertificateDer = certificate.RawData,
                ProtectedPfx = _protector.Protect(SecretPurpose.CertificatePrivateKey, exported.Span),
                AddedUtc = _clock.StoredUtcNow(),
            };
            _store.InsertCertificate(record.ToRow());
            return record;
        }
    }

    public void Remove(Guid id)
    {
        if (!_store.DeleteCertificate(id))
        {
            throw new RecordNotFoundException(RecordKind.Certificate, id.ToString());
        }
    }

    private static ConfigBackupException NotReadable(Exception? inner) =>
        new("CertificateNotReadable", ErrorKind.InvalidData,
            "The file is not a PKCS#12 (PFX) certificate, or the PFX password is wrong. Check the file and its password.", inner);
}
