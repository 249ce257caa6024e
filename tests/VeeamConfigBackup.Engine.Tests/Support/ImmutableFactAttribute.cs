using VeeamConfigBackup.Engine.Storage;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A test that makes real files immutable: it needs Linux, a filesystem with the flag under the temp folder, and
/// CAP_LINUX_IMMUTABLE (root). Elsewhere it is skipped, saying which of these is missing. CI runs as root on ext4.
/// </summary>
public sealed class ImmutableFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "vbr-engine-tests");
        Directory.CreateDirectory(folder);
        try
        {
            ImmutableFlag.Probe(folder);
            return null;
        }
        catch (ImmutabilityNotSupportedException ex)
        {
            return $"Needs immutable files, and here {ex.Reason}: run the tests as root on Linux (CI does).";
        }
    });

    public ImmutableFactAttribute()
    {
        if (Unavailable.Value is { } why)
        {
            Skip = why;
        }
    }
}
