using VeeamConfigBackup.Engine.Crypto;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// The plain metadata at the start of a restore point: what a restore needs to show before a password
/// is typed, and what it needs to open the payload. Readable without a password; trusted only once the
/// header MAC has been checked with the storage key.
/// </summary>
public sealed record RestorePointHeader
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string ServerName { get; init; }

    public required Guid ServerId { get; init; }

    public required DateTimeOffset CreationTimeUtc { get; init; }

    public required string ProductVersion { get; init; }

    public required int SchemaVersion { get; init; }

    public bool Encrypted { get; init; }

    /// <summary>False for unencrypted points: credentials, passwords and private keys are left out.</summary>
    public bool SecretsIncluded { get; init; }

    public string? PasswordHint { get; init; }

    public bool SecurityOfficerProtected { get; init; }

    public string? RecoveryKeyId { get; init; }

    /// <summary>16 random bytes naming this file; salts the header MAC key and binds the key wrap.</summary>
    public byte[] FileId { get; init; } = [];

    public KdfParameters? Kdf { get; init; }

    /// <summary>The storage key wrapped by the password's user key: nonce ‖ ciphertext ‖ tag.</summary>
    public byte[]? PasswordWrap { get; init; }

    /// <summary>The storage key wrapped for the recovery key named by <see cref="RecoveryKeyId"/> (password loss protection).</summary>
    public byte[]? RecoveryWrap { get; init; }

    /// <summary>With a Security Officer: how the officer key is derived from the passphrase.</summary>
    public KdfParameters? OfficerKdf { get; init; }

    /// <summary>With a Security Officer: HMAC that tells a wrong passphrase from a wrong password.</summary>
    public byte[]? OfficerCheck { get; init; }

    /// <summary>The Security Officer passphrase's hint.</summary>
    public string? OfficerHint { get; init; }

    public string Compression { get; init; } = "zstd";

    public int ChunkSize { get; init; } = ChunkFraming.ChunkSize;
}
