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

    /// <summary>
    /// Reserves one comparison before it is made, or throws <see cref="VerificationBlockedException"/>. The check and
    /// the reservation are one step in the database, so racing processes cannot all pass the check and then compare.
    /// </summary>
    /// <returns>The reservation, for <see cref="Succeeded"/>.</returns>
    public DateTimeOffset BeginAttempt()
    {
        var now = _clock.GetUtcNow();
        if (_store.ReserveVerificationAttempt(now, now - Window, MaxFailures, now + BlockDuration) is { } blockedUntil)
        {
            throw new VerificationBlockedException(blockedUntil);
        }
        return now;
    }

    /// <summary>The comparison matched: its reservation does not count as a failure.</summary>
    public void Succeeded(DateTimeOffset attempt) => _store.ReleaseVerificationAttempt(attempt);

    /// <summary>The comparison failed: its reservation stays a failure, and the one that reaches the limit starts the block.</summary>
    public void Failed()
    {
        var now = _clock.GetUtcNow();
        _store.ConfirmVerificationFailure(now - Window, MaxFailures, now + BlockDuration);
    }
}
