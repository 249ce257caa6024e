namespace VeeamConfigBackup.Engine.Scheduling;

/// <summary>Whether an operating-system timer asks the server's job "is a run due?", where it is written, and how often.</summary>
public sealed record ConfigBackupSchedule
{
    public required bool Registered { get; init; }

    /// <summary>The cron file, or "crontab of &lt;user&gt;"; null when not registered.</summary>
    public string? Location { get; init; }

    /// <summary>Minutes between two checks; null when not registered.</summary>
    public int? IntervalMinutes { get; init; }

    /// <summary>What the timer runs (no secret: the home is opened from its own files).</summary>
    public string? Command { get; init; }

    /// <summary>The server home the timer runs the job of.</summary>
    public required string HomePath { get; init; }

    /// <summary>Where the timed runs write their output (owner-only, rotated).</summary>
    public required string LogPath { get; init; }

    /// <summary>The next scheduled run of the job (null when the job is disabled): the stored schedule says it, not the timer.</summary>
    public DateTimeOffset? NextRunUtc { get; init; }
}
