using System.Text.Json;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Server;

/// <summary>Reads and writes <c>server.json</c>, the server's identity inside its home.</summary>
internal static class IdentityFile
{
    public const string FileName = "server.json";

    public static ServerIdentity LoadOrCreate(string homePath, string? requestedName, TimeProvider clock)
    {
        var path = Path.Combine(homePath, FileName);
        if (File.Exists(path))
        {
            var identity = Read(path);
            if (requestedName is not null && !string.Equals(requestedName, identity.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigBackupException("ServerNameMismatch", ErrorKind.InvalidArgument,
                    $"The home '{homePath}' belongs to server '{identity.Name}', not '{requestedName}'. Omit -ServerName or choose another home.");
            }
            return identity;
        }
        var created = new ServerIdentity(Guid.NewGuid(), ValidateName(requestedName ?? Environment.MachineName), clock.GetUtcNow());
        var tempPath = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateDirectory.FileMode;
        }
        using (var stream = new FileStream(tempPath, options))
        {
            JsonSerializer.Serialize(stream, created);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tempPath, path, overwrite: false);
        return created;
    }

    private static ServerIdentity Read(string path)
    {
        try
        {
            var identity = JsonSerializer.Deserialize<ServerIdentity>(File.ReadAllBytes(path));
            if (identity is null || identity.Id == Guid.Empty || string.IsNullOrWhiteSpace(identity.Name))
            {
                throw new JsonException("missing fields");
            }
            return identity;
        }
        catch (JsonException ex)
        {
            throw new ConfigBackupException("HomeNotRecognized", ErrorKind.InvalidData,
                $"'{path}' is not a valid server identity file. The home was left unchanged.", ex);
        }
    }

    /// <summary>Server names end up in folder and file names of restore points, so only safe characters are allowed.</summary>
    public static string ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 63 ||
            !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') || name.StartsWith('.'))
        {
            throw new ConfigBackupException("InvalidServerName", ErrorKind.InvalidArgument,
                $"'{name}' is not a valid server name: use 1 to 63 letters, digits, '-', '_' or '.', not starting with '.'.");
        }
        return name;
    }
}
