using VeeamConfigBackup.Engine.Archive;

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

    public void Validate()
    {
        if (Iterations is < MinIterations or > MaxIterations)
        {
            throw RestorePointDamagedException.Because($"the key derivation asks for {Iterations} iterations (allowed {MinIterations}-{MaxIterations})");
        }
        if (Salt.Length != SaltLength)
        {
            throw RestorePointDamagedException.Because($"the key derivation salt is {Salt.Length} bytes, not {SaltLength}");
        }
    }
}
