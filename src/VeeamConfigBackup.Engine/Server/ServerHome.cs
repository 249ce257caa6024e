using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Certificates;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.KmsServers;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Recovery;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.SecurityOfficer;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Server;

/// <summary>
/// One backup server: a home folder holding its identity, its key ring and (by default) its SQLite
/// configuration database. Two homes on one machine are two servers.
/// </summary>
public sealed class ServerHome : IRestoreTarget, IDisposable
{
    public const string KeyRingFolder = "keys";
    public const string DatabaseFile = "config.db";
    public const string DefaultRepositoryFolder = RepositoryCatalog.DefaultFolderName;

    private readonly IConfigurationStore _store;

    private ServerHome(string path, ServerIdentity identity, IConfigurationStore store, ISecretProtector protector, TimeProvider clock, bool isDefault)
    {
        Path = path;
        Identity = identity;
        Protector = protector;
        _store = store;
        IsDefaultHome = isDefault;
        ConnectedUtc = clock.GetUtcNow();
        Passwords = new PasswordManager(store, protector, clock);
        Credentials = new CredentialsManager(store, protector, clock);
        Repositories = new RepositoryCatalog(store, clock, Credentials);
        Certificates = new CertificateCatalog(store, protector, clock);
        KmsServers = new KmsServerCatalog(store, clock);
        PasswordLossProtection = new PasswordLossProtection(store, clock);
        SecurityOfficer = new SecurityOfficerProtection(store, protector, clock);
        var source = new BackupSource
        {
            Store = store,
            Protector = protector,
            Passwords = Passwords,
            ServerId = identity.Id,
            ServerName = identity.Name,
            HomePath = path,
            Clock = clock,
        };
        NotificationSettings = new NotificationSettings(store, protector, clock, Credentials);
        Notifications = new NotificationPublisher(new NotificationDispatcher(NotificationSettings),
            EventOrigin.ForThisProcess(identity.Name, BackupRun.ProductVersion), clock);
        ConfigBackupJob = new ConfigBackupJob(source, Repositories, PasswordLossProtection, SecurityOfficer, Notifications, NotificationSettings);
        // The records layer tells of its changes; the product's events for them are sent from here.
        Passwords.Added += p => Notifications.Publish((o, t) => ProductEvents.PasswordAdded(o, t, p.Hint));
        Passwords.Changed += p => Notifications.Publish((o, t) => ProductEvents.PasswordChanged(o, t, p.Hint));
        Passwords.Removed += p => Notifications.Publish((o, t) => ProductEvents.PasswordDeleted(o, t, p.Hint));
        Credentials.Updated += (before, after) => Notifications.Publish((o, t) => ProductEvents.CredentialsUpdated(o, t, after.Id, after.UserName, CredentialChanges(before, after)));
        Credentials.Removed += c => Notifications.Publish((o, t) => ProductEvents.CredentialsDeleted(o, t, c.Id, c.UserName));
    }

    public string Path { get; }

    public ServerIdentity Identity { get; }

    public bool IsDefaultHome { get; }

    public DateTimeOffset ConnectedUtc { get; }

    public PasswordManager Passwords { get; }

    public CredentialsManager Credentials { get; }

    public RepositoryCatalog Repositories { get; }

    public CertificateCatalog Certificates { get; }

    public KmsServerCatalog KmsServers { get; }

    public ConfigBackupJob ConfigBackupJob { get; }

    /// <summary>The mail settings, syslog servers and SNMP receivers that the server's events go to.</summary>
    public NotificationSettings NotificationSettings { get; }

    /// <summary>Where the server's events are sent from; what was not delivered waits there for the host to show.</summary>
    public NotificationPublisher Notifications { get; }

    /// <summary>What a credentials change changed, as 25400's ChangesXML has it: a password only as *** to ****.</summary>
    private static IReadOnlyList<ChangedProperty> CredentialChanges(CredentialsRecord before, CredentialsRecord after)
    {
        var changes = new List<ChangedProperty>();
        if (before.UserName != after.UserName)
        {
            changes.Add(new("User name", "CredentialsUserName", "String", before.UserName, after.UserName));
        }
        if (before.Description != after.Description)
        {
            changes.Add(new("Description", "CredentialsDescription", "String", before.Description, after.Description));
        }
        if (before.Type != after.Type)
        {
            changes.Add(new("Type", "CredentialsType", "String", before.Type.ToString(), after.Type.ToString()));
        }
        if (!before.ProtectedPassword.AsSpan().SequenceEqual(after.ProtectedPassword))
        {
            changes.Add(new("Password", "CredentialsPassword", "String", "***", "****"));
        }
        return changes;
    }

