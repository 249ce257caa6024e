using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Recovery;
using VeeamConfigBackup.Engine.SecurityOfficer;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>
/// The server a restore writes into, as the restore sees it: a server home is one. The restore reaches the server only
/// through this, so it depends on nothing that composes a server.
/// </summary>
public interface IRestoreTarget
{
    /// <summary>The server's home folder: the staging file of an older-schema restore and the default repository live there.</summary>
    string Path { get; }

    Guid ServerId { get; }

    string ServerName { get; }

    /// <summary>Takes the configuration backup of the target before a restore that asks for one.</summary>
    ConfigBackupJob ConfigBackupJob { get; }

    PasswordLossProtection PasswordLossProtection { get; }

    SecurityOfficerProtection SecurityOfficer { get; }

    /// <summary>Where the restore's event (40800) goes; what was not delivered waits there for the host to show.</summary>
    NotificationPublisher Notifications { get; }

    /// <summary>The configuration database the restore replaces tables of, in one transaction.</summary>
    internal IConfigurationStore Store { get; }

    /// <summary>The key ring that protects the restored secrets.</summary>
    internal ISecretProtector Protector { get; }
}
