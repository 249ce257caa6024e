using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Notifications;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>
/// Puts a restore on the record: a session of type Restore in the target's session list, and the product's event
/// 40800. Best effort: a target whose database failed cannot take the record, and the restore's own outcome stands.
/// </summary>
internal static class RestoreRecord
{
    // secretsRestored: whether the restored point carried secrets (only encrypted points do); false for a failed restore.
    public static void Write(IRestoreTarget target, RestoreRequest request, DateTimeOffset start, string result, string? errorId, string details,
        bool secretsRestored = false)
    {
        var end = target.Notifications.Clock.GetUtcNow();
        try
        {
            target.Store.InsertConfigBackupSession(new BackupSession
            {
                Id = Guid.NewGuid(),
                StartTimeUtc = start,
                EndTimeUtc = end,
                Result = Enum.Parse<BackupOutcome>(result),
                Path = request.Path,
                Encrypted = secretsRestored,
                SecretsIncluded = secretsRestored,
                SizeBytes = File.Exists(request.Path) ? new FileInfo(request.Path).Length : 0,
                Details = details,
                Type = SessionType.Restore,
                RestoreMode = request.Mode.ToString(),
                ErrorId = errorId,
            }.ToRow());
        }
        catch (Exception ex) when (ex is ConfigBackupException or System.Data.Common.DbException)
        {
            // The failure that matters is the restore's, which the caller reports.
        }
        var facts = new List<KeyValuePair<string, string>>
        {
            new("RestoreResult", result),
            new("RestoreMode", request.Mode.ToString()),
            new("RestorePoint", request.Path),
            new("Duration", (end - start).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (errorId is not null)
        {
            facts.Add(new("ErrorId", errorId));
        }
        facts.Add(new("Details", details));
        try
        {
            target.Notifications.Publish(ProductEvents.RestoreFinished(target.Notifications.Origin, end, result, facts),
                new NotificationRouting { Mail = true, Snmp = true });
        }
        catch (Exception ex) when (ex is ConfigBackupException or System.Data.Common.DbException)
        {
        }
    }
}
