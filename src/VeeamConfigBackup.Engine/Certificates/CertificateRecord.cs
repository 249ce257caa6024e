using VeeamConfigBackup.Engine.Store;

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

    internal static CertificateRecord FromRow(CertificateRow row) => new()
    {
        Id = row.Id,
        Thumbprint = row.Thumbprint,
        Subject = row.Subject,
        NotBeforeUtc = row.NotBeforeUtc,
        NotAfterUtc = row.NotAfterUtc,
        CertificateDer = row.CertificateDer,
        ProtectedPfx = row.ProtectedPfx,
        AddedUtc = row.AddedUtc,
    };

    internal CertificateRow ToRow() => new()
    {
        Id = Id,
        Thumbprint = Thumbprint,
        Subject = Subject,
        NotBeforeUtc = NotBeforeUtc,
        NotAfterUtc = NotAfterUtc,
        CertificateDer = CertificateDer,
        ProtectedPfx = ProtectedPfx,
        AddedUtc = AddedUtc,
    };
}
