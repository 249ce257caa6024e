namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>A clock the test moves by hand, so time-based rules are tested without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
