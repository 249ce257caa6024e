namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>A password record after it was added or changed, and how weak its (new) password is.</summary>
public sealed record PasswordChange(PasswordRecord Record, PasswordWeakness Weakness);
