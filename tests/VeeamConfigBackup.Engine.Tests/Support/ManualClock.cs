namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>A clock the test moves by hand, so time-based rules are tested without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    // Deliberately not on a whole millisecond: the store keeps milliseconds, and records must not change when read back.
    private DateTimeOffset _now = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public ManualClock()
    {
    }

    /// <summary>A clock that starts at <paramref name="start"/>: object storage checks retention dates against its own clock.</summary>
    public ManualClock(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
