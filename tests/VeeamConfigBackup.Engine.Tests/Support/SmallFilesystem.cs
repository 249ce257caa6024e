using System.Diagnostics;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A real filesystem that fills up: a tmpfs of a few MiB mounted under the temp folder (root only), unmounted in Dispose.
/// A full disk is then the kernel's ENOSPC, as on a real server, not a simulation.
/// </summary>
internal sealed class SmallFilesystem : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);
    private readonly bool _ownsFolder;

    public SmallFilesystem(int mebibytes) : this(null, "tmpfs", "-o", $"size={mebibytes}m,mode=0700")
    {
    }

    private SmallFilesystem(string? at, string type, params string[] options)
    {
        _ownsFolder = at is null;
        Path = at ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vbr-engine-tests", "fs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        var error = Run("mount", ["-t", type, .. options, type, Path]);
        if (error is not null)
        {
            if (_ownsFolder) Directory.Delete(Path);
            throw new InvalidOperationException($"mount failed: {error}");
        }
    }

    public string Path { get; }

    /// <summary>
    /// A ramfs: a real filesystem that has no inode flags at all (FS_IOC_GETFLAGS is refused), mounted at
    /// <paramref name="at"/> (a new folder under the temp folder when null), over whatever was there.
    /// </summary>
    public static SmallFilesystem WithoutImmutableFlag(string? at = null) => new(at, "ramfs");

    /// <summary>Null where a tmpfs can be mounted here; otherwise why not.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    /// <summary>Fills what is left, but <paramref name="leaveFreeBytes"/>, with one file of real blocks (not a sparse one).</summary>
    public void Fill(long leaveFreeBytes = 0)
    {
        var toWrite = new DriveInfo(Path).AvailableFreeSpace - leaveFreeBytes;
        using var filler = new FileStream(FillerPath, FileMode.CreateNew);
        var block = new byte[64 * 1024];
        try
        {
            while (toWrite > 0)
            {
                var n = (int)Math.Min(block.Length, toWrite);
                filler.Write(block, 0, n);
                filler.Flush();
                toWrite -= n;
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Remounts the filesystem read-only (writes then fail with EROFS).</summary>
    public void MakeReadOnly()
    {
        if (Run("mount", "-o", "remount,ro", Path) is { } error)
        {
            throw new InvalidOperationException($"remount failed: {error}");
        }
    }

    /// <summary>Makes room again.</summary>
    public void Unfill() => File.Delete(FillerPath);

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    public void Dispose()
    {
        Run("umount", "-l", Path);
        if (_ownsFolder)
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "A full-disk test mounts a small tmpfs, which needs root on Linux: run the tests as root (CI does).";
        }
        try
        {
            using var probe = new SmallFilesystem(1);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"A full-disk test mounts a small tmpfs, and this machine refused: {ex.Message}";
        }
    }

    private static string? Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : error.Trim();
    }
}

/// <summary>A test that needs <see cref="SmallFilesystem"/>; skipped, saying why, where it cannot be mounted.</summary>
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    public SmallFilesystemFactAttribute()
    {
        if (SmallFilesystem.WhyUnavailable is { } why)
        {
            Skip = why;
        }
    }
}
