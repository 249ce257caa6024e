namespace VeeamConfigBackup.Engine.Errors;

/// <summary>A record restored from an unencrypted restore point has no secret until it is entered again.</summary>
internal static class SecretNotRestored
{
    public static ConfigBackupException For(string kind, string name, string fix) =>
        new("SecretNotRestored", ErrorKind.InvalidOperation,
            $"The secret of the {kind} '{name}' is missing: it was restored from an unencrypted configuration backup, which carries no secrets. Enter it again: {fix}.");
}
