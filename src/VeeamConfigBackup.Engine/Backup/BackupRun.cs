using System.Reflection;
using System.Text.Json;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Policy;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Storage;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// One run of the job: rules → snapshot → content → zstd → sealed chunks → a temporary file flushed to disk
/// → atomic rename → session → retention. Any failure leaves no restore point and no temporary file.
/// </summary>
internal sealed class BackupRun
{

    /// <summary>Held (exclusively) by the run in progress; one run at a time per server home.</summary>
    public const string LockFileName = ".backup.lock";
    private const int ProgressEveryRows = 20_000;

    private readonly ConfigBackupJob _job;
    private readonly BackupSource _source;
    private readonly BackupDestination _destination;
    private readonly BackupReporting _reporting;
    private readonly Func<ConfigBackupJobInfo, bool>? _stillWanted;
    private readonly DateTimeOffset _start;

    // stillWanted is asked once the run holds the lock, with the job as it is then: false ends the run before it starts,
    // unrecorded. A scheduler's "is a run due?" must be asked there, or two timers could both find one run due, one after the other.
    public BackupRun(ConfigBackupJob job, BackupSource source, BackupDestination destination, BackupReporting reporting,
        Func<ConfigBackupJobInfo, bool>? stillWanted = null)
    {
        _stillWanted = stillWanted;
        _job = job;
        _source = source;
        _destination = destination;
        _reporting = reporting;
        _start = source.Clock.GetUtcNow();
    }

