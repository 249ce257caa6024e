using System.Text.Json;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Server;

/// <summary>Reads and writes <c>server.json</c>, the server's identity inside its home.</summary>
internal static class IdentityFile
{
    public const string FileName = "server.json";

    /// <summary>The home's identity, or null for a home that has none yet.</summary>
    public static ServerIdentity? Load(string homePath, string? requestedName)
    {
        var path = Path.Combine(homePath, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        var identity = Read(path);
        if (requestedName is not null && !string.Equals(requestedName, identity.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigBackupException("ServerNameMismatch", ErrorKind.InvalidArgument,
                $"The home '{homePath}' belongs to server '{identity.Name}', not '{requestedName}'. Omit -ServerName or choose another home.");
        }
        return identity;
    }

    /// <summary>A new identity, not yet written: the database is tied to it first, so a refused database leaves no identity behind.</summary>
    public static ServerIdentity New(string? requestedName, TimeProvider clock) =>
        new(Guid.NewGuid(), ValidateName(requestedName ?? Environment.MachineName), clock.GetUtcNow());

    public static void Save(string homePath, ServerIdentity identity)
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
            JsonSerializer.Serialize(stream, identity);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tempPath, path, overwrite: false);
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
        if (!Archive.ServerNameRule.IsValid(name))
        {
            throw new ConfigBackupException("InvalidServerName", ErrorKind.InvalidArgument,
                $"'{UntrustedText.Quote(name)}' is not a valid server name: use {Archive.ServerNameRule.Description}.");
        }
        return name;
    }
}
