using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>The password does not open the restore point (the file itself is intact). The message shows the hint.</summary>
public sealed class WrongPasswordException : ConfigBackupException
{
    public WrongPasswordException(string? hint)
        : base("WrongPassword", ErrorKind.SecurityError,
               $"The password does not open this restore point. Password hint: '{hint ?? "(none)"}'. Try the password that was in use when the restore point was made.")
    {
        Hint = hint;
    }

    public string? Hint { get; }
}
