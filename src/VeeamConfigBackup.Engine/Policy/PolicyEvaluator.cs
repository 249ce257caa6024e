using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Engine.Policy;

/// <summary>
/// Evaluates the configuration backup rules against the current configuration. One evaluator feeds the
/// job result, the encryption status and the compliance cmdlet, so they never disagree.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>How late a backup may be beyond its schedule's period before it is reported missing.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(6);

    public static IReadOnlyList<PolicyWarning> Evaluate(PolicyContext c)
    {
        var findings = new List<PolicyWarning>();
        if (!c.EncryptionEnabled)
        {
            if (c.PasswordCount > 0)
            {
                findings.Add(new(PolicyRules.PasswordsExistEncryptionOff, PolicySeverity.Blocking,
                    $"The Password Manager holds {c.PasswordCount} password(s) but configuration backup encryption is off, so the job will not start.",
                    "Enable encryption: Set-VBRConfigBackupEncryption -Enable -EncryptionKey (Get-VBRPassword -Hint '<hint>')."));
            }
            if (c.SecurityOfficer)
            {
                findings.Add(new(PolicyRules.SecurityOfficerEncryptionOff, PolicySeverity.Blocking,
                    "A Security Officer is enabled, and then an unencrypted configuration backup fails; the job will not start.",
                    "Enable encryption: Set-VBRConfigBackupEncryption -Enable -EncryptionKey (Get-VBRPassword -Hint '<hint>')."));
            }
            if (c.Repositories.Any(IsImmutableStorage))
            {
                findings.Add(new(PolicyRules.HardenedRepositoryEncryptionOff, PolicySeverity.Blocking,
                    "An immutable repository (hardened, or object storage with Object Lock) is registered, so configuration backups must be encrypted: the job does not start, whatever repository it targets, until encryption is enabled.",
                    "Enable encryption: Set-VBRConfigBackupEncryption -Enable -EncryptionKey (Get-VBRPassword -Hint '<hint>')."));
            }
            findings.Add(new(PolicyRules.EncryptionOff, PolicySeverity.Warning,
                "Configuration backups are not encrypted: they leave out the passwords of credentials records, the Password Manager's passwords and certificates' private keys (all of which must be entered again after a restore), and the names and addresses in them are readable by anyone with the file.",
                "Add a password with Add-VBRPassword, then: Set-VBRConfigBackupEncryption -Enable -EncryptionKey '<hint>'."));
        }
        else if (!c.PasswordLossProtection)
        {
            findings.Add(new(PolicyRules.NoPasswordLossProtection, PolicySeverity.Warning,
                "Password loss protection is not enabled: if the encryption password is lost, the configuration backups cannot be restored.",
                "Enable-VBRPasswordLossProtection -RecoveryKeyPath <file kept off this server> -RecoveryKeyPassword <SecureString>."));
        }
        var repository = c.Repositories.FirstOrDefault(r => r.Id == c.TargetRepositoryId);
        if (repository is null)
        {
            findings.Add(new(PolicyRules.RepositoryMissing, PolicySeverity.Blocking,
                "The configuration backup job's target repository no longer exists.",
                "Choose a repository: Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name '<name>')."));
        }
        else
        {
            if (!c.TargetWritable)
            {
                findings.Add(new(PolicyRules.RepositoryNotWritable, PolicySeverity.Blocking,
                    $"The target repository '{repository.Name}' ({repository.Path}) cannot be written.",
                    "Fix the folder's permissions, or choose another repository with Set-VBRConfigBackupJob -Repository."));
            }
            if (!IsImmutableStorage(repository) && c.Repositories.FirstOrDefault(IsImmutableStorage) is { } hardened)
            {
                findings.Add(new(PolicyRules.HardenedRepositoryNotTargeted, PolicySeverity.Warning,
                    $"An immutable repository ('{hardened.Name}', {hardened.Type}) is registered, but the configuration backup job writes to '{repository.Name}', where restore points are not immutable.",
                    $"Target the hardened repository: Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name '{hardened.Name}')."));
            }
            if (repository.Type != RepositoryType.S3Compatible && IsInside(repository.Path, c.HomePath))
            {
                findings.Add(new(PolicyRules.RestorePointsInServerHome, PolicySeverity.Warning,
                    $"Restore points are kept in the server's own home folder ({repository.Path}): losing the server loses them too.",
                    "Add a repository on other storage and target it: Set-VBRConfigBackupJob -Repository (Add-VBRBackupRepository -Name <name> -Path <path>)."));
            }
        }
        if (!c.JobEnabled)
        {
            findings.Add(new(PolicyRules.JobDisabled, PolicySeverity.Warning,
                "The configuration backup job is disabled, so no configuration backup is taken.",
                "Enable it with Set-VBRConfigBackupJob -Enable."));
        }
        else
        {
            var period = c.LongestScheduleGap;
            if (c.LastGoodBackupUtc is not { } last || c.NowUtc - last > period + Grace)
            {
                findings.Add(new(PolicyRules.NoRecentBackup, PolicySeverity.Warning,
                    c.LastGoodBackupUtc is { } at
                        ? $"The last successful configuration backup was at {at:u}, longer ago than the schedule's period ({period.TotalDays:0} day(s)) plus {Grace.TotalHours:0} hours."
                        : "No configuration backup has succeeded yet.",
                    "Run Start-VBRConfigBackup, and make sure the scheduler that calls it runs."));
            }
        }
        return findings;
    }

    /// <summary>A hardened folder, or object storage with an Object Lock period: both keep restore points immutable.</summary>
    private static bool IsImmutableStorage(BackupRepository r) => r.Type == RepositoryType.Hardened || r.IsImmutable;

    private static bool IsInside(string path, string folder)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)) + System.IO.Path.DirectorySeparatorChar;
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder)) + System.IO.Path.DirectorySeparatorChar;
        return full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
