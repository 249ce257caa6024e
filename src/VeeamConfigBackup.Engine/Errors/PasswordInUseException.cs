namespace VeeamConfigBackup.Engine.Errors;

/// <summary>A password that a job encrypts with cannot be removed (the job's restore points would become unopenable).</summary>
public sealed class PasswordInUseException : ConfigBackupException
{
    public PasswordInUseException(string hint, IReadOnlyList<string> usedBy)
        : base("PasswordInUse", ErrorKind.InvalidOperation,
               $"The password with hint '{hint}' is used by {string.Join(", ", usedBy)} and cannot be removed. Switch those jobs to another password first.")
    {
        UsedBy = usedBy;
    }

    public IReadOnlyList<string> UsedBy { get; }
}
