using VeeamConfigBackup.Engine.Errors;
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

    internal ConfigBackupJob(BackupSource source, RepositoryCatalog repositories, PasswordLossProtection recovery, SecurityOfficerProtection officer)
    {
        _source = source;
        _repositories = repositories;
        _recovery = recovery;
        _officer = officer;
    }

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
        };
    }

    public ConfigBackupJobInfo Update(bool? enabled = null, Guid? repositoryId = null, int? restorePointsToKeep = null, ScheduleOptions? schedule = null)
    {
        var row = Row();
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
        });
        return Get();
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
        _source.Store.SaveConfigBackupJob(Row() with { EncryptionEnabled = true, EncryptionPasswordId = password.Id });
        return EncryptionStatus();
    }

    public ConfigBackupEncryptionStatus DisableEncryption()
    {
        _source.Store.SaveConfigBackupJob(Row() with { EncryptionEnabled = false, EncryptionPasswordId = null });
        return EncryptionStatus();
    }

    /// <summary>The rules' findings for the configuration as it is now.</summary>
    public IReadOnlyList<PolicyWarning> Evaluate() => Evaluate(Get());

    internal IReadOnlyList<PolicyWarning> Evaluate(ConfigBackupJobInfo job)
    {
        var repositories = _repositories.List();
        var target = repositories.FirstOrDefault(r => r.Id == job.RepositoryId);
        var lastGood = Sessions().Where(s => s.Result != BackupOutcome.Failed).Select(s => (DateTimeOffset?)s.StartTimeUtc).LastOrDefault();
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
