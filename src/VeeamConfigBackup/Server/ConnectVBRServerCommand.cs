using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Commands.Server;

/// <summary>
/// Connects this session to a server home, creating the home on first use; with -ConnectionString the home's
/// configuration database is PostgreSQL (the key ring still stays in the home).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "VBRServer")]
[OutputType(typeof(ServerSession))]
public sealed class ConnectVBRServerCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HomePath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The name a new home's server gets (default: this machine's name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServerName { get; set; }

    /// <summary>A PostgreSQL connection string: the configuration database is then PostgreSQL instead of the home's SQLite file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL user name and password (kept out of the connection string, the home and any log).</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    protected override void Process()
    {
        var path = ResolveFileSystemPath(Path);
        try
        {
            var database = ChooseDatabase(path);
            if (database?.PasswordWasInConnectionString == true)
            {
                WriteWarning("The connection string carries a password. It is used for this session and never stored, but it may be in your command history or a script: give it with -Credential instead.");
            }
            var home = ServerConnections.Connect(path, ServerName, database);
            WriteVerbose($"Connected to server '{home.Identity.Name}' ({home.Identity.Id}) at '{home.Path}'.");
            WriteRecord(home.Describe());
        }
        catch (ConfigBackupException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, path));
        }
    }

    /// <summary>PostgreSQL from -ConnectionString, or the one the home records when only -Credential is given; null for SQLite or the recorded database as is.</summary>
    private PostgresDatabase? ChooseDatabase(string path)
    {
        using var password = Credential is null ? null : SecretChars.From(Credential.Password);
        var userName = string.IsNullOrEmpty(Credential?.UserName) ? null : Credential.UserName;
        if (ConnectionString is not null)
        {
            return PostgresDatabase.Parse(ConnectionString, userName, password);
        }
        if (Credential is null)
        {
            return null;
        }
        var recorded = ServerHome.RecordedDatabase(path) ?? throw new ConfigBackupException("CredentialWithoutDatabase", ErrorKind.InvalidArgument,
            $"-Credential is for a PostgreSQL database, and the home '{path}' does not record one. Add -ConnectionString to name the database.");
        return recorded.WithCredential(userName, password);
    }
}
