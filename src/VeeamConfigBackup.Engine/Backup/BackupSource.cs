using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// What the job backs up: one server's configuration database, the key ring that protects its secrets, the Password
/// Manager that holds the encryption password, and the name and id its restore points carry.
/// </summary>
internal sealed class BackupSource
{
    public required IConfigurationStore Store { get; init; }

    public required ISecretProtector Protector { get; init; }

    public required PasswordManager Passwords { get; init; }

    public required Guid ServerId { get; init; }

    /// <summary>Names the restore points' folder and files, and is written into their headers.</summary>
    public required string ServerName { get; init; }

    /// <summary>The server's home folder: the run lock lives there.</summary>
    public required string HomePath { get; init; }

    /// <summary>The server's clock: restore point names, session times and the schedule are read from it.</summary>
    public required TimeProvider Clock { get; init; }
}
