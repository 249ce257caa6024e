using System.Management.Automation;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>
/// The product's names for the module's output objects (VBRConfigBackupResult, VBRPolicyWarning...), added in front of
/// the engine's type names: Get-Member and $_.PSObject.TypeNames show them, and scripts can match on them.
/// </summary>
internal static class OutputTypeNames
{
    private const string Prefix = "VeeamConfigBackup.";

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(Engine.Passwords.PasswordRecord)] = "VBRPassword",
        [typeof(Engine.Credentials.CredentialsRecord)] = "VBRCredentials",
        [typeof(Engine.Repositories.BackupRepository)] = "VBRBackupRepository",
        [typeof(Engine.Certificates.CertificateRecord)] = "VBRCertificate",
        [typeof(Engine.KmsServers.KmsServerRecord)] = "VBRKmsServer",
        [typeof(Engine.Server.ServerSession)] = "VBRServerSession",
        [typeof(Engine.Backup.ConfigBackupJobInfo)] = "VBRConfigBackupJob",
        [typeof(Engine.Backup.ScheduleOptions)] = "VBRConfigBackupScheduleOptions",
        [typeof(Engine.Backup.ConfigBackupEncryptionStatus)] = "VBRConfigBackupEncryptionStatus",
        [typeof(Engine.Backup.ConfigBackupResult)] = "VBRConfigBackupResult",
        [typeof(Engine.Backup.BackupSession)] = "VBRConfigBackupSession",
        [typeof(Engine.Backup.RestorePointInfo)] = "VBRConfigBackupRestorePoint",
        [typeof(Engine.Policy.PolicyWarning)] = "VBRPolicyWarning",
        [typeof(Engine.Restore.ConfigRestoreResult)] = "VBRConfigRestoreResult",
        [typeof(Engine.Restore.ConfigBackupVerification)] = "VBRConfigBackupVerification",
        [typeof(Engine.Recovery.PasswordLossProtectionStatus)] = "VBRPasswordLossProtection",
        [typeof(Engine.SecurityOfficer.SecurityOfficerStatus)] = "VBRSecurityOfficer",
        [typeof(Engine.Scheduling.ConfigBackupSchedule)] = "VBRConfigBackupSchedule",
        [typeof(Engine.Notifications.Syslog.SyslogServerSettings)] = "VBRSyslogServer",
        [typeof(Engine.Notifications.MailNotificationConfiguration)] = "VBRMailNotificationConfiguration",
        [typeof(Engine.Notifications.SnmpReceiver)] = "VBRSNMPReceiver",
        [typeof(Engine.Notifications.SnmpOptions)] = "VBRSNMPOptions",
        [typeof(Engine.Backup.JobNotificationOptions)] = "VBRNotificationOptions",
        [typeof(Engine.Notifications.NotificationDelivery)] = "VBRNotificationDelivery",
    };

    /// <summary>The object to write: engine records wrapped with their product type name first; anything else as it is.</summary>
    public static object? Decorate(object? value)
    {
        if (value is null || !Names.TryGetValue(value.GetType(), out var name))
        {
            return value;
        }
        var wrapped = PSObject.AsPSObject(value);
        wrapped.TypeNames.Insert(0, Prefix + name);
        return wrapped;
    }
}
