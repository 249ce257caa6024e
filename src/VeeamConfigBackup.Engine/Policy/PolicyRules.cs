namespace VeeamConfigBackup.Engine.Policy;

/// <summary>The rule ids the evaluator can raise (ARCHITECTURE §2).</summary>
public static class PolicyRules
{
    public const string PasswordsExistEncryptionOff = "PasswordsExistEncryptionOff";
    public const string HardenedRepositoryEncryptionOff = "HardenedRepositoryEncryptionOff";
    public const string EncryptionOff = "EncryptionOff";
    public const string NoPasswordLossProtection = "NoPasswordLossProtection";
    public const string RepositoryMissing = "RepositoryMissing";
    public const string JobDisabled = "JobDisabled";
    public const string RetentionFailed = "RetentionFailed";
    public const string SecretsMissing = "SecretsMissing";
    public const string SecurityOfficerEncryptionOff = "SecurityOfficerEncryptionOff";
    public const string RepositoryNotWritable = "RepositoryNotWritable";
    public const string RestorePointsInServerHome = "RestorePointsInServerHome";
    public const string NoRecentBackup = "NoRecentBackup";
    public const string SessionNotRecorded = "SessionNotRecorded";
    public const string HardenedRepositoryNotTargeted = "HardenedRepositoryNotTargeted";

    /// <summary>A receiver did not take a run's notification; the run, its restore point and its session are as they were.</summary>
    public const string NotificationFailed = "NotificationFailed";

    /// <summary>
    /// Findings about the configuration rather than the run: reported with every result, but they do not turn
    /// a good run into a Warning (an encrypted run without password loss protection succeeded).
    /// </summary>
    public static bool IsAdvisory(string ruleId) => ruleId is NoPasswordLossProtection or JobDisabled or NoRecentBackup or RestorePointsInServerHome or HardenedRepositoryNotTargeted
        or NotificationFailed;
}
