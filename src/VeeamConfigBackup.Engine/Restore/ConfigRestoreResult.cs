namespace VeeamConfigBackup.Engine.Restore;

/// <summary>What a restore brought back (or, with WhatIf, would bring back).</summary>
public sealed class ConfigRestoreResult
{
    public required RestoreMode Mode { get; init; }

    /// <summary>The restore point file.</summary>
    public required string Source { get; init; }

    /// <summary>The server home restored into.</summary>
    public required string Target { get; init; }

    /// <summary>The name of the server restored into (empty for a -WhatIf into a home that does not exist yet).</summary>
    public string? TargetServerName { get; init; }

    public required string SourceServerName { get; init; }

    public IReadOnlyDictionary<string, long> RecordCounts { get; init; } = new Dictionary<string, long>();

    /// <summary>True when credentials, passwords and private keys came back (an encrypted restore point).</summary>
    public bool SecretsRestored { get; init; }

    public IReadOnlyList<RecordNeedingSecret> RecordsNeedingSecrets { get; init; } = [];

    public bool SessionHistoryRestored { get; init; }

    /// <summary>The schema version of the restore point; it was migrated forward when older than the target's.</summary>
    public int SourceSchemaVersion { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The configuration backup of the target taken first, when asked for.</summary>
    public string? ExistingConfigurationBackup { get; init; }

    /// <summary>True when nothing was written: the point was only verified (WhatIf).</summary>
    public bool WhatIf { get; init; }

    public TimeSpan Duration { get; init; }
}
