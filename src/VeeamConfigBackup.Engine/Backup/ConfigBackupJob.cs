using System.Text.Json;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications;
using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Recovery;
using VeeamConfigBackup.Engine.SecurityOfficer;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// The single, pre-configured configuration backup job: it can be changed, enabled or disabled, never
/// created or deleted. Defaults: daily at 10:00, 10 restore points, the default repository, unencrypted.
/// </summary>
public sealed class ConfigBackupJob
{
    public const int DefaultRestorePointsToKeep = 10;
    public const int MaxRestorePointsToKeep = 255;

    private readonly BackupSource _source;
    private readonly RepositoryCatalog _repositories;
    private readonly PasswordLossProtection _recovery;
    private readonly SecurityOfficerProtection _officer;
    private readonly NotificationSettings _notificationSettings;

    internal ConfigBackupJob(BackupSource source, RepositoryCatalog repositories, PasswordLossProtection recovery, SecurityOfficerProtection officer,
        NotificationPublisher notifications, NotificationSettings notificationSettings)
    {
        _source = source;
        _repositories = repositories;
        _recovery = recovery;
        _officer = officer;
        Notifications = notifications;
        _notificationSettings = notificationSettings;
    }

    /// <summary>Where the job's events go (40700 for each run, 31500 for each change).</summary>
    internal NotificationPublisher Notifications { get; }

    /// <summary>Time zone the schedule is read in; the server's own unless a test says otherwise.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Local;

    public ConfigBackupJobInfo Get()
    {
        var row = Row();
        var schedule = ScheduleOptions.FromJson(row.ScheduleJson);
        var repository = _repositories.List().FirstOrDefault(r => r.Id == row.RepositoryId);
        var password = row.EncryptionPasswordId is { } id ? _source.Passwords.List().FirstOrDefault(p => p.Id == id) : null;
        return new ConfigBackupJobInfo
        {
            Enabled = row.Enabled,
            RepositoryId = row.RepositoryId,
            Repository = repository?.Name,
            RestorePointsToKeep = row.RestorePointsToKeep,
            ScheduleOptions = schedule,
            EncryptionEnabled = row.EncryptionEnabled,
            PasswordId = row.EncryptionPasswordId,
            PasswordHint = password?.Hint,
            LastRunUtc = row.LastRunUtc,
            LastResult = row.LastResult is null ? null : Enum.Parse<BackupOutcome>(row.LastResult),
            NextRunUtc = row.Enabled ? schedule.NextRunAfter(_source.Clock.GetUtcNow(), TimeZone) : null,
            NotificationOptions = row.NotificationJson is { } json
                ? JsonSerializer.Deserialize<JobNotificationOptions>(json) ?? new JobNotificationOptions()
                : new JobNotificationOptions(),
        };
    }

    public ConfigBackupJobInfo Update(bool? enabled = null, Guid? repositoryId = null, int? restorePointsToKeep = null, ScheduleOptions? schedule = null,
        JobNotificationOptions? notificationOptions = null)
    {
        var row = Row();
        var before = Get();
        if (notificationOptions is not null)
        {
            foreach (var address in notificationOptions.AdditionalAddress)
            {
                if (!MailAddressRule.IsValid(address))
                {
                    throw new ConfigBackupException("InvalidMailAddress", ErrorKind.InvalidArgument, $"'{address}' is not an e-mail address.")
                    {
                        RecommendedAction = "Give addresses such as backup-admins@example.com in -AdditionalAddress.",
                    };
                }
            }
        }
        if (restorePointsToKeep is < 1 or > MaxRestorePointsToKeep)
        {
            throw new ConfigBackupException("InvalidRestorePointsToKeep", ErrorKind.InvalidArgument,
                $"Restore points to keep must be 1 to {MaxRestorePointsToKeep}; {restorePointsToKeep} was given.");
        }
        if (repositoryId is { } repo && _repositories.List().All(r => r.Id != repo))
        {
            throw new RecordNotFoundException(RecordKind.Repository, repo.ToString());
        }
        _source.Store.SaveConfigBackupJob(row with
        {
            Enabled = enabled ?? row.Enabled,
            RepositoryId = repositoryId ?? row.RepositoryId,
            RestorePointsToKeep = restorePointsToKeep ?? row.RestorePointsToKeep,
            ScheduleJson = schedule?.Validated().ToJson() ?? row.ScheduleJson,
            NotificationJson = notificationOptions is null ? row.NotificationJson : JsonSerializer.Serialize(notificationOptions),
        });
        var after = Get();
        PublishChanges(before, after);
        return after;
    }

