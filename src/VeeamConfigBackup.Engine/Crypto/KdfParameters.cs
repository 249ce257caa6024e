namespace VeeamConfigBackup.Engine.Crypto;

/// <summary>
/// PBKDF2-HMAC-SHA256 parameters of a restore point. Values read from a file are bounded before use,
/// so a crafted file cannot make a restore run for hours or accept a trivially weak derivation.
/// </summary>
public sealed record KdfParameters(int Iterations, byte[] Salt)
{
    public const string Algorithm = "PBKDF2-HMAC-SHA256";
    public const int DefaultIterations = 600_000;
    public const int MinIterations = 100_000;
    public const int MaxIterations = 10_000_000;
    public const int SaltLength = 64;
    public const int KeyLength = 32;

    public static KdfParameters CreateNew() =>
        new(DefaultIterations, System.Security.Cryptography.RandomNumberGenerator.GetBytes(SaltLength));

    /// <summary>
    /// Why these parameters must not be used, or null when they are within bounds. The format's reader turns a reason
    /// into its own error (a damaged restore point); this library only refuses to derive with them.
    /// </summary>
    public string? OutOfBoundsReason() =>
        Iterations is < MinIterations or > MaxIterations
            ? $"the key derivation asks for {Iterations} iterations (allowed {MinIterations}-{MaxIterations})"
            : Salt.Length != SaltLength ? $"the key derivation salt is {Salt.Length} bytes, not {SaltLength}" : null;
}
