using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// The Linux inode immutable attribute (what <c>chattr +i</c> sets), through the FS_IOC_GETFLAGS/FS_IOC_SETFLAGS
/// ioctls. An immutable file cannot be written, renamed, linked or deleted, by anyone, until a process with
/// CAP_LINUX_IMMUTABLE clears the flag: ordinary deletes (<c>rm</c>, <c>Remove-Item</c>) fail, root's included.
/// </summary>
public static class ImmutableFlag
{
    // _IOR('f', 1, long) and _IOW('f', 2, long); the kernel reads and writes an int through them.
    private const nuint FsIocGetFlags = 0x80086601;
    private const nuint FsIocSetFlags = 0x40086602;
    private const int FsImmutableFl = 0x00000010;

    private const int EPerm = 1;
    private const int EAccess = 13;
    private const int ENotTty = 25;
    private const int EInval = 22;
    private const int EOpNotSupp = 95;

    public static bool IsSupportedPlatform => OperatingSystem.IsLinux();

    /// <summary>
    /// Proves that files in <paramref name="folder"/> can be made immutable (and released again) by this process: a probe
    /// file is flagged, cleared and deleted. Throws <see cref="ImmutabilityNotSupportedException"/> with the reason.
    /// </summary>
    public static void Probe(string folder)
    {
        var probe = Path.Combine(folder, $".vbr-immutability-probe-{Guid.NewGuid():N}");
        using (File.Create(probe))
        {
        }
        try
        {
            Set(probe);
        }
        finally
        {
            try
            {
                Clear(probe);
            }
            finally
            {
                File.Delete(probe);
            }
        }
    }

    /// <summary>Whether the file's immutable flag is set; false where the platform has no such flag.</summary>
    public static bool IsSet(string path)
    {
        if (!IsSupportedPlatform)
        {
            return false;
        }
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return (GetFlags(handle, path) & FsImmutableFl) != 0;
    }

    /// <summary>Sets the flag, or throws <see cref="ImmutabilityNotSupportedException"/> with the reason.</summary>
    public static void Set(string path) => Change(path, immutable: true);

    /// <summary>Clears the flag (needs CAP_LINUX_IMMUTABLE); nothing to do on a file without it.</summary>
    public static void Clear(string path)
    {
        if (IsSupportedPlatform && File.Exists(path))
        {
            Change(path, immutable: false);
        }
    }

    private static void Change(string path, bool immutable)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
        if (!IsSupportedPlatform)
        {
            throw new ImmutabilityNotSupportedException(folder, $"the immutable file attribute is a Linux feature, and this is {RuntimeInformation.OSDescription}");
        }
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var flags = GetFlags(handle, path);
        var wanted = immutable ? flags | FsImmutableFl : flags & ~FsImmutableFl;
        if (wanted == flags)
        {
            return;
        }
        if (Ioctl(handle, FsIocSetFlags, ref wanted) != 0)
        {
            throw Refused(folder, Marshal.GetLastPInvokeError());
        }
    }

    private static int GetFlags(SafeFileHandle handle, string path)
    {
        var flags = 0;
        if (Ioctl(handle, FsIocGetFlags, ref flags) != 0)
        {
            throw Refused(Path.GetDirectoryName(Path.GetFullPath(path)) ?? path, Marshal.GetLastPInvokeError());
        }
        return flags;
    }

    private static ImmutabilityNotSupportedException Refused(string folder, int errno) => errno switch
    {
        EPerm or EAccess => new(folder, "this process may not change the immutable attribute (it needs root, or CAP_LINUX_IMMUTABLE)"),
        ENotTty or EOpNotSupp or EInval => new(folder, "its filesystem has no immutable attribute"),
        _ => new(folder, $"the filesystem refused the immutable attribute (errno {errno})"),
    };

    // DllImport rather than LibraryImport: the latter's generated code needs unsafe blocks, which the engine does not allow.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(SafeFileHandle fd, nuint request, ref int flags);
}
