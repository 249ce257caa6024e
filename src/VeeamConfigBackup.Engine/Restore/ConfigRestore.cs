using System.Diagnostics;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>
/// Restores a restore point into a server: verify while staging, re-protect every secret with the target's
/// key ring, and change the target only in one final commit. A wrong password, a damaged or truncated file,
/// an I/O error or a killed process leave the target exactly as it was.
/// </summary>
public static class ConfigRestore
{
    public static ConfigRestoreResult Run(IRestoreTarget target, RestoreRequest request, IBackupProgress? progress = null, CancellationToken cancellation = default) =>
        Run(target, target.Path, request, progress, cancellation);

    /// <summary>
    /// With <see cref="RestoreRequest.WhatIf"/>, <paramref name="target"/> may be null: a migrate's -WhatIf into
    /// a home that does not exist yet verifies the point without creating the home.
    /// </summary>
    public static ConfigRestoreResult Run(IRestoreTarget? target, string targetPath, RestoreRequest request, IBackupProgress? progress = null, CancellationToken cancellation = default)
    {
        if (target is null && (!request.WhatIf || request.Mode != RestoreMode.Migrate))
        {
            throw new ArgumentException("Only a migrate's WhatIf runs without an opened target.", nameof(target));
        }
        if (target is null || request.WhatIf)
        {
            return Execute(target, targetPath, request, progress, cancellation);
        }
        // Every restore that was asked for is on the record, whether it ended well, failed half-way or was refused.
        var start = target.Notifications.Clock.GetUtcNow();
        try
        {
            var result = Execute(target, targetPath, request, progress, cancellation);
            RestoreRecord.Write(target, request, start, result.Warnings.Count > 0 ? "Warning" : "Success", null,
                $"Restored {result.RecordCounts.Sum(c => c.Value)} record(s) of {result.RecordCounts.Count} table(s) from server '{result.SourceServerName}'." +
                (result.Warnings.Count > 0 ? " " + string.Join(" ", result.Warnings) : ""), result.SecretsRestored);
            return result;
        }
        catch (ConfigBackupException ex)
        {
            RestoreRecord.Write(target, request, start, "Failed", ex.ErrorId, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            RestoreRecord.Write(target, request, start, "Failed", "RestoreCanceled", "The restore was stopped before it finished; the target is as it was.");
            throw;
        }
    }

    private static ConfigRestoreResult Execute(IRestoreTarget? target, string targetPath, RestoreRequest request, IBackupProgress? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var (opened, fileLength) = RestorePointFile.Open(request.Path, request.Store);
        using var reader = opened;
        var header = reader.Header;
        if (header.SchemaVersion > SqliteSchema.CurrentVersion)
        {
            throw new ConfigBackupException("RestorePointSchemaTooNew", ErrorKind.NotSupported,
                $"The restore point was made with schema version {header.SchemaVersion}; this module knows up to {SqliteSchema.CurrentVersion}. Update the module to restore it.");
        }
        if (request.Mode == RestoreMode.Restore && header.ServerId != target!.ServerId)
        {
            throw new ConfigBackupException("RestorePointFromAnotherServer", ErrorKind.InvalidOperation,
                $"The restore point was made on server '{header.ServerName}', not on '{target.ServerName}'. To bring it to this server, use -Mode Migrate.");
        }
        var warnings = new List<string>();
        if (!header.Encrypted && (request.Password is not null || request.RecoveryKeyPath is not null))
        {
            // Whoever gives a password expects an encrypted point; an unencrypted one can be made by anyone.
            throw new ConfigBackupException("RestorePointNotEncrypted", ErrorKind.SecurityError,
                "This restore point is not encrypted, but a password or recovery key was given: it is not the restore point you expect (anyone can make an unencrypted one). To restore it anyway, run again without -Password and -RecoveryKeyPath.");
        }
        if (!header.Encrypted && target?.SecurityOfficer.Status().Enabled == true)
        {
            throw new ConfigBackupException("RestorePointNotEncrypted", ErrorKind.SecurityError,
                "A Security Officer protects this server, and an unencrypted restore point cannot be restored into it.");
        }
        var content = request.Credentials.Open(reader);
        var rows = new RowTransform(targetPath, request.WhatIf ? null : target!.Protector, request.Mode, header.SecretsIncluded);

        var known = ExportedTables.All.ToDictionary(t => t.Name, StringComparer.Ordinal);
        string? existingBackup = null;
        if (request.BackupExisting && !request.WhatIf)
        {
            // Taken before anything changes; if it cannot be taken, nothing is restored.
            var backup = target!.ConfigBackupJob.RunWithoutRetention(progress, cancellation);
            if (backup.Result == BackupOutcome.Failed)
            {
                throw new ConfigBackupException("BackupExistingFailed", ErrorKind.InvalidOperation,
                    $"The configuration backup of the target, taken before the restore, failed, so nothing was restored: {backup.Error}");
            }
            existingBackup = backup.Path;
        }

        var replaced = ExportedTables.All.Where(t => !t.IsHistory || request.IncludeSessionHistory).Select(t => t.Name).ToList();
        // A restore never weakens the target's protection: a recovery key or Security Officer the target has stays as it is;
        // the restore point's setting is taken only where the target has none (a new server gets the source's protection).
        if (!header.Encrypted)
        {
            // Protection settings are never taken from content that nothing authenticates.
            replaced.Remove("password_loss_protection");
            replaced.Remove("security_officer");
        }
        else if (target?.PasswordLossProtection.Status().Enabled == true)
        {
            replaced.Remove("password_loss_protection");
            warnings.Add("The target's password loss protection stays as it is; a setting carried by the restore point is not applied.");
        }
        if (header.Encrypted && target?.SecurityOfficer.Status().Enabled == true)
        {
            replaced.Remove("security_officer");
            warnings.Add("The target's Security Officer stays as it is; a setting carried by the restore point is not applied.");
        }
        if (request.WhatIf)
        {
            // Read and verify everything, note what would need its secret again, write nothing at all.
            while (content.NextTable() is { } table)
            {
                if (header.SchemaVersion == SqliteSchema.CurrentVersion)
                {
                    CurrentShape(table, known);
                }
                while (content.NextRow() is { } row)
                {
                    rows.Apply(table, row);
                }
            }
        }
        else
        {
            try
            {
                if (header.SchemaVersion == SqliteSchema.CurrentVersion)
                {
                    using var import = target!.Store.BeginImport(replaced);
                    Copy(content, rows, replaced, known, progress, cancellation, fileLength, reader, import.Insert);
                    progress?.Report("Committing", 99);
                    import.Commit();
                }
                else
                {
                    RestoreOlderSchema(target!, header.SchemaVersion, content, rows, replaced, progress, cancellation, fileLength, reader);
                }
            }
            catch (System.Data.Common.DbException ex)
            {
                // The target's database failed (a dropped connection, a lock): the import was not committed, so nothing changed.
                throw target!.Store.DescribeFailure(ex);
            }
        }
        progress?.Report("Restore complete", 100);
        return new ConfigRestoreResult
        {
            Mode = request.Mode,
            Source = request.Path,
            Target = targetPath,
            TargetServerName = target?.ServerName,
            SourceServerName = header.ServerName,
            RecordCounts = content.RowCounts.Where(c => request.IncludeSessionHistory || !known.TryGetValue(c.Key, out var t) || !t.IsHistory)
                .ToDictionary(c => c.Key, c => c.Value),
            SecretsRestored = header.SecretsIncluded,
            RecordsNeedingSecrets = rows.NeedingSecrets,
            SessionHistoryRestored = request.IncludeSessionHistory,
            SourceSchemaVersion = header.SchemaVersion,
            Warnings = [.. warnings, .. rows.Warnings],
            ExistingConfigurationBackup = existingBackup,
            WhatIf = request.WhatIf,
            Duration = watch.Elapsed,
        };
    }

    /// <summary>Reads every table of the content (all of it is verified, history included) and hands on the rows to keep.</summary>
    private static void Copy(ContentReader content, RowTransform rows, List<string> replaced, IReadOnlyDictionary<string, TableSchema> known,
        IBackupProgress? progress, CancellationToken cancellation, long fileLength, RestorePointReader reader, Action<TableSchema, object?[]> insert)
    {
        long count = 0;
        while (content.NextTable() is { } table)
        {
            var expected = CurrentShape(table, known);
            var keep = replaced.Contains(expected.Name);
            while (content.NextRow() is { } row)
            {
                if (keep)
                {
                    insert(expected, rows.Apply(expected, row));
                }
                if (++count % 20_000 == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report($"Restoring {table.Name}", (int)Math.Min(99, 100 * reader.Position / Math.Max(1, fileLength)));
                }
            }
        }
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// An older restore point is loaded into a staging database at its own schema version, migrated forward with
    /// the store's own migrations, then copied into the target in one transaction. Secrets are already protected
    /// with the target's key ring before they reach the staging file, and the staging file lives in the home.
    /// </summary>
    private static void RestoreOlderSchema(IRestoreTarget target, int version, ContentReader content, RowTransform rows,
        List<string> replaced, IBackupProgress? progress, CancellationToken cancellation, long fileLength, RestorePointReader reader)
    {
        var staging = System.IO.Path.Combine(target.Path, $".restore-staging-{Guid.NewGuid():N}.db");
        try
        {
            var staged = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var old = SqliteConfigurationStore.Open(staging, version))
            {
                var shapes = old.TableShapes();
                while (content.NextTable() is { } table)
                {
                    // Names from the file reach SQL only after they matched this schema version's own tables and columns, and every
                    // column is a secret of the kind that column always held (or no secret): a secret declared as a plain blob
                    // would otherwise pass the check that an unencrypted point carries no secret.
                    if (!shapes.TryGetValue(table.Name, out var columns) || !table.Columns.All(c => columns.Contains(c.Name)) ||
                        table.Columns.Select(c => c.Name).Distinct().Count() != table.Columns.Count ||
                        table.Columns.Any(c => c.Secret != SecretKindOf(table.Name, c.Name)))
                    {
                        throw RestorePointDamagedException.Because($"it holds a table '{UntrustedText.Quote(table.Name)}' that schema version {version} does not have in that shape");
                    }
                    try
                    {
                        old.BulkInsert(table, Rows(content, table, rows, cancellation));
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException ex) when (SqliteConfigurationStore.IsStorageFailure(ex))
                    {
                        // The staging file is SQLite whatever the target's engine: its full disk is described as SQLite's.
                        throw SqliteConfigurationStore.Describe(staging, ex);
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException ex)
                    {
                        // A constraint or a shape the schema refuses: the content's fault.
                        throw RestorePointDamagedException.Because($"its table '{UntrustedText.Quote(table.Name)}' does not fit schema version {version}", ex);
                    }
                    staged[table.Name] = content.RowCounts[table.Name];
                    progress?.Report($"Staging {table.Name}", (int)Math.Min(90, 100 * reader.Position / Math.Max(1, fileLength)));
                }
            }
            using var migrated = SqliteConfigurationStore.Open(staging);
            using var snapshot = migrated.OpenSnapshot();
            foreach (var (name, count) in staged)
            {
                // The staging file is re-opened by name: make sure it is still the one just written.
                if (ExportedTables.All.FirstOrDefault(t => t.Name == name) is { } current && snapshot.CountRows(current) != count)
                {
                    throw new ConfigBackupException("RestoreStagingChanged", ErrorKind.InvalidOperation,
                        "The restore's staging database changed while it was used; nothing was restored. Run the restore again.");
                }
            }
            using var import = target.Store.BeginImport(replaced);
            foreach (var table in ExportedTables.All.Where(t => replaced.Contains(t.Name)))
            {
                foreach (var row in snapshot.ReadRows(table))
                {
                    import.Insert(table, row);
                }
            }
            progress?.Report("Committing", 99);
            import.Commit();
        }
        finally
        {
            foreach (var file in new[] { staging, staging + "-wal", staging + "-shm" })
            {
                try { File.Delete(file); } catch (IOException) { }
            }
        }
    }

    private static IEnumerable<object?[]> Rows(ContentReader content, TableSchema table, RowTransform rows, CancellationToken cancellation)
    {
        long count = 0;
        while (content.NextRow() is { } row)
        {
            if (++count % 20_000 == 0) cancellation.ThrowIfCancellationRequested();
            yield return rows.Apply(table, row);
        }
    }

    /// <summary>Secret columns have kept their table, name and kind through every schema version.</summary>
    private static SecretPurpose? SecretKindOf(string table, string column) =>
        ExportedTables.All.FirstOrDefault(t => t.Name == table)?.Columns.FirstOrDefault(c => c.Name == column)?.Secret;

    /// <summary>The current schema's table for a table read from a point of the current schema version; anything else is damage.</summary>
    private static TableSchema CurrentShape(TableSchema found, IReadOnlyDictionary<string, TableSchema> known) =>
        known.TryGetValue(found.Name, out var expected) && SameColumns(expected, found) ? expected
            : throw RestorePointDamagedException.Because($"it holds a table '{UntrustedText.Quote(found.Name)}' that schema version {SqliteSchema.CurrentVersion} does not have in that shape");

    private static bool SameColumns(TableSchema expected, TableSchema found) =>
        expected.Columns.Count == found.Columns.Count &&
        expected.Columns.Zip(found.Columns).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type && p.First.Secret == p.Second.Secret);
}
