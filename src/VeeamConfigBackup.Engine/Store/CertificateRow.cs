namespace VeeamConfigBackup.Engine.Store;

/// <summary>A certificate as the store keeps it: the public part as DER, the private key as a PKCS#12 blob protected by the key ring.</summary>
internal sealed record CertificateRow
{
    public required Guid Id { get; init; }

    public required string Thumbprint { get; init; }

    public required string Subject { get; init; }

    public required DateTimeOffset NotBeforeUtc { get; init; }

    public required DateTimeOffset NotAfterUtc { get; init; }

    public required byte[] CertificateDer { get; init; }

    public required byte[] ProtectedPfx { get; init; }

    public required DateTimeOffset AddedUtc { get; init; }
}
