namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The store keeps times in whole milliseconds (UTC), so records take their times already rounded:
/// the object a cmdlet returns then equals the one read back later.
/// </summary>
internal static class StoredTime
{
    public static DateTimeOffset StoredUtcNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }
}
