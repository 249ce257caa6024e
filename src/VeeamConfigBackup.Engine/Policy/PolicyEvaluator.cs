using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Engine.Policy;

/// <summary>
/// Evaluates the configuration backup rules against the current configuration. One evaluator feeds the
/// job result, the encryption status and (later) the compliance cmdlet, so they never disagree.
/// </summary>
public static class PolicyEvaluator
{
    public static IReadOnlyList<PolicyWarning> Evaluate(ConfigBackupJobInfo job, int passwordCount, IReadOnlyList<BackupRepository> repositories)
    {
        var findings = new List<PolicyWarning>();
        if (!job.EncryptionEnabled)
        {
            if (passwordCount > 0)
            {
                findings.Add(new(PolicyRules.PasswordsExistEncryptionOff, PolicySeverity.Blocking,
                    $"The Password Manager holds {passwordCount} password(s) but configuration backup encryption is off, so the job will not start.",
                    "Enable encryption: Set-VBRConfigBackupEncryption -Enable -EncryptionKey (Get-VBRPassword -Hint '<hint>')."));
            }
            if (repositories.Any(r => r.Type == RepositoryType.Hardened))
            {
                findings.Add(new(PolicyRules.HardenedRepositoryEncryptionOff, PolicySeverity.Blocking,
                    "A hardened (immutable) repository is registered, and then configuration backups must be encrypted; the job will not start.",
                    "Enable encryption with Set-VBRConfigBackupEncryption -Enable."));
            }
            findings.Add(new(PolicyRules.EncryptionOff, PolicySeverity.Warning,
                "Configuration backups are not encrypted: they leave out the passwords of credentials records, the Password Manager's passwords and certificates' private keys (all of which must be entered again after a restore), and the names and addresses in them are readable by anyone with the file.",
                "Add a password with Add-VBRPassword and enable encryption with Set-VBRConfigBackupEncryption -Enable."));
        }
        else
        {
            findings.Add(new(PolicyRules.NoPasswordLossProtection, PolicySeverity.Warning,
                "Password loss protection is not enabled: if the encryption password is lost, the configuration backups cannot be restored.",
                "Keep the password in a safe place; password loss protection (a recovery key held off the server) is planned."));
        }
        if (job.RepositoryId is null || repositories.All(r => r.Id != job.RepositoryId))
        {
            findings.Add(new(PolicyRules.RepositoryMissing, PolicySeverity.Blocking,
                "The configuration backup job's target repository no longer exists.",
                "Choose a repository: Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name '<name>')."));
        }
        if (!job.Enabled)
        {
            findings.Add(new(PolicyRules.JobDisabled, PolicySeverity.Warning,
                "The configuration backup job is disabled.",
                "Enable it with Set-VBRConfigBackupJob -Enable:$true."));
        }
        return findings;
    }
}
