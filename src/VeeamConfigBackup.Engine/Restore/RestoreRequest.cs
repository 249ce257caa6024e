using System.Security;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>What to restore and how.</summary>
public sealed record RestoreRequest
{
    public required string Path { get; init; }

    /// <summary>The restore point's password; required for an encrypted point.</summary>
    public SecureString? Password { get; init; }

    public RestoreMode Mode { get; init; } = RestoreMode.Restore;

    /// <summary>Also bring back job session history (left as it is in the target otherwise).</summary>
    public bool IncludeSessionHistory { get; init; }

    /// <summary>Take a configuration backup of the target first, under the target's own encryption rules.</summary>
    public bool BackupExisting { get; init; }

    /// <summary>Verify and report only; write nothing.</summary>
    public bool WhatIf { get; init; }
}
