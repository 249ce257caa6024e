using VeeamConfigBackup.Engine.Backup;

/// <summary>Progress as plain lines on standard output, flushed at once, for a parent process to follow.</summary>
internal sealed class ConsoleProgress : IBackupProgress
{
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

    public void Report(string status, int percentComplete)
    {
        Console.Out.WriteLine($"progress {percentComplete} {status} {_watch.Elapsed.TotalSeconds:0.00}s");
        Console.Out.Flush();
    }
}
