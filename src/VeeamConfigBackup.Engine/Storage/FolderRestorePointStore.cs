using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// Restore points as files in a folder: written to a temporary file, flushed to disk and renamed into place; in a
/// hardened repository made immutable with the Linux attribute, their expiry kept beside them.
/// </summary>
public sealed class FolderRestorePointStore : IRestorePointStore
{
    private const int FileBufferSize = 1024 * 1024;

    public FolderRestorePointStore(string repositoryPath)
    {
        Location = repositoryPath;
    }

    public string Location { get; }

    private string ServerFolder(string serverName) => Path.Combine(Location, RestorePointFolder.Name, serverName);

    public void Prepare(string serverName)
    {
        var folder = ServerFolder(serverName);
        // Folders made here are the owner's only, like the points in them; existing ones keep the mode their administrator gave them.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, PrivateDirectory.DirectoryMode);
        }
        // A killed run leaves its temporary file. Another home of the same server name may be writing into this folder
        // right now, and a writer holds its file exclusively (a lock on Unix): only files nobody holds are removed.
        foreach (var file in Directory.EnumerateFiles(folder, $".{serverName}_*.tmp"))
        {
            try
            {
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        // A run killed between its rename and its flags left a point without them: protect it before anything else.
        if (Directory.EnumerateFiles(folder, "*" + RestorePointImmutability.SidecarExtension).Any())
        {
            RestorePointImmutability.SealUnsealed(folder);
        }
    }

    public bool Exists(string serverName, string fileName) => File.Exists(Path.Combine(ServerFolder(serverName), fileName));

    public IPendingRestorePoint Create(string serverName, string fileName, DateTimeOffset? immutableUntilUtc) =>
        new PendingFile(Path.Combine(ServerFolder(serverName), fileName), immutableUntilUtc);

    public IReadOnlyList<StoredRestorePoint> List(string? serverName)
    {
        var root = serverName is null ? Path.Combine(Location, RestorePointFolder.Name) : ServerFolder(serverName);
        if (!Directory.Exists(root))
        {
            return [];
        }
        return Directory.EnumerateFiles(root, "*" + RestorePointFolder.Extension, serverName is null ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(Describe).ToList();
    }

    /// <summary>A file anywhere, as a stored point (listing by path works on copies outside any repository).</summary>
    public static StoredRestorePoint Describe(string file)
    {
        long size;
        try
        {
            size = new FileInfo(file).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            size = 0;
        }
        return new StoredRestorePoint(file, Path.GetFileName(file), size, RestorePointImmutability.ImmutableUntil(file));
    }

    public StoredRestorePoint? Find(string id) => File.Exists(id) ? Describe(id) : null;

    public Stream OpenRead(StoredRestorePoint point) =>
        new FileStream(point.Id, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize);

    public Stream OpenHeader(StoredRestorePoint point) =>
        new FileStream(point.Id, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);

    public void Delete(StoredRestorePoint point, DateTimeOffset nowUtc) => RestorePointImmutability.Delete(point.Id, nowUtc);

    public void Dispose()
    {
    }

    private sealed class PendingFile : IPendingRestorePoint
    {
        private readonly string _finalPath;
        private readonly string _tempPath;
        private readonly DateTimeOffset? _immutableUntil;
        private readonly FileStream _file;
        private bool _committed;
        private bool _intentWritten;

        public PendingFile(string finalPath, DateTimeOffset? immutableUntil)
        {
            _finalPath = finalPath;
            _immutableUntil = immutableUntil;
            _tempPath = Path.Combine(Path.GetDirectoryName(finalPath)!, $".{Path.GetFileName(finalPath)}.{Guid.NewGuid():N}.tmp");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = FileBufferSize };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateDirectory.FileMode;
            }
            _file = new FileStream(_tempPath, options);
        }

        public Stream Content => _file;

        public StoredRestorePoint Commit()
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
            if (_immutableUntil is { } until)
            {
                // The expiry is on disk before the point has its name, so a kill from here on leaves an intent to complete.
                RestorePointImmutability.RecordIntent(_finalPath, until);
                _intentWritten = true;
            }
            File.Move(_tempPath, _finalPath, overwrite: false);
            _committed = true;
            if (_immutableUntil is not null)
            {
                try
                {
                    RestorePointImmutability.Seal(_finalPath);
                }
                catch (ImmutabilityNotSupportedException)
                {
                    // Never immutable, so it may go: a hardened repository keeps no point that can be deleted.
                    RestorePointImmutability.Discard(_finalPath);
                    throw;
                }
            }
            return new StoredRestorePoint(_finalPath, Path.GetFileName(_finalPath), new FileInfo(_finalPath).Length, _immutableUntil);
        }

        public void Dispose()
        {
            try
            {
                _file.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Closing flushes what is buffered, which fails on the full disk that failed the write: the file goes all the same.
            }
            if (!_committed)
            {
                try { File.Delete(_tempPath); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
                if (_intentWritten)
                {
                    // The rename failed: the expiry belongs to no point of this run, and must not seal another's.
                    try { File.Delete(RestorePointImmutability.SidecarOf(_finalPath)); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
                }
            }
        }
    }
}
