namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The store keeps times in whole milliseconds (UTC), so records take their times already rounded:
/// the object a cmdlet returns then equals the one read back later.
/// </summary>
internal static class StoredTime
{
    /// <summary>A time as the store keeps it: Unix milliseconds, UTC.</summary>
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset StoredUtcNow(this TimeProvider clock)
    {
        return FromUnixMs(ToUnixMs(clock.GetUtcNow()));
    }
}
