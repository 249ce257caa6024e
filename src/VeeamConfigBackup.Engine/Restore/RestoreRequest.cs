using System.Security;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>What to restore and how.</summary>
public sealed record RestoreRequest
{
    public required string Path { get; init; }

    /// <summary>The repository store that keeps <see cref="Path"/> (an object storage id); null for a file.</summary>
    public Storage.IRestorePointStore? Store { get; init; }

    /// <summary>The restore point's password; required for an encrypted point (unless a recovery key opens it).</summary>
    public SecureString? Password { get; init; }

    /// <summary>The recovery key file (password loss protection), instead of the password.</summary>
    public string? RecoveryKeyPath { get; init; }

    public SecureString? RecoveryKeyPassword { get; init; }

    /// <summary>Needed, with the password or the recovery key, for points a Security Officer protects.</summary>
    public SecureString? SecurityOfficerPassphrase { get; init; }

    internal RestoreCredentials Credentials => new()
    {
        Password = Password,
        RecoveryKeyPath = RecoveryKeyPath,
        RecoveryKeyPassword = RecoveryKeyPassword,
        SecurityOfficerPassphrase = SecurityOfficerPassphrase,
    };

    public RestoreMode Mode { get; init; } = RestoreMode.Restore;

    /// <summary>Also bring back job session history (left as it is in the target otherwise).</summary>
    public bool IncludeSessionHistory { get; init; }

    /// <summary>Take a configuration backup of the target first, under the target's own encryption rules.</summary>
    public bool BackupExisting { get; init; }

    /// <summary>Verify and report only; write nothing.</summary>
    public bool WhatIf { get; init; }
}