    /// <returns>The run's result; null only when <c>stillWanted</c> said no.</returns>
    public ConfigBackupResult? Execute()
    {
        FileStream? runLock;
        try
        {
            // The lock file stays: deleting it on close would let a run that failed to lock it unlink the holder's file.
            runLock = new FileStream(Path.Combine(_source.HomePath, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException)
        {
            // Not recorded as a session: the run that holds the lock records its own.
            return Failed("BackupAlreadyRunning", "A configuration backup of this server is already running. Wait for it to finish.", [], record: false);
        }
        using (runLock)
        {
            try
            {
                return ExecuteLocked();
            }
            catch (Exception ex) when (ex is ConfigBackupException or System.Data.Common.DbException)
            {
                // The database failed before the run began (a dropped connection while reading the job): a Failed result, like any other failure.
                var failure = _source.Store.DescribeFailure(ex);
                return Failed(failure.ErrorId, $"The configuration backup did not start and wrote no restore point: {failure.Message}", []);
            }
        }
    }

    /// <summary>The run itself, while the caller holds the run lock.</summary>
    private ConfigBackupResult? ExecuteLocked()
    {
        var job = _job.Get();
        if (_stillWanted is not null && !_stillWanted(job))
        {
            return null;
        }
        // Whether a backup is overdue describes the time before this run, not the run.
        IReadOnlyList<PolicyWarning> warnings = _job.Evaluate(job).Where(w => w.RuleId != PolicyRules.NoRecentBackup).ToList();
        if (!job.Enabled)
        {
            // A scheduler calls this for every run, so a disabled job must really stop backups.
            return Failed("JobDisabled", "The configuration backup job is disabled and does not run. Enable it with Set-VBRConfigBackupJob -Enable.", warnings);
        }
        var blocking = warnings.Where(w => w.Severity == PolicySeverity.Blocking).ToList();
        if (blocking.Count > 0)
        {
            return Failed("BackupBlockedByPolicy", "The configuration backup job did not start: " + string.Join(" ", blocking.Select(b => b.Message)), warnings);
        }
        var repository = _destination.Repositories.List().FirstOrDefault(r => r.Id == job.RepositoryId);
        if (repository is null)
        {
            return Failed(PolicyRules.RepositoryMissing, "The configuration backup job's target repository no longer exists.", warnings);
        }
        IRestorePointStore storage;
        try
        {
            storage = _destination.Repositories.OpenStore(repository);
            storage.Prepare(_source.ServerName);
        }
        catch (ConfigBackupException ex)
        {
            return Failed(ex.ErrorId, ex.Message, warnings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed("RepositoryNotWritable", $"The repository '{repository.Name}' ({repository.Path}) cannot be written: {ex.Message}", warnings);
        }
        using var storageLease = storage;
        try
        {
            var created = _source.Clock.GetUtcNow();
            var fileName = RestorePointNaming.FileName(_source.ServerName, created);
            for (var attempt = 0; storage.Exists(_source.ServerName, fileName); attempt++)
            {
                if (attempt == 3)
                {
                    return Failed("RestorePointExists", $"A restore point named '{fileName}' already exists in '{storage.Location}'.", warnings);
                }
                // Two runs within one second: the name has second resolution, so wait for the next second.
                Thread.Sleep(1000 - created.Millisecond);
                created = _source.Clock.GetUtcNow();
                fileName = RestorePointNaming.FileName(_source.ServerName, created);
            }
            DateTimeOffset? immutableUntil = repository.IsImmutable ? created.AddDays(repository.ImmutabilityPeriod) : null;
            StoredRestorePoint point;
            Dictionary<string, long> counts;
            long logical;
            bool encrypted;
            using (var pending = storage.Create(_source.ServerName, fileName, immutableUntil))
            {
                (counts, logical, encrypted) = WritePoint(pending.Content, job, created);
                // A stop that came while the last bytes were written still leaves no restore point behind.
                _reporting.Cancellation.ThrowIfCancellationRequested();
                try
                {
                    point = pending.Commit();
                }
                catch (ImmutabilityNotSupportedException ex)
                {
                    return Failed(ex.ErrorId, $"The restore point could not be made immutable ({ex.Reason}), so it was deleted again: a hardened repository keeps no point that can be deleted. {ex.RecommendedAction}", warnings);
                }
            }
            var finalPath = point.Id;
            var size = point.SizeBytes;
            if (encrypted && MissingSecrets > 0)
            {
                warnings = [.. warnings, new PolicyWarning(PolicyRules.SecretsMissing, PolicySeverity.Warning,
                    $"{MissingSecrets} record(s) have no secret (they were restored from an unencrypted configuration backup), so this restore point carries none for them.",
                    "Set them again: Set-VBRCredentials -Password, Set-VBRPassword -Password, or add the certificate again.")];
            }
            var kept = new List<KeptRestorePoint>();
            var removed = _destination.ApplyRetention ? ApplyRetention(storage, job.RestorePointsToKeep, point, kept, ref warnings) : [];
            var outcome = warnings.Any(w => w.Severity == PolicySeverity.Warning && !PolicyRules.IsAdvisory(w.RuleId))
                ? BackupOutcome.Warning : BackupOutcome.Success;
            var end = _source.Clock.GetUtcNow();
            if (!TryRecord(outcome, end, finalPath, size, encrypted, warnings, null, out var recordError))
            {
                warnings = [.. warnings, new PolicyWarning(PolicyRules.SessionNotRecorded, PolicySeverity.Warning,
                    $"The restore point was written, but its session could not be recorded: {recordError}", "Check the configuration database; the restore point itself is complete.")];
                outcome = BackupOutcome.Warning;
            }
            warnings = [.. warnings, .. Notify(job, outcome, end, finalPath, size, warnings, null, null)];
            return new ConfigBackupResult
            {
                Result = outcome,
                StartTimeUtc = _start,
                EndTimeUtc = end,
                Path = finalPath,
                SizeBytes = size,
                LogicalBytes = logical,
                Encrypted = encrypted,
                SecretsIncluded = encrypted,
                RecordCounts = counts,
                // An array: the compiler's own list types for collection expressions cannot be indexed from PowerShell.
                Warnings = warnings.ToArray(),
                RemovedRestorePoints = removed,
                KeptImmutable = kept,
                ImmutableUntilUtc = immutableUntil,
            };
        }
        catch (OperationCanceledException)
        {
            return Failed("BackupCanceled", "The configuration backup was stopped before it finished; no restore point was written.", warnings);
        }
        catch (ConfigBackupException ex)
        {
            return Failed(ex.ErrorId, ex.Message, warnings);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The database failed under the snapshot (a dropped connection, say): its own error id, and no restore point.
            var failure = _source.Store.DescribeFailure(ex);
            return Failed(failure.ErrorId, $"The configuration backup failed and wrote no restore point: {failure.Message}", warnings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException
            or System.Security.Cryptography.CryptographicException or InvalidDataException)
        {
            return Failed("BackupWriteFailed", $"The configuration backup failed and wrote no restore point: {ex.Message}", warnings);
        }
    }

    private (Dictionary<string, long> Counts, long Logical, bool Encrypted) WritePoint(Stream file, ConfigBackupJobInfo job, DateTimeOffset created)
    {
        using var password = job.EncryptionEnabled ? _source.Passwords.Reveal(_source.Passwords.Get(job.PasswordId!.Value)) : null;
        var metadata = new RestorePointHeader
        {
            ServerName = _source.ServerName,
            ServerId = _source.ServerId,
            CreationTimeUtc = created,
            ProductVersion = ProductVersion,
            SchemaVersion = SqliteSchema.CurrentVersion,
            PasswordHint = job.EncryptionEnabled ? job.PasswordHint : null,
        };
        using var snapshot = _source.Store.OpenSnapshot();
        var tables = ExportedTables.All;
        var total = Math.Max(1, tables.Sum(snapshot.CountRows));
        long done = 0;
        var secrets = new SecretExport(_source.Protector, include: password is not null);
        _reporting.Progress?.Report("Reading the configuration", 0);
        var protection = password is null ? null : _job.CurrentProtection();
        using var officerKey = protection?.Officer?.Key;
        using (var writer = RestorePointWriter.Begin(file, metadata, password, protection))
        {
            foreach (var table in tables)
            {
                writer.Content.BeginTable(table);
                var before = done;
                writer.Content.WriteRows(snapshot.ReadRowsInPlace(table), secrets, rows =>
                {
                    _reporting.Cancellation.ThrowIfCancellationRequested();
                    done = before + rows;
                    if (done % ProgressEveryRows < 1024)
                    {
                        _reporting.Progress?.Report($"Writing {table.Name}", (int)(100 * done / total));
                    }
                });
                writer.Content.EndTable();
                done = before + writer.Content.RowCounts[table.Name];
                _reporting.Cancellation.ThrowIfCancellationRequested();
            }
            writer.Complete();
            MissingSecrets = secrets.Missing;
            _reporting.Progress?.Report("Restore point written", 100);
            return (writer.Content.RowCounts, writer.LogicalBytes, password is not null);
        }
    }

    /// <summary>
    /// Deletes the oldest restore points beyond the limit, only after the new one is durable, never the new one, and never
    /// one that is still immutable (those are listed in <paramref name="kept"/>); an expired one loses its flags and goes.
    /// </summary>
    private List<string> ApplyRetention(IRestorePointStore storage, int keep, StoredRestorePoint newest, List<KeptRestorePoint> kept, ref IReadOnlyList<PolicyWarning> warnings)
    {
        List<StoredRestorePoint> named;
        try
        {
            named = storage.List(_source.ServerName).Where(p => RestorePointNaming.IsRestorePointOf(p.Name, _source.ServerName)).ToList();
        }
        catch (Exception ex) when (ex is ConfigBackupException or IOException or UnauthorizedAccessException)
        {
            // The new point is written and durable: a repository that cannot be listed now only postpones retention.
            warnings = [.. warnings, new PolicyWarning(PolicyRules.RetentionFailed, PolicySeverity.Warning,
                $"Retention could not list the restore points in '{storage.Location}': {ex.Message}", "The next run tries again; check the repository if it keeps failing.")];
            return [];
        }
        // A name from the future (a clock that once ran ahead) would sort as newest and take a kept place for good;
        // such points are neither counted nor deleted, and reported.
        var limit = _source.Clock.GetUtcNow().AddHours(1);
        var future = named.Where(p => RestorePointNaming.TimeOf(p.Name, _source.ServerName) > limit && p.Id != newest.Id).ToList();
        foreach (var point in future)
        {
            warnings = [.. warnings, new PolicyWarning(PolicyRules.RetentionFailed, PolicySeverity.Warning,
                $"The restore point '{point.Id}' is named after a time in the future, so retention leaves it alone.", "Check the server's clock; delete the file by hand if it is not needed.")];
        }
        var points = named.Except(future).OrderByDescending(p => p.Name, StringComparer.Ordinal).ToList();
        var removed = new List<string>();
        var now = _source.Clock.GetUtcNow();
        foreach (var old in points.Skip(keep).Where(p => p.Id != newest.Id))
        {
            try
            {
                storage.Delete(old, now);
                removed.Add(old.Id);
            }
            catch (RestorePointImmutableException ex)
            {
                kept.Add(new KeptRestorePoint(old.Id, ex.ImmutableUntilUtc));
            }
            catch (ImmutabilityNotSupportedException ex)
            {
                warnings = [.. warnings, new PolicyWarning(PolicyRules.RetentionFailed, PolicySeverity.Warning,
                    $"The expired restore point '{old.Id}' could not be released from immutability: {ex.Reason}.", "Run the job as root (or with CAP_LINUX_IMMUTABLE) so that retention can delete expired points.")];
            }
            catch (ConfigBackupException ex)
            {
                warnings = [.. warnings, new PolicyWarning(PolicyRules.RetentionFailed, PolicySeverity.Warning,
                    $"The old restore point '{old.Id}' could not be deleted: {ex.Message}", "Delete it by hand or check the repository's permissions.")];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                warnings = [.. warnings, new PolicyWarning(PolicyRules.RetentionFailed, PolicySeverity.Warning,
                    $"The old restore point '{old.Id}' could not be deleted: {ex.Message}", "Delete it by hand or check the repository's permissions.")];
            }
        }
        return removed;
    }

    private ConfigBackupResult Failed(string errorId, string message, IReadOnlyList<PolicyWarning> warnings, bool record = true)
    {
        var end = _source.Clock.GetUtcNow();
        if (record && !TryRecord(BackupOutcome.Failed, end, null, 0, false, warnings, message, out var recordError, errorId))
        {
            message += $" (The failed run could not be recorded either: {recordError})";
        }
        if (record)
        {
            // A run the rules blocked is a run that failed, and people are told so like of any other failure.
            warnings = [.. warnings, .. Notify(null, BackupOutcome.Failed, end, null, 0, warnings, errorId, message)];
        }
        return new ConfigBackupResult
        {
            Result = BackupOutcome.Failed,
            StartTimeUtc = _start,
            EndTimeUtc = end,
            Warnings = warnings.ToArray(),
            Error = message,
            ErrorId = errorId,
        };
    }

    /// <summary>Records the session; a database that refuses (locked by a restore elsewhere, say) is reported, never thrown.</summary>
    private bool TryRecord(BackupOutcome outcome, DateTimeOffset end, string? path, long size, bool encrypted, IReadOnlyList<PolicyWarning> warnings, string? error,
        out string? failure, string? errorId = null)
    {
        try
        {
            Record(outcome, end, path, size, encrypted, warnings, error, errorId);
            failure = null;
            return true;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or ConfigBackupException)
        {
            // In the database's own terms (a full disk is DatabaseDiskFull, not "SQLite Error 13").
            failure = _source.Store.DescribeFailure(ex).Message;
            return false;
        }
    }

    private void Record(BackupOutcome outcome, DateTimeOffset end, string? path, long size, bool encrypted, IReadOnlyList<PolicyWarning> warnings, string? error, string? errorId)
    {
        _source.Store.InsertConfigBackupSession(new BackupSession
        {
            Id = Guid.NewGuid(),
            StartTimeUtc = _start,
            EndTimeUtc = end,
            Result = outcome,
            Path = path,
            SizeBytes = size,
            Encrypted = encrypted,
            SecretsIncluded = encrypted,
            Details = error ?? string.Join(" ", warnings.Select(w => w.RuleId)),
            ErrorId = errorId,
        }.ToRow());
        _job.RecordRun(_start, outcome);
    }

    /// <summary>
    /// Sends 40700 for the run, after the run is recorded: a receiver that is down, slow or refuses only adds a
    /// NotificationFailed warning per receiver; the restore point and the session stay as they are.
    /// </summary>
    private IEnumerable<PolicyWarning> Notify(ConfigBackupJobInfo? job, BackupOutcome outcome, DateTimeOffset end, string? path, long size,
        IReadOnlyList<PolicyWarning> warnings, string? errorId, string? error)
    {
        IReadOnlyList<Notifications.NotificationDelivery> deliveries;
        try
        {
            job ??= _job.Get();
            var facts = new List<KeyValuePair<string, string>>
            {
                new("JobName", ConfigBackupJobInfo.JobName),
                new("JobResult", outcome.ToString()),
                new("Duration", (end - _start).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture)),
                new("RestorePoint", path ?? "none"),
                new("Size", size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes"),
                new("Warnings", warnings.Count == 0 ? "none" : string.Join(", ", warnings.Select(w => w.RuleId))),
            };
            if (errorId is not null)
            {
                facts.Add(new("ErrorId", errorId));
                facts.Add(new("Error", error ?? ""));
            }
            var notification = Notifications.ProductEvents.JobFinished(_job.Notifications.Origin, end, outcome.ToString(), job.RepositoryId, job.Repository,
                job.RestorePointsToKeep, job.EncryptionEnabled, job.PasswordId, facts);
            // The run reports its own failed deliveries in its result, so none is kept for the host to tell again.
            deliveries = _job.Notifications.Deliver(notification, _job.RoutingFor(job, outcome));
        }
        catch (Exception ex) when (ex is ConfigBackupException or System.Data.Common.DbException)
        {
            deliveries = [new Notifications.NotificationDelivery { Receiver = "notification settings", Delivered = false, Error = _source.Store.DescribeFailure(ex).Message }];
        }
        return deliveries.Where(d => !d.Delivered).Select(d => new PolicyWarning(PolicyRules.NotificationFailed, PolicySeverity.Warning,
            $"NotificationFailed: the notification to {d.Receiver} was not delivered: {d.Error?.TrimEnd('.')}.",
            "Check that the receiver runs and accepts this server, then run Send-VBRTestNotification; the restore point and the session are not affected."));
    }

    /// <summary>Secret columns that were empty in the database (restored without secrets, not entered again).</summary>
    private int MissingSecrets { get; set; }

    internal static string ProductVersion { get; } =
        typeof(BackupRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
