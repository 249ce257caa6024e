namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// Where one repository keeps restore points: <c>&lt;root&gt;/VeeamConfigBackup/&lt;server&gt;/&lt;name&gt;.bco</c> in a folder or
/// under a bucket's folder. The job, retention, listing, restore and removal reach restore points only through this.
/// </summary>
public interface IRestorePointStore : IDisposable
{
    /// <summary>The repository's location for messages: a folder path, or <c>s3://bucket/folder</c>.</summary>
    string Location { get; }

    /// <summary>Readies the server's folder for a run: made if needed, what killed runs left removed or completed.</summary>
    void Prepare(string serverName);

    bool Exists(string serverName, string fileName);

    /// <summary>Begins a new point; <paramref name="immutableUntilUtc"/> asks for it to be immutable until then.</summary>
    IPendingRestorePoint Create(string serverName, string fileName, DateTimeOffset? immutableUntilUtc);

    /// <summary>The points of one server (<paramref name="serverName"/>), or of every server when it is null.</summary>
    IReadOnlyList<StoredRestorePoint> List(string? serverName);

    /// <summary>One point by its <see cref="StoredRestorePoint.Id"/>, or null when there is none.</summary>
    StoredRestorePoint? Find(string id);

    /// <summary>The point's bytes, from the start, streamed; <see cref="Stream.Position"/> says how far reading has come.</summary>
    Stream OpenRead(StoredRestorePoint point);

    /// <summary>At least the point's header block (for listings), read without fetching the whole point.</summary>
    Stream OpenHeader(StoredRestorePoint point);

    /// <summary>Deletes a point that is not (or no longer) immutable; refuses one that is (<see cref="RestorePointImmutableException"/>).</summary>
    void Delete(StoredRestorePoint point, DateTimeOffset nowUtc);
}
