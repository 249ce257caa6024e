using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>
/// 15 failed verifications within one minute block verification for 5 minutes. The count lives in the
/// configuration database, so it holds across sessions and processes, and covers every password of the
/// server (guessing across records counts as guessing).
/// </summary>
internal sealed class VerificationThrottle
{
    public const int MaxFailures = 15;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan BlockDuration = TimeSpan.FromMinutes(5);

    private readonly IConfigurationStore _store;
    private readonly TimeProvider _clock;

    public VerificationThrottle(IConfigurationStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public void EnsureNotBlocked()
    {
        var until = _store.GetVerificationBlockedUntil();
        if (until is { } blockedUntil && blockedUntil > _clock.GetUtcNow())
        {
            throw new VerificationBlockedException(blockedUntil);
        }
    }

    /// <summary>Counts a failure; the one that reaches the limit starts the block.</summary>
    public void RecordFailure()
    {
        var now = _clock.GetUtcNow();
        var failures = _store.RecordVerificationFailure(now, now - Window);
        if (failures >= MaxFailures)
        {
            _store.SetVerificationBlockedUntil(now + BlockDuration);
        }
    }
}
