namespace VeeamConfigBackup.Engine.Scheduling;

/// <summary>Whether the configuration backup job is due now, and if not, when it next is.</summary>
public sealed record ScheduleCheck
{
    public required bool IsDue { get; init; }

    /// <summary>The scheduled moment the due run stands for (the last one at or before now); null when none is due.</summary>
    public DateTimeOffset? ScheduledUtc { get; init; }

    /// <summary>The next scheduled moment after now; null when the job is disabled.</summary>
    public DateTimeOffset? NextRunUtc { get; init; }

    /// <summary>Why the job is or is not due, in one line.</summary>
    public required string Reason { get; init; }
}
