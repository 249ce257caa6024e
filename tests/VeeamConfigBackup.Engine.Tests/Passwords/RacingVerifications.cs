using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Engine.Tests.Passwords;

/// <summary>
/// Many sessions of one server guessing at once, each with its own connection to the database (as separate
/// processes have): how many wrong guesses were actually compared before the block stopped them.
/// </summary>
internal static class RacingVerifications
{
    public static int WrongGuessesCompared(Func<ServerHome> openSession, Guid passwordId, int sessions = 6, int guessesEach = 8)
    {
        var homes = Enumerable.Range(0, sessions).Select(_ => openSession()).ToList();
        try
        {
            using var start = new Barrier(sessions);
            var compared = 0;
            var threads = homes.Select(home => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < guessesEach; i++)
                {
                    try
                    {
                        if (!home.Passwords.Verify(passwordId, Support.TestSecrets.Secure($"wrong-guess-{i}")))
                        {
                            Interlocked.Increment(ref compared);
                        }
                    }
                    catch (VerificationBlockedException)
                    {
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return compared;
        }
        finally
        {
            homes.ForEach(h => h.Dispose());
        }
    }
}