    /// <summary>31500 for what a change really changed (nothing is sent when nothing did).</summary>
    private void PublishChanges(ConfigBackupJobInfo before, ConfigBackupJobInfo after)
    {
        var changes = new List<ChangedProperty>();
        void Compare(string name, string @internal, string type, string? old, string? now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                changes.Add(new ChangedProperty(name, @internal, type, old ?? "", now ?? ""));
            }
        }
        Compare("Enabled", "Enabled", "Boolean", before.Enabled.ToString(), after.Enabled.ToString());
        Compare("Backup repository", "TargetRepositoryId", "Guid", before.RepositoryId?.ToString(), after.RepositoryId?.ToString());
        Compare("Configuration backup retention", "ConfigurationBackupRetentionPolicy", "Integer", before.RestorePointsToKeep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            after.RestorePointsToKeep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("Schedule", "ScheduleOptions", "String", before.ScheduleOptions.ToString(), after.ScheduleOptions.ToString());
        Compare("Encryption", "StorageEncryptionEnabled", "Boolean", before.EncryptionEnabled.ToString(), after.EncryptionEnabled.ToString());
        Compare("Encryption password", "StorageCryptoKeyId", "Guid", before.PasswordId?.ToString(), after.PasswordId?.ToString());
        Compare("Notification options", "NotificationOptions", "String", JsonSerializer.Serialize(before.NotificationOptions), JsonSerializer.Serialize(after.NotificationOptions));
        if (changes.Count > 0)
        {
            Notifications.Publish((origin, time) => ProductEvents.JobSettingsUpdated(origin, time, JobId, changes));
        }
    }

    /// <summary>The job's id in events: the same on every server, as the product's configuration backup job is one per server.</summary>
    private static readonly Guid JobId = new("8d3e6f10-6b3c-4f58-9d2e-2f1c0c0b5a70");

    /// <summary>Who gets the e-mail and the trap for a run that ended with <paramref name="outcome"/>.</summary>
    internal NotificationRouting RoutingFor(ConfigBackupJobInfo job, BackupOutcome outcome)
    {
        var mail = _notificationSettings.GetMail();
        var options = job.NotificationOptions;
        var globalWants = outcome switch
        {
            BackupOutcome.Success => mail.NotifyOnSuccess,
            BackupOutcome.Warning => mail.NotifyOnWarning,
            _ => mail.NotifyOnFailure,
        };
        var extraWants = options.EnableAdditionalNotification && options.AdditionalAddress.Count > 0 && (!options.UseNotificationOptions ? globalWants : outcome switch
        {
            BackupOutcome.Success => options.NotifyOnSuccess,
            BackupOutcome.Warning => options.NotifyOnWarning,
            _ => options.NotifyOnError,
        });
        return new NotificationRouting
        {
            Mail = globalWants || extraWants,
            ExtraRecipients = extraWants ? options.AdditionalAddress : [],
            ExtraRecipientsOnly = extraWants && !globalWants,
            MailSubject = options.EnableAdditionalNotification && options.NotificationSubject.Length > 0 ? options.NotificationSubject : null,
            Snmp = options.EnableSnmpNotification,
        };
    }

    public ConfigBackupEncryptionStatus EncryptionStatus()
    {
        var job = Get();
        return new ConfigBackupEncryptionStatus
        {
            Enabled = job.EncryptionEnabled,
            PasswordId = job.PasswordId,
            PasswordHint = job.PasswordHint,
            PasswordLossProtection = _recovery.Status().Enabled,
            SecurityOfficer = _officer.Status().Enabled,
            Warnings = Evaluate(job),
        };
    }

    /// <summary>Encrypts configuration backups with a Password Manager password from the next run on.</summary>
    public ConfigBackupEncryptionStatus EnableEncryption(Guid passwordId)
    {
        var password = _source.Passwords.Get(passwordId);
        var before = Get();
        _source.Store.SaveConfigBackupJob(Row() with { EncryptionEnabled = true, EncryptionPasswordId = password.Id });
        PublishChanges(before, Get());
        return EncryptionStatus();
    }

