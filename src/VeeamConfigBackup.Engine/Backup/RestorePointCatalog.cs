using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>Lists restore points from their headers; a damaged file is reported in the list, never fatal to it.</summary>
public static class RestorePointCatalog
{
    /// <summary>A file, or every <c>*.bco</c> below a folder, newest first.</summary>
    public static IReadOnlyList<RestorePointInfo> List(string path)
    {
        if (File.Exists(path))
        {
            return [Describe(path)];
        }
        if (!Directory.Exists(path))
        {
            throw new ConfigBackupException("RestorePointPathNotFound", ErrorKind.NotFound,
                $"'{path}' is neither a restore point file nor a folder.");
        }
        return Directory.EnumerateFiles(path, "*" + RestorePointNaming.Extension, SearchOption.AllDirectories)
            .Select(Describe)
            .OrderByDescending(p => p.CreationTimeUtc ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
    }

    public static RestorePointInfo Describe(string file)
    {
        long size = 0;
        try
        {
            size = new FileInfo(file).Length;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            using var reader = RestorePointReader.Open(stream);
            var h = reader.Header;
            return new RestorePointInfo
            {
                Path = file,
                ServerName = h.ServerName,
                ServerId = h.ServerId,
                CreationTimeUtc = h.CreationTimeUtc,
                Encrypted = h.Encrypted,
                SecretsIncluded = h.SecretsIncluded,
                PasswordHint = h.PasswordHint,
                SecurityOfficerProtected = h.SecurityOfficerProtected,
                RecoveryKeyId = h.RecoveryKeyId,
                SizeBytes = size,
                FormatVersion = h.FormatVersion,
                SchemaVersion = h.SchemaVersion,
                ProductVersion = h.ProductVersion,
            };
        }
        catch (ConfigBackupException ex)
        {
            return new RestorePointInfo { Path = file, SizeBytes = size, Error = ex.Message, ErrorId = ex.ErrorId };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new RestorePointInfo { Path = file, SizeBytes = size, Error = ex.Message, ErrorId = "RestorePointNotReadable" };
        }
    }
}
