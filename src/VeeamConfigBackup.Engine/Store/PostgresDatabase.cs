using Npgsql;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// Where a server's configuration database lives when it is PostgreSQL: a connection string without any
/// password (the form that is shown and remembered in the home) and, apart from it, the password.
/// </summary>
public sealed class PostgresDatabase
{
    private PostgresDatabase(string connectionString, string? password, string? sslPassword)
    {
        ConnectionString = connectionString;
        Password = password;
        SslPassword = sslPassword;
    }

    /// <summary>The connection string with any password removed: safe to show, log and keep in the home.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The password, if one was given. Npgsql takes passwords as strings, so this one plain copy lives in memory
    /// for as long as the connection does; it is never written anywhere.
    /// </summary>
    internal string? Password { get; }

    /// <summary>The password of a client certificate's key, if the connection string gave one: used, never kept, like <see cref="Password"/>.</summary>
    internal string? SslPassword { get; }

    /// <summary>True when the given connection string itself carried a password (it is used, never kept).</summary>
    public bool PasswordWasInConnectionString { get; private init; }

    /// <summary>
    /// Parses a connection string; a user name and password given apart (a PowerShell credential) take precedence
    /// over the string's own. A string that does not parse is refused without echoing it (it may hold a password).
    /// </summary>
    public static PostgresDatabase Parse(string connectionString, string? userName = null, SecretChars? password = null)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw new ConfigBackupException("InvalidConnectionString", ErrorKind.InvalidArgument,
                "The PostgreSQL connection string cannot be read. Write it as 'Host=<host>;Port=<port>;Database=<database>;Username=<user>' and give the password with -Credential.");
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ConfigBackupException("InvalidConnectionString", ErrorKind.InvalidArgument,
                "The PostgreSQL connection string names no Host. Write it as 'Host=<host>;Port=<port>;Database=<database>;Username=<user>'.");
        }
        var inString = !string.IsNullOrEmpty(builder.Password) || !string.IsNullOrEmpty(builder.SslPassword);
        var secret = password is not null ? new string(password.Span) : builder.Password;
        var sslSecret = builder.SslPassword;
        if (userName is not null)
        {
            builder.Username = userName;
        }
        builder.Password = null;
        builder.SslPassword = null;
        return new PostgresDatabase(builder.ConnectionString, string.IsNullOrEmpty(secret) ? null : secret, string.IsNullOrEmpty(sslSecret) ? null : sslSecret)
        {
            PasswordWasInConnectionString = inString,
        };
    }

    /// <summary>The same database with another password (or none): a remembered connection string plus a new credential.</summary>
    public PostgresDatabase WithCredential(string? userName, SecretChars? password)
    {
        var parsed = Parse(ConnectionString, userName, password);
        return new PostgresDatabase(parsed.ConnectionString, parsed.Password, SslPassword);
    }

    /// <summary>
    /// Without a password, Npgsql reads a PostgreSQL password file. One that other users can read has leaked already:
    /// it is refused (libpq ignores it too) rather than used.
    /// </summary>
    private static void RequirePrivatePasswordFile(string? configured)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var path = configured ?? Environment.GetEnvironmentVariable("PGPASSFILE");
        if (string.IsNullOrEmpty(path))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".pgpass");
        }
        if (path is null || !File.Exists(path))
        {
            return;
        }
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & others) != 0)
        {
            throw new ConfigBackupException("PasswordFileNotPrivate", ErrorKind.SecurityError,
                $"The PostgreSQL password file '{path}' can be read or changed by other users, so it is not used. Make it its owner's only (chmod 600) and change the passwords it holds.");
        }
    }

    /// <summary>The form shown to the user: host, port, database and user name, never a password.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var described = $"Host={builder.Host};Port={builder.Port}";
        if (!string.IsNullOrEmpty(builder.Database ?? builder.Username))
        {
            described += $";Database={builder.Database ?? builder.Username}";
        }
        return string.IsNullOrEmpty(builder.Username) ? described : described + $";Username={builder.Username}";
    }

    internal NpgsqlDataSource CreateDataSource()
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        var settings = builder.ConnectionStringBuilder;
        if (Password is null)
        {
            RequirePrivatePasswordFile(settings.Passfile);
        }
        settings.Password = Password;
        settings.SslPassword = SslPassword;
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "VeeamConfigBackup";
        }
        // A restore's COPY of millions of rows and its commit outlast the 30-second default; a server that stops
        // answering still ends the command rather than hanging a runbook.
        if (settings.CommandTimeout == 30)
        {
            settings.CommandTimeout = 600;
        }
        // Row values never go into error messages: they are configuration, sometimes sensitive.
        settings.IncludeErrorDetail = false;
        return builder.Build();
    }
}