    public ConfigBackupEncryptionStatus DisableEncryption()
    {
        var before = Get();
        _source.Store.SaveConfigBackupJob(Row() with { EncryptionEnabled = false, EncryptionPasswordId = null });
        PublishChanges(before, Get());
        return EncryptionStatus();
    }

    /// <summary>The rules' findings for the configuration as it is now.</summary>
    public IReadOnlyList<PolicyWarning> Evaluate() => Evaluate(Get());

    internal IReadOnlyList<PolicyWarning> Evaluate(ConfigBackupJobInfo job)
    {
        var repositories = _repositories.List();
        var target = repositories.FirstOrDefault(r => r.Id == job.RepositoryId);
        var lastGood = Sessions().Where(s => s.Type == SessionType.Backup && s.Result != BackupOutcome.Failed).Select(s => (DateTimeOffset?)s.StartTimeUtc).LastOrDefault();
        return PolicyEvaluator.Evaluate(new PolicyContext
        {
            JobEnabled = job.Enabled,
            EncryptionEnabled = job.EncryptionEnabled,
            TargetRepositoryId = job.RepositoryId,
            LongestScheduleGap = job.ScheduleOptions.LongestGap(),
            PasswordCount = _source.Passwords.List().Count,
            Repositories = repositories,
            PasswordLossProtection = _recovery.Status().Enabled,
            SecurityOfficer = _officer.Status().Enabled,
            LastGoodBackupUtc = lastGood,
            NowUtc = _source.Clock.GetUtcNow(),
            HomePath = _source.HomePath,
            // Object storage is not probed here (a request per evaluation); a run that cannot write there fails with the storage's error.
            TargetWritable = target is null || target.Type == RepositoryType.S3Compatible || FolderProbe.CanWrite(target.Path),
        });
    }

    /// <summary>What the next encrypted run wraps its keys for besides the password.</summary>
    internal KeyProtection CurrentProtection() => new(_recovery.Current, _officer.Current());

    public IReadOnlyList<BackupSession> Sessions() => _source.Store.ListConfigBackupSessions().Select(BackupSession.FromRow).ToList();

    /// <summary>Runs the job now. Never throws for a failed run: the result says Failed and why.</summary>
    public ConfigBackupResult Run(IBackupProgress? progress = null, CancellationToken cancellation = default) =>
        new BackupRun(this, _source, new BackupDestination(_repositories, ApplyRetention: true), new BackupReporting(progress, cancellation)).Execute()!;

    /// <summary>
    /// Runs the job only if <paramref name="stillWanted"/>, asked with the job as it is once this run holds the server's
    /// run lock, says so; null (and nothing recorded) when it does not. A run already in progress is a Failed result
    /// with the error id <c>BackupAlreadyRunning</c>, as for <see cref="Run"/>.
    /// </summary>
    public ConfigBackupResult? RunIf(Func<ConfigBackupJobInfo, bool> stillWanted, IBackupProgress? progress = null, CancellationToken cancellation = default) =>
        new BackupRun(this, _source, new BackupDestination(_repositories, ApplyRetention: true), new BackupReporting(progress, cancellation), stillWanted).Execute();

    /// <summary>The clock the job's times are read from.</summary>
    internal TimeProvider Clock => _source.Clock;

    /// <summary>
    /// A run that deletes nothing: taken before a restore, whose own restore point may be one that retention
    /// would otherwise delete.
    /// </summary>
    internal ConfigBackupResult RunWithoutRetention(IBackupProgress? progress, CancellationToken cancellation) =>
        new BackupRun(this, _source, new BackupDestination(_repositories, ApplyRetention: false), new BackupReporting(progress, cancellation)).Execute()!;

    internal void RecordRun(DateTimeOffset startUtc, BackupOutcome outcome) =>
        _source.Store.SaveConfigBackupJob(Row() with { LastRunUtc = startUtc, LastResult = outcome.ToString() });

    private ConfigBackupJobRow Row()
    {
        var row = _source.Store.GetConfigBackupJob();
        if (row is null)
        {
            row = new ConfigBackupJobRow
            {
                Enabled = true,
                RepositoryId = _repositories.Default.Id,
                RestorePointsToKeep = DefaultRestorePointsToKeep,
                ScheduleJson = ScheduleOptions.Default(ScheduleType.Daily).ToJson(),
                EncryptionEnabled = false,
            };
            _source.Store.SaveConfigBackupJob(row);
        }
        return row;
    }
}
