namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// A restore point being written. It is visible under its name only after <see cref="Commit"/>; disposing it
/// uncommitted takes back everything written (a temporary file, a multipart upload), so no partial point is ever seen.
/// </summary>
public interface IPendingRestorePoint : IDisposable
{
    /// <summary>Where the bytes go; write-only, forward-only.</summary>
    Stream Content { get; }

    /// <summary>
    /// Makes the point durable and visible under its name, immutable when the repository asks for it. A point that
    /// cannot be made immutable is deleted again and <see cref="ImmutabilityNotSupportedException"/> is thrown.
    /// </summary>
    StoredRestorePoint Commit();
}
