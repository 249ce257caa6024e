namespace VeeamConfigBackup.Engine.Errors;

/// <summary>
/// Base of every error the engine raises on purpose. <see cref="ErrorId"/> is stable: hosts use it as an
/// error identifier that scripts and tests may match on. Messages never contain a secret.
/// </summary>
public class ConfigBackupException : Exception
{
    public ConfigBackupException(string errorId, ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    /// <summary>
    /// What to do about it, in one sentence, for a host's recommended-action field (PowerShell's
    /// <c>ErrorDetails.RecommendedAction</c>); the message says it too. Null where the message alone says it.
    /// </summary>
    public string? RecommendedAction { get; init; }
}
