namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A test that needs a PostgreSQL server. Without one it is skipped with a message that says how to run it;
/// where one is required (CI sets VBR_TEST_POSTGRES_REQUIRED=1) it is never skipped, so a missing server fails.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string HowToRun =
        "No PostgreSQL server for the tests (VBR_TEST_POSTGRES is not set). CI starts one; to run these tests here, install PostgreSQL, " +
        "run `eval \"$(tests/Postgres/cluster.sh start)\"` and then the test command.";

    public PostgresFactAttribute()
    {
        if (TestPostgres.AdminConnectionString is null && !TestPostgres.Required)
        {
            Skip = HowToRun;
        }
    }
}
