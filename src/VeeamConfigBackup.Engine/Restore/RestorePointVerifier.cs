using System.Security;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>Reads and authenticates a whole restore point and decodes every row, writing nothing anywhere.</summary>
public static class RestorePointVerifier
{
    public static ConfigBackupVerification Verify(string path, SecureString? password) =>
        Verify(path, new RestoreCredentials { Password = password });

    public static ConfigBackupVerification Verify(string path, RestoreCredentials credentials, Backup.IBackupProgress? progress = null, CancellationToken cancellation = default,
        Storage.IRestorePointStore? store = null)
    {
        RestorePointHeader? header = null;
        try
        {
            var (opened, fileLength) = RestorePointFile.Open(path, store);
            using var reader = opened;
            header = reader.Header;
            if (header.SchemaVersion > Store.SqliteSchema.CurrentVersion)
            {
                throw new ConfigBackupException("RestorePointSchemaTooNew", ErrorKind.NotSupported,
                    $"The restore point was made with schema version {header.SchemaVersion}; this module knows up to {Store.SqliteSchema.CurrentVersion}.");
            }
            if (header.Encrypted && credentials.Password is null && credentials.RecoveryKeyPath is null)
            {
                reader.CheckStructure();
                return Result(path, header, valid: true, verified: false, counts: null, error: null);
            }
            var content = credentials.Open(reader);
            var length = Math.Max(1, fileLength);
            long rows = 0;
            while (content.NextTable() is { } table)
            {
                while (content.NextRow() is not null)
                {
                    if (++rows % 20_000 == 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        progress?.Report($"Verifying {table.Name}", (int)Math.Min(99, 100 * reader.Position / length));
                    }
                }
            }
            progress?.Report("Verified", 100);
            return Result(path, header, valid: true, verified: true, counts: content.RowCounts, error: null);
        }
        catch (ConfigBackupException ex) when (ex is RestorePointDamagedException or UnsupportedFormatVersionException or WrongPasswordException
            || ex.ErrorId is "RestorePointSchemaTooNew" or "WrongSecurityOfficerPassphrase" or "RecoveryKeyNotApplicable" or "RecoveryKeyMismatch")
        {
            return Result(path, header, valid: false, verified: false, counts: null, error: ex);
        }
    }

    private static ConfigBackupVerification Result(string path, RestorePointHeader? header, bool valid, bool verified,
        IReadOnlyDictionary<string, long>? counts, ConfigBackupException? error) => new()
    {
        Path = path,
        Valid = valid,
        ContentVerified = verified,
        Encrypted = header?.Encrypted ?? false,
        FormatVersion = header?.FormatVersion,
        SchemaVersion = header?.SchemaVersion,
        ServerName = header?.ServerName,
        RecordCounts = counts ?? new Dictionary<string, long>(),
        Error = error?.Message ?? (valid && !verified ? "The restore point is encrypted: without its password only its structure was checked." : null),
        ErrorId = error?.ErrorId,
    };
}
