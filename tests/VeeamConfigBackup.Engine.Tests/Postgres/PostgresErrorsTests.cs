using Npgsql;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Tests.Postgres;

/// <summary>
/// SQLSTATEs a test server cannot easily be made to raise (a full disk, a failing device) get the same ids as SQLite's;
/// the exceptions are Npgsql's own type, built as Npgsql builds them from a server's error message.
/// </summary>
public sealed class PostgresErrorsTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.DiskFull, "DatabaseDiskFull")]
    [InlineData(PostgresErrorCodes.IoError, "DatabaseIOError")]
    [InlineData(PostgresErrorCodes.ReadOnlySqlTransaction, "DatabaseReadOnly")]
    public void Storage_failures_have_the_ids_that_SQLite_failures_have(string sqlState, string errorId)
    {
        var ex = PostgresErrors.Translate(new PostgresException("could not extend file \"base/16384/16385\"", "ERROR", "ERROR", sqlState), "127.0.0.1:5432/vbr", connecting: false);
        Assert.Equal(errorId, ex.ErrorId);
        Assert.NotNull(ex.RecommendedAction);
        Assert.Contains("nothing was changed", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