    public PasswordLossProtection PasswordLossProtection { get; }

    public SecurityOfficerProtection SecurityOfficer { get; }

    /// <summary>The configuration database, for engine parts that work on whole tables (generator, restore).</summary>
    internal IConfigurationStore Store => _store;

    IConfigurationStore IRestoreTarget.Store => _store;

    ISecretProtector IRestoreTarget.Protector => Protector;

    Guid IRestoreTarget.ServerId => Identity.Id;

    string IRestoreTarget.ServerName => Identity.Name;

    /// <summary>The key ring's protector, for engine parts that re-protect secrets (restore).</summary>
    internal ISecretProtector Protector { get; }

    public ServerSession Describe() => new()
    {
        ServerName = Identity.Name,
        ServerId = Identity.Id,
        HomePath = Path,
        DatabaseEngine = _store.EngineName,
        DatabaseLocation = _store.Location,
        SchemaVersion = _store.SchemaVersion,
        ConnectedUtc = ConnectedUtc,
        IsDefaultHome = IsDefaultHome,
    };

    /// <summary>Opens the default home (<c>$VBR_HOME</c>, else the platform's data folder), creating it on first use.</summary>
    public static ServerHome OpenDefault(TimeProvider? clock = null) =>
        Open(DefaultHomeLocator.Resolve(), serverName: null, clock, isDefault: true, database: null);

    /// <summary>
    /// Opens a home, creating it (with a default repository) when the folder is new or empty. A home whose
    /// database is PostgreSQL is reopened at the database it recorded.
    /// </summary>
    public static ServerHome Open(string path, string? serverName = null, TimeProvider? clock = null) =>
        Open(path, serverName, clock, isDefault: false, database: null);

    /// <summary>
    /// Opens a home whose configuration database is PostgreSQL, creating the home, and the tables in an empty
    /// database, on first use. The key ring stays in the home: a stolen database does not carry the keys that open it.
    /// </summary>
    public static ServerHome Open(string path, PostgresDatabase database, string? serverName = null, TimeProvider? clock = null) =>
        Open(path, serverName, clock, isDefault: false, database ?? throw new ArgumentNullException(nameof(database)));

    /// <summary>The PostgreSQL database a home records (without a password), or null for a home on SQLite or no home yet.</summary>
    public static PostgresDatabase? RecordedDatabase(string path) =>
        Directory.Exists(path) ? DatabaseLocationFile.Read(System.IO.Path.GetFullPath(path)) : null;

