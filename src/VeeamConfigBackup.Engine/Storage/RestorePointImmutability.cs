using System.Text.Json;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// How long a restore point in a folder repository stays immutable, kept where the configuration database is not:
/// in a small file beside the point, <c>&lt;name&gt;.immutable</c>, made immutable with it. A new server that registers the
/// same folder (after the old one and its database are gone) reads the same expiry, and nobody without
/// CAP_LINUX_IMMUTABLE can shorten it. Root can: it can clear the flags by hand, which no software prevents.
/// </summary>
public static class RestorePointImmutability
{
    public const string SidecarExtension = ".immutable";

    private sealed record Sidecar(string RestorePoint, DateTimeOffset ImmutableUntilUtc);

    public static string SidecarOf(string pointPath) => Path.ChangeExtension(pointPath, SidecarExtension);

    /// <summary>
    /// Writes the expiry for a point before it appears under <paramref name="pointPath"/>, flushed to disk, so that a run
    /// killed before the flags are set leaves the intent behind and <see cref="SealUnsealed"/> completes it.
    /// </summary>
    public static void RecordIntent(string pointPath, DateTimeOffset immutableUntilUtc)
    {
        var sidecar = SidecarOf(pointPath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(sidecar, options);
        JsonSerializer.Serialize(stream, new Sidecar(Path.GetFileName(pointPath), immutableUntilUtc.ToUniversalTime()));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Makes the point and its expiry immutable; throws <see cref="ImmutabilityNotSupportedException"/> when the filesystem refuses.</summary>
    public static void Seal(string pointPath)
    {
        // The expiry first: a kill between the two leaves a point that is still deletable, which the next run seals,
        // never a locked point whose expiry anyone could rewrite.
        ImmutableFlag.Set(SidecarOf(pointPath));
        ImmutableFlag.Set(pointPath);
    }

    /// <summary>
    /// Until when the point is immutable, or null for a point that never was. An expiry file that cannot be read, beside a
    /// point whose flag is set, counts as immutable for ever: nothing is deleted on a guess.
    /// </summary>
    public static DateTimeOffset? ImmutableUntil(string pointPath)
    {
        var sidecar = SidecarOf(pointPath);
        if (!File.Exists(sidecar))
        {
            // A point flagged by hand, or whose expiry file went missing: kept, for nothing is deleted on a guess.
            return File.Exists(pointPath) && SafeIsSet(pointPath) ? DateTimeOffset.MaxValue : null;
        }
        try
        {
            var read = JsonSerializer.Deserialize<Sidecar>(File.ReadAllBytes(sidecar));
            if (read is not null && string.Equals(read.RestorePoint, Path.GetFileName(pointPath), StringComparison.Ordinal))
            {
                return read.ImmutableUntilUtc;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
        }
        return File.Exists(pointPath) && SafeIsSet(pointPath) ? DateTimeOffset.MaxValue : null;
    }

    public static bool IsImmutable(string pointPath, DateTimeOffset nowUtc) => ImmutableUntil(pointPath) is { } until && until > nowUtc;

    /// <summary>After its expiry only: clears the flags of the point and of its expiry file, and deletes the expiry file.</summary>
    public static void Release(string pointPath, DateTimeOffset nowUtc)
    {
        if (IsImmutable(pointPath, nowUtc))
        {
            throw new RestorePointImmutableException(pointPath, ImmutableUntil(pointPath)!.Value);
        }
        var sidecar = SidecarOf(pointPath);
        if (File.Exists(sidecar))
        {
            ImmutableFlag.Clear(pointPath);
            ImmutableFlag.Clear(sidecar);
            File.Delete(sidecar);
        }
    }

    /// <summary>
    /// Deletes a restore point that is not (or no longer) immutable, with its expiry file; refuses one that still is
    /// (<see cref="RestorePointImmutableException"/>).
    /// </summary>
    public static void Delete(string pointPath, DateTimeOffset nowUtc)
    {
        Release(pointPath, nowUtc);
        File.Delete(pointPath);
    }

    /// <summary>
    /// Takes back a point that could not be sealed (it was never immutable, so it may go), with its expiry file, on a
    /// filesystem that may refuse every flag operation: best effort, never throws.
    /// </summary>
    public static void Discard(string pointPath)
    {
        foreach (var file in new[] { pointPath, SidecarOf(pointPath) })
        {
            try
            {
                if (SafeIsSet(file))
                {
                    ImmutableFlag.Clear(file);
                }
                File.Delete(file);
            }
            catch (Exception ex) when (ex is ConfigBackupException or IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Completes the protection of points whose run was killed after the rename and before the flags.</summary>
    public static void SealUnsealed(string folder)
    {
        foreach (var sidecar in Directory.EnumerateFiles(folder, "*" + SidecarExtension))
        {
            var point = Path.ChangeExtension(sidecar, ".bco");
            if (File.Exists(point) && (!SafeIsSet(point) || !SafeIsSet(sidecar)))
            {
                Seal(point);
            }
            else if (!File.Exists(point) && !SafeIsSet(sidecar))
            {
                // The run died before its point was renamed into place: the intent is all there is.
                File.Delete(sidecar);
            }
        }
    }

    private static bool SafeIsSet(string path)
    {
        try
        {
            return ImmutableFlag.IsSet(path);
        }
        catch (Exception ex) when (ex is ConfigBackupException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
