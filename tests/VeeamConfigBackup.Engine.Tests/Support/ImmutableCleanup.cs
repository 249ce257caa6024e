using VeeamConfigBackup.Engine.Storage;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// Tests write restore points to hardened repositories, whose files are immutable: nobody can delete them, a test's
/// clean-up included, until the flag is cleared. Every temporary folder of the tests goes through here before it is
/// removed, so no test leaves files behind that CI or the next session cannot delete.
/// </summary>
internal static class ImmutableCleanup
{
    public static void ClearUnder(string folder)
    {
        if (!ImmutableFlag.IsSupportedPlatform || !Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            try
            {
                if (ImmutableFlag.IsSet(file))
                {
                    ImmutableFlag.Clear(file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Errors.ConfigBackupException)
            {
            }
        }
    }

    /// <summary>Clears the flags under <paramref name="folder"/>, then deletes it.</summary>
    public static void Delete(string folder)
    {
        ClearUnder(folder);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
