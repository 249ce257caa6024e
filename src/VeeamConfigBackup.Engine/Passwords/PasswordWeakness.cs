namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>Why a password is weak. Weak passwords are accepted, with a warning.</summary>
[Flags]
public enum PasswordWeakness
{
    None = 0,
    ShorterThan12 = 1,
    NoUpperCase = 2,
    NoLowerCase = 4,
    NoDigit = 8,
}
