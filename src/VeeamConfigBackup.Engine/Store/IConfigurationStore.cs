using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Store;

/// <summary>
/// The configuration database, engine-neutral: nothing above this interface knows which database
/// engine holds the data. Secrets arrive and leave already protected; the store never sees plain text.
/// </summary>
internal interface IConfigurationStore : IDisposable
{
    /// <summary>The database engine's name, for display ("SQLite", "PostgreSQL").</summary>
    string EngineName { get; }

    /// <summary>Where the database is, without any password.</summary>
    string Location { get; }

    int SchemaVersion { get; }

    /// <summary>
    /// Ties the database to the server whose key ring protects its secrets; a database already tied to another
    /// server is refused (<c>DatabaseBelongsToAnotherServer</c>). True when this call made the tie.
    /// </summary>
    bool BindToServer(Guid serverId);

    /// <summary>Undoes a tie this session made, when the home it was made for could not be created after all.</summary>
    void ReleaseServer(Guid serverId);

    /// <summary>The module's error (stable id, no secret, no row values) for a failure this store's engine raised.</summary>
    ConfigBackupException DescribeFailure(Exception ex);

    IReadOnlyList<PasswordRow> ListPasswords();

    void InsertPassword(PasswordRow record);

    void UpdatePassword(PasswordRow record);

    bool DeletePassword(Guid id);

    /// <summary>Names of the jobs that encrypt with the password.</summary>
    IReadOnlyList<string> ListPasswordUsers(Guid passwordId);

    IReadOnlyList<CredentialsRow> ListCredentials();

    void InsertCredentials(CredentialsRow record);

    void UpdateCredentials(CredentialsRow record);

    bool DeleteCredentials(Guid id);

    IReadOnlyList<RepositoryRow> ListRepositories();

    void InsertRepository(RepositoryRow record);

    bool DeleteRepository(Guid id);

    /// <summary>Changes a hardened repository's immutability period (days) for the points written after it.</summary>
    void SetRepositoryImmutability(Guid id, int days);

    IReadOnlyList<CertificateRow> ListCertificates();

    void InsertCertificate(CertificateRow record);

    bool DeleteCertificate(Guid id);

    IReadOnlyList<KmsServerRow> ListKmsServers();

    void InsertKmsServer(KmsServerRow record);

    bool DeleteKmsServer(Guid id);

    /// <summary>
    /// Reserves one password comparison, in one transaction with the check that allows it, so that no number of
    /// racing sessions or processes gets more comparisons than the throttle allows. The reservation counts as a
    /// failure at <paramref name="atUtc"/> until <see cref="ReleaseVerificationAttempt"/> takes it back. Refused, and
    /// null is not returned, when a block is in force or when <paramref name="maxAttempts"/> attempts since
    /// <paramref name="windowStartUtc"/> are already counted (which then starts a block until <paramref name="blockUntilUtc"/>).
    /// </summary>
    /// <returns>Null when the attempt is reserved; otherwise the end of the block in force.</returns>
    DateTimeOffset? ReserveVerificationAttempt(DateTimeOffset atUtc, DateTimeOffset windowStartUtc, int maxAttempts, DateTimeOffset blockUntilUtc);

    /// <summary>A reserved attempt that matched no longer counts as a failure.</summary>
    void ReleaseVerificationAttempt(DateTimeOffset atUtc);

    /// <summary>
    /// After a reserved attempt failed: when <paramref name="maxAttempts"/> failures since <paramref name="windowStartUtc"/>
    /// are counted, starts the block until <paramref name="blockUntilUtc"/> and forgets the failures that caused it.
    /// </summary>
    void ConfirmVerificationFailure(DateTimeOffset windowStartUtc, int maxAttempts, DateTimeOffset blockUntilUtc);

    DateTimeOffset? GetVerificationBlockedUntil();

    /// <summary>The configuration backup job's row, or null before it was first saved.</summary>
    ConfigBackupJobRow? GetConfigBackupJob();

    void SaveConfigBackupJob(ConfigBackupJobRow job);

    void InsertConfigBackupSession(ConfigBackupSessionRow session);

    IReadOnlyList<ConfigBackupSessionRow> ListConfigBackupSessions();

    IReadOnlyList<NotificationReceiverRow> ListNotificationReceivers();

    void InsertNotificationReceiver(NotificationReceiverRow row);

    void UpdateNotificationReceiver(NotificationReceiverRow row);

    bool DeleteNotificationReceiver(Guid id);

    IReadOnlyList<SnmpReceiverRow> ListSnmpReceivers();

    /// <summary>Replaces the whole list of SNMP receivers in one transaction (the product sets them as one list).</summary>
    void ReplaceSnmpReceivers(IReadOnlyList<SnmpReceiverRow> rows);

    RecoveryKeyRow? GetRecoveryKey();

    /// <summary>Sets (or, with null, removes) the recovery public key.</summary>
    void SetRecoveryKey(RecoveryKeyRow? row);

    SecurityOfficerRow? GetSecurityOfficer();

    void SetSecurityOfficer(SecurityOfficerRow row);

    /// <summary>A consistent read-only view for a backup, independent of later writes.</summary>
    IStoreSnapshot OpenSnapshot();

    /// <summary>
    /// Starts replacing the content of the given tables in one transaction: nothing is visible to anyone
    /// until <see cref="IStoreImport.Commit"/>, and disposing without it leaves the database as it was.
    /// </summary>
    IStoreImport BeginImport(IEnumerable<string> tablesToReplace);

    /// <summary>Inserts rows into an exported table in one transaction (generated configurations, restores).</summary>
    void BulkInsert(Archive.TableSchema table, IEnumerable<object?[]> rows);
}
