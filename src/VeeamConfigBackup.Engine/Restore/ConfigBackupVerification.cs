namespace VeeamConfigBackup.Engine.Restore;

/// <summary>The outcome of reading a whole restore point without restoring it.</summary>
public sealed class ConfigBackupVerification
{
    public required string Path { get; init; }

    public required bool Valid { get; init; }

    public bool Encrypted { get; init; }

    /// <summary>
    /// True when every chunk was authenticated and every row decoded. An encrypted point checked without
    /// its password is only checked for structure (header checksum, chunk framing, no truncation).
    /// </summary>
    public bool ContentVerified { get; init; }

    public int? FormatVersion { get; init; }

    public int? SchemaVersion { get; init; }

    public string? ServerName { get; init; }

    public IReadOnlyDictionary<string, long> RecordCounts { get; init; } = new Dictionary<string, long>();

    public string? Error { get; init; }

    public string? ErrorId { get; init; }
}
