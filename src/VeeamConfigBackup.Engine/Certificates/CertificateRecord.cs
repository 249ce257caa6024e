namespace VeeamConfigBackup.Engine.Certificates;

/// <summary>A certificate with its private key; the key is kept protected by the server's key ring.</summary>
public sealed class CertificateRecord
{
    public required Guid Id { get; init; }

    public required string Thumbprint { get; init; }

    public required string Subject { get; init; }

    public required DateTimeOffset NotBeforeUtc { get; init; }

    public required DateTimeOffset NotAfterUtc { get; init; }

    public bool HasPrivateKey => ProtectedPfx.Length > 0;

    public required DateTimeOffset AddedUtc { get; init; }

    /// <summary>The public certificate (DER); not a secret.</summary>
    internal byte[] CertificateDer { get; init; } = [];

    /// <summary>The certificate and private key as a PKCS#12 blob, protected by the key ring.</summary>
    internal byte[] ProtectedPfx { get; init; } = [];
}