    private static ServerHome Open(string path, string? serverName, TimeProvider? clock, bool isDefault, PostgresDatabase? database)
    {
        clock ??= TimeProvider.System;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ConfigBackupException("InvalidHomePath", ErrorKind.InvalidArgument, "The home path is empty.");
        }
        var fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            throw new ConfigBackupException("InvalidHomePath", ErrorKind.InvalidArgument,
                $"'{fullPath}' is a file; a server home is a folder.");
        }
        if (serverName is not null)
        {
            IdentityFile.ValidateName(serverName);
        }
        // A migrate into this path that was killed left its staging folder beside it; a running one keeps its own.
        NewHomeMigration.RemoveLeftovers(fullPath);
        var created = !Directory.Exists(fullPath);
        try
        {
            PrivateDirectory.Ensure(fullPath);
            ProbeWritable(fullPath);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw NotWritable(fullPath, ex);
        }
        try
        {
            try
            {
                return OpenIn(fullPath, serverName, clock, isDefault, database);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The identity or the key ring could not be written (a full disk, say): what was written is already taken back.
                throw NotWritable(fullPath, ex);
            }
        }
        catch when (created)
        {
            // A home folder this call created is removed again if it is empty (its database was refused before anything
            // was written). Never recursively: another session may be creating the same home at this very moment.
            try { Directory.Delete(fullPath, recursive: false); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }

    private static ServerHome OpenIn(string fullPath, string? serverName, TimeProvider clock, bool isDefault, PostgresDatabase? database)
    {
        // The database is checked first, so a home whose database is refused gets no identity or key ring written into it.
        var databasePath = System.IO.Path.Combine(fullPath, DatabaseFile);
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", System.IO.Path.Combine(fullPath, IdentityFile.FileName),
            System.IO.Path.Combine(fullPath, DatabaseLocationFile.FileName) })
        {
            PrivateDirectory.RestrictFile(file);
        }
        RemoveStagingLeftovers(fullPath);
        // A home that already keeps its configuration in PostgreSQL must find it there, not in some empty database.
        // Read once. A damaged database.json stops a connect that relies on it, but not one that names the database
        // again with -ConnectionString (what its error message says to do); that connect writes it anew.
        var recorded = database is null ? DatabaseLocationFile.Read(fullPath) : DatabaseLocationFile.TryRead(fullPath);
        var isPostgresHome = recorded is not null && File.Exists(System.IO.Path.Combine(fullPath, IdentityFile.FileName));
        database ??= recorded;
        if (database is not null && File.Exists(databasePath) && new FileInfo(databasePath).Length > 0)
        {
            throw new ConfigBackupException("HomeUsesSqlite", ErrorKind.InvalidOperation,
                $"The home '{fullPath}' keeps its configuration in SQLite ({DatabaseFile}). To move it to PostgreSQL, back it up, connect a new home to the PostgreSQL database and run Restore-VBRConfigBackup -Mode Migrate there.");
        }
        IConfigurationStore store = database is null ? SqliteConfigurationStore.Open(databasePath) : PostgresConfigurationStore.Open(database, isPostgresHome);
        // What this call wrote, so that a failure half-way takes back exactly that and nothing another session made.
        ServerIdentity? bound = null;
        var identityPath = System.IO.Path.Combine(fullPath, IdentityFile.FileName);
        var locationPath = System.IO.Path.Combine(fullPath, DatabaseLocationFile.FileName);
        var keysPath = System.IO.Path.Combine(fullPath, KeyRingFolder);
        bool savedIdentity = false, savedLocation = false, madeKeys = false;
        try
        {
            var existing = IdentityFile.Load(fullPath, serverName);
            var identity = existing ?? IdentityFile.New(serverName, clock);
            if (store.BindToServer(identity.Id))
            {
                bound = identity;
            }
            if (existing is null)
            {
                IdentityFile.Save(fullPath, identity);
                savedIdentity = true;
            }
            if (database is not null && database.ConnectionString != recorded?.ConnectionString)
            {
                var hadLocation = File.Exists(locationPath);
                DatabaseLocationFile.Save(fullPath, database);
                savedLocation = !hadLocation;
            }
            madeKeys = savedIdentity && !Directory.Exists(keysPath);
            var protector = new DataProtectionSecretProtector(keysPath);
            var home = new ServerHome(fullPath, identity, store, protector, clock, isDefault);
            home.Repositories.EnsureDefault(System.IO.Path.Combine(fullPath, DefaultRepositoryFolder));
            return home;
        }
        catch
        {
            TakeBack(store, bound, savedIdentity ? identityPath : null, savedLocation ? locationPath : null, madeKeys ? keysPath : null);
            store.Dispose();
            throw;
        }
    }

    /// <summary>Best effort: a database left tied to an identity that was never saved could not be connected to again.</summary>
    private static void TakeBack(IConfigurationStore store, ServerIdentity? bound, string? identityFile, string? locationFile, string? keys)
    {
        try
        {
            if (bound is not null)
            {
                store.ReleaseServer(bound.Id);
            }
        }
        catch (ConfigBackupException)
        {
        }
        try
        {
            if (identityFile is not null) File.Delete(identityFile);
            if (locationFile is not null) File.Delete(locationFile);
            if (keys is not null && Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A restore killed while staging an older restore point leaves its staging database; it is of no use after.
    /// Only day-old ones are removed: on Unix a file in use can be deleted, and a running restore must keep its own.
    /// </summary>
    private static void RemoveStagingLeftovers(string home)
    {
        foreach (var file in Directory.EnumerateFiles(home, ".restore-staging-*"))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromDays(1))
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    internal static ConfigBackupException NotWritable(string fullPath, Exception ex) =>
        new("HomeNotWritable", ErrorKind.PermissionDenied,
            $"The server home '{fullPath}' cannot be created or written: {ex.Message} Choose a folder you can write to.", ex)
        {
            RecommendedAction = ex is IOException io && DiskSpace.IsDiskFull(io)
                ? "Free space on that disk, or choose a folder on another disk, then run the command again."
                : "Choose a folder you can write to, or give yourself write access to this one.",
        };

    /// <summary>Folder permissions do not tell the whole truth (read-only mounts, ACLs), so try a write.</summary>
    private static void ProbeWritable(string path)
    {
        var probe = System.IO.Path.Combine(path, $".write-probe-{Guid.NewGuid():N}");
        using (File.Create(probe, 1, FileOptions.DeleteOnClose))
        {
        }
    }

    /// <summary>Whether <paramref name="path"/> holds a server home already (its identity file).</summary>
    public static bool IsHome(string path) => File.Exists(System.IO.Path.Combine(System.IO.Path.GetFullPath(path), IdentityFile.FileName));

    public void Dispose() => _store.Dispose();
}
