namespace VeeamConfigBackup.Engine.Errors;

/// <summary>Password verification is throttled after too many failed attempts.</summary>
public sealed class VerificationBlockedException : ConfigBackupException
{
    public VerificationBlockedException(DateTimeOffset blockedUntilUtc)
        : base("PasswordVerificationBlocked", ErrorKind.SecurityError,
               $"Password verification is blocked until {blockedUntilUtc:u} after too many failed attempts. Wait until then and try again.")
    {
        BlockedUntilUtc = blockedUntilUtc;
    }

    public DateTimeOffset BlockedUntilUtc { get; }
}
