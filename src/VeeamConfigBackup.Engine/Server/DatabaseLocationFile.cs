using System.Text.Json;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Server;

/// <summary>
/// <c>database.json</c>: in a home whose configuration database is PostgreSQL, where that database is (the
/// connection string without any password), so that connecting to the home again finds it.
/// </summary>
internal static class DatabaseLocationFile
{
    public const string FileName = "database.json";

    private sealed record Content(string Engine, string ConnectionString);

    public static PostgresDatabase? Read(string homePath)
    {
        var path = Path.Combine(homePath, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var content = JsonSerializer.Deserialize<Content>(File.ReadAllBytes(path));
            if (content is null || content.Engine != "PostgreSQL" || string.IsNullOrWhiteSpace(content.ConnectionString))
            {
                throw new JsonException("missing fields");
            }
            return PostgresDatabase.Parse(content.ConnectionString);
        }
        catch (Exception ex) when (ex is JsonException or ConfigBackupException)
        {
            throw new ConfigBackupException("HomeNotRecognized", ErrorKind.InvalidData,
                $"'{path}' does not say where this server's database is. Connect with -ConnectionString to name it again.", ex);
        }
    }

    /// <summary>Like <see cref="Read"/>, but a damaged file reads as none.</summary>
    public static PostgresDatabase? TryRead(string homePath)
    {
        try
        {
            return Read(homePath);
        }
        catch (ConfigBackupException)
        {
            return null;
        }
    }

    /// <summary>Writes the location: a temporary file, then a rename over the old one.</summary>
    public static void Save(string homePath, PostgresDatabase database)
    {
        var path = Path.Combine(homePath, FileName);
        var tempPath = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateDirectory.FileMode;
        }
        using (var stream = new FileStream(tempPath, options))
        {
            JsonSerializer.Serialize(stream, new Content("PostgreSQL", database.ConnectionString));
            stream.Flush(flushToDisk: true);
        }
        File.Move(tempPath, path, overwrite: true);
    }
}
