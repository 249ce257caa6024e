using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Scheduling;

/// <summary>
/// The operating-system timer on Linux: cron. As root, a file in <c>/etc/cron.d/</c> (mode 0644, owned by root, with a
/// user column, as Debian's cron requires); otherwise a marked entry in the user's crontab. The timer only asks
/// "is a run due?" every few minutes; the stored schedule stays the one source of truth, never translated into cron syntax.
/// </summary>
public sealed class CronTimer
{
    public const int MinInterval = 1;
    public const int MaxInterval = 59;
    public const int DefaultInterval = 5;
    private const string Marker = "# VeeamConfigBackup schedule ";

    private readonly string _cronFolder;
    private readonly bool _systemFile;

    /// <param name="cronFolder">Where system cron files go (<c>/etc/cron.d</c>; another folder only for tests).</param>
    /// <param name="systemFile">A file in the cron folder (root), or an entry in the user's crontab (others).</param>
    public CronTimer(string cronFolder, bool systemFile)
    {
        _cronFolder = cronFolder;
        _systemFile = systemFile;
    }

    /// <summary>The timer for this process: a system cron file for root, the user's crontab otherwise.</summary>
    public static CronTimer ForCurrentUser()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ConfigBackupException("SchedulerNotSupported", ErrorKind.NotSupported,
                "Register-VBRConfigBackupSchedule installs a cron entry and supports Linux only; this platform has no supported timer here.")
            {
                RecommendedAction = "Create a timer yourself (Windows: a Task Scheduler task every 5 minutes) that runs: " +
                    "pwsh -NoProfile -NonInteractive -Command \"Import-Module '<module folder>/VeeamConfigBackup.psd1'; Connect-VBRServer -Path '<home>' | Out-Null; Start-VBRConfigBackup -IfDue\"",
            };
        }
        return new CronTimer("/etc/cron.d", Environment.UserName == "root");
    }

    /// <summary>A name cron accepts for a file (letters, digits, '-' and '_' only), one per home.</summary>
    public static string EntryName(string homePath) =>
        "veeamconfigbackup-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(homePath))))[..12];

    public string LocationFor(string homePath) =>
        _systemFile ? Path.Combine(_cronFolder, EntryName(homePath)) : $"crontab of {Environment.UserName}";

    /// <summary>Installs (or replaces) the entry that runs <paramref name="command"/> every <paramref name="interval"/> minutes.</summary>
    public void Register(string homePath, string command, int interval)
    {
        if (interval is < MinInterval or > MaxInterval)
        {
            throw new ConfigBackupException("InvalidInterval", ErrorKind.InvalidArgument,
                $"The interval must be {MinInterval} to {MaxInterval} minutes; {interval} was given.")
            {
                RecommendedAction = $"Give -Interval {MinInterval} to {MaxInterval}; the job's own schedule decides when a run is due, the interval only how soon it is noticed.",
            };
        }
        var minutes = interval == 1 ? "*" : $"*/{interval}";
        if (_systemFile)
        {
            var path = LocationFor(homePath);
            var text = $"{Marker}{Path.GetFullPath(homePath)}\n# Written by Register-VBRConfigBackupSchedule; Unregister-VBRConfigBackupSchedule removes it.\n" +
                $"{minutes} * * * * root {command}\n";
            var temp = Path.Combine(_cronFolder, $".{EntryName(homePath)}.tmp");
            // Written beside and renamed: cron never reads half a file. Its name has a dot, which cron skips.
            File.WriteAllText(temp, text);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            File.Move(temp, path, overwrite: true);
            return;
        }
        var lines = ReadCrontab().ToList();
        RemoveEntry(lines, homePath);
        lines.Add(Marker + Path.GetFullPath(homePath));
        lines.Add($"{minutes} * * * * {command}");
        WriteCrontab(lines);
    }

    /// <summary>Removes the entry; false when there was none.</summary>
    public bool Unregister(string homePath)
    {
        if (_systemFile)
        {
            var path = LocationFor(homePath);
            if (!File.Exists(path))
            {
                return false;
            }
            File.Delete(path);
            return true;
        }
        var lines = ReadCrontab().ToList();
        if (!RemoveEntry(lines, homePath))
        {
            return false;
        }
        WriteCrontab(lines);
        return true;
    }

    /// <summary>The installed entry's interval and command, or null when none is installed.</summary>
    public (int Interval, string Command)? Find(string homePath)
    {
        IReadOnlyList<string> lines;
        if (_systemFile)
        {
            var path = LocationFor(homePath);
            if (!File.Exists(path))
            {
                return null;
            }
            lines = File.ReadAllLines(path);
        }
        else
        {
            lines = ReadCrontab();
        }
        var marker = lines.ToList().IndexOf(Marker + Path.GetFullPath(homePath));
        var entry = marker < 0 ? null : lines.Skip(marker + 1).FirstOrDefault(l => !l.StartsWith('#'));
        if (entry is null)
        {
            return null;
        }
        var fields = entry.Split(' ', 6 + (_systemFile ? 1 : 0));
        var interval = fields[0] == "*" ? 1 : int.Parse(fields[0]["*/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return (interval, fields[^1]);
    }

    private static bool RemoveEntry(List<string> lines, string homePath)
    {
        var marker = lines.IndexOf(Marker + Path.GetFullPath(homePath));
        if (marker < 0)
        {
            return false;
        }
        lines.RemoveRange(marker, Math.Min(2, lines.Count - marker));
        return true;
    }

    private static IReadOnlyList<string> ReadCrontab()
    {
        var (code, output, error) = Crontab("-l", null);
        // "no crontab for <user>" is an empty crontab, not a failure.
        return code == 0 ? output.Split('\n').Where(l => l.Length > 0).ToList()
            : error.Contains("no crontab", StringComparison.OrdinalIgnoreCase) ? [] : throw CrontabFailed(error);
    }

    private static void WriteCrontab(IReadOnlyList<string> lines)
    {
        var (code, _, error) = Crontab("-", string.Join('\n', lines) + "\n");
        if (code != 0)
        {
            throw CrontabFailed(error);
        }
    }

    private static (int Code, string Output, string Error) Crontab(string argument, string? input)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("crontab", argument)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw CrontabFailed($"the crontab program could not be started ({ex.Message}); is cron installed?");
        }
    }

    private static ConfigBackupException CrontabFailed(string reason) =>
        new("SchedulerFailed", ErrorKind.InvalidOperation, $"The user's crontab could not be changed: {reason}")
        {
            RecommendedAction = "Install cron (Debian: apt-get install cron) and make sure this user may use crontab, or register as root.",
        };
}
