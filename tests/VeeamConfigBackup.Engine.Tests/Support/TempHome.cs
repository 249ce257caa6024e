using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>A server home in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempHome : IDisposable
{
    public TempHome(ManualClock? clock = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vbr-engine-tests", Guid.NewGuid().ToString("N"));
        Clock = clock ?? new ManualClock();
    }

    public string Path { get; }

    public ManualClock Clock { get; }

    public ServerHome Open(string? serverName = "test-server") => ServerHome.Open(Path, serverName, Clock);

    /// <summary>The home with its configuration database on PostgreSQL.</summary>
    public ServerHome Open(Store.PostgresDatabase database, string? serverName = "test-server") => ServerHome.Open(Path, database, serverName, Clock);

    /// <summary>Every byte of every file in the home, for checks that a secret never reached the disk.</summary>
    public IEnumerable<(string File, byte[] Bytes)> AllFiles() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllBytes(f)));

    public void Dispose() => ImmutableCleanup.Delete(Path);
}
