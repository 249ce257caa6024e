using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Scheduling;

/// <summary>
/// The log of the timed runs in the home (<c>logs/schedule.log</c>, owner-only). Each timed run first rotates it, so it
/// stays bounded: at most <see cref="KeptFiles"/> older files of about <see cref="MaxBytes"/> each besides the current one.
/// </summary>
public static class ScheduleLog
{
    public const long MaxBytes = 1024 * 1024;
    public const int KeptFiles = 3;

    public static string PathFor(string homePath) => Path.Combine(homePath, "logs", "schedule.log");

    /// <summary>Makes the log's folder owner-only (the timer's shell creates the file itself, with umask 077).</summary>
    public static void EnsureFolder(string homePath) => PrivateDirectory.Ensure(Path.GetDirectoryName(PathFor(homePath))!);

    /// <summary>When the log has grown past the limit: log.2 → log.3, log.1 → log.2, log → log.1 (the oldest goes).</summary>
    public static void Rotate(string homePath)
    {
        var log = PathFor(homePath);
        var info = new FileInfo(log);
        if (!info.Exists || info.Length < MaxBytes)
        {
            return;
        }
        File.Delete($"{log}.{KeptFiles}");
        for (var i = KeptFiles - 1; i >= 1; i--)
        {
            if (File.Exists($"{log}.{i}"))
            {
                File.Move($"{log}.{i}", $"{log}.{i + 1}");
            }
        }
        // The shell that runs this run has the log open already: this run's output ends in log.1, the next run's in a new log.
        File.Move(log, $"{log}.1");
    }
}
