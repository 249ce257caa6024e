using Npgsql;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>The test PostgreSQL server named by VBR_TEST_POSTGRES (an admin connection string, with its password).</summary>
internal static class TestPostgres
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("VBR_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool Required => Environment.GetEnvironmentVariable("VBR_TEST_POSTGRES_REQUIRED") == "1";

    public static string Admin => AdminConnectionString ?? throw new InvalidOperationException(PostgresFactAttribute.HowToRun);

    public static NpgsqlConnection OpenAdmin(string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(Admin) { Pooling = false };
        if (database is not null)
        {
            builder.Database = database;
        }
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    public static void Execute(string sql, string? database = null)
    {
        using var connection = OpenAdmin(database);
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(string sql, string database, Func<NpgsqlDataReader, T> map)
    {
        using var connection = OpenAdmin(database);
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}

/// <summary>An empty database of its own for one test, dropped (with its connections) afterwards.</summary>
internal sealed class TempPostgresDatabase : IDisposable
{
    public TempPostgresDatabase()
    {
        Name = "vbr_test_" + Guid.NewGuid().ToString("N")[..16];
        TestPostgres.Execute($"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(TestPostgres.Admin) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The database's connection string, password included (the test server's own, random per run).</summary>
    public string ConnectionString { get; }

    public string Password => new NpgsqlConnectionStringBuilder(TestPostgres.Admin).Password!;

    public Store.PostgresDatabase Database => Store.PostgresDatabase.Parse(ConnectionString);

    /// <summary>
    /// Ends every client connection to this database that is inside a transaction: a snapshot, an import. Only client
    /// backends: an autovacuum worker on the freshly filled database is in a transaction too, and is not the module's.
    /// </summary>
    public int TerminateTransactions() =>
        TestPostgres.Query($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND xact_start IS NOT NULL AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
            "postgres", r => r.GetBoolean(0)).Count(ok => ok);

    public void Dispose()
    {
        try
        {
            TestPostgres.Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
        }
    }
}
