using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VeeamConfigBackup.Engine.Notifications.Syslog;

/// <summary>
/// A certificate thumbprint that a TLS server must present exactly. SHA-1 is what the product's
/// <c>-CertificateThumbprint</c> takes (Windows shows it that way); SHA-256 is accepted too, for those who have it from
/// <c>openssl x509 -fingerprint -sha256</c>. The length tells which.
/// </summary>
internal sealed class CertificatePin
{
    private readonly byte[] _hash;

    private CertificatePin(HashAlgorithmName algorithm, byte[] hash)
    {
        Algorithm = algorithm;
        _hash = hash;
    }

    public HashAlgorithmName Algorithm { get; }

    /// <summary>The pin as uppercase hex, the way Windows and the product show a thumbprint.</summary>
    public string Hex => Convert.ToHexString(_hash);

    public string AlgorithmLabel => Algorithm == HashAlgorithmName.SHA1 ? "SHA-1" : "SHA-256";

    /// <summary>
    /// Reads a thumbprint as people copy it: any case, with or without colons or spaces between the bytes, and without the
    /// invisible left-to-right mark that the Windows certificate dialog puts in front of it.
    /// </summary>
    public static CertificatePin Parse(string thumbprint)
    {
        var digits = new string(thumbprint.Where(c => !(char.IsWhiteSpace(c) || c == ':' || char.GetUnicodeCategory(c) == UnicodeCategory.Format)).ToArray());
        var algorithm = digits.Length switch
        {
            40 => HashAlgorithmName.SHA1,
            64 => HashAlgorithmName.SHA256,
            _ => throw new ArgumentException("A certificate thumbprint is 40 hex digits (SHA-1) or 64 (SHA-256).", nameof(thumbprint)),
        };
        if (!digits.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("A certificate thumbprint has hex digits only (0-9, A-F), optionally separated by colons or spaces.", nameof(thumbprint));
        }
        return new CertificatePin(algorithm, Convert.FromHexString(digits));
    }

    /// <summary>The certificate's thumbprint by the pin's algorithm, for saying which certificate the server presented.</summary>
    public string ThumbprintOf(X509Certificate certificate) => certificate.GetCertHashString(Algorithm);

    public bool Matches(X509Certificate certificate) => certificate.GetCertHash(Algorithm).AsSpan().SequenceEqual(_hash);
}
