namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// A restore point as its header describes it, read without a password. The metadata is unauthenticated
/// until a restore opens the file with its password; a file that could not be read has <see cref="Error"/> set.
/// </summary>
public sealed class RestorePointInfo
{
    public required string Path { get; init; }

    /// <summary>The file name, which says the server and the creation time.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The name of the registered repository the point was found in; null when it was listed by path.</summary>
    public string? Repository { get; init; }

    /// <summary>Until when the point is immutable (written to a hardened repository); null for a point that never was.</summary>
    public DateTimeOffset? ImmutableUntilUtc { get; init; }

    public string? ServerName { get; init; }

    public Guid? ServerId { get; init; }

    public DateTimeOffset? CreationTimeUtc { get; init; }

    public bool Encrypted { get; init; }

    public bool SecretsIncluded { get; init; }

    public string? PasswordHint { get; init; }

    public bool SecurityOfficerProtected { get; init; }

    public string? RecoveryKeyId { get; init; }

    public long SizeBytes { get; init; }

    public int? FormatVersion { get; init; }

    public int? SchemaVersion { get; init; }

    public string? ProductVersion { get; init; }

    /// <summary>Why the header could not be read (damaged, not a restore point, newer format); null when it was.</summary>
    public string? Error { get; init; }

    public string? ErrorId { get; init; }
}
