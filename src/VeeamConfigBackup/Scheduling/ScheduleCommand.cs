using System.Management.Automation;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Scheduling;

/// <summary>
/// The command line a timer runs for a server: this PowerShell, this module and the home spelled out in full (no profile,
/// no PSModulePath), its output appended to the home's schedule log with umask 077 so the log is owner-only.
/// </summary>
internal static class ScheduleCommand
{
    public static string For(string homePath, string moduleBase, string logPath)
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("The PowerShell executable is not known.");
        var pwsh = new List<string> { exe };
        // Under 'dotnet pwsh' (PowerShell as a .NET tool) the process is the dotnet host: pwsh.dll goes with it.
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            pwsh.Add(Path.Combine(Path.GetDirectoryName(typeof(PSObject).Assembly.Location)!, "pwsh.dll"));
        }
        var manifest = Path.Combine(moduleBase, "VeeamConfigBackup.psd1");
        foreach (var path in pwsh.Append(manifest).Append(homePath).Append(logPath))
        {
            RequirePlain(path);
        }
        var script = $"Import-Module '{manifest}'; Connect-VBRServer -Path '{homePath}' | Out-Null; Start-VBRConfigBackup -IfDue -Verbose";
        return $"umask 077; NO_COLOR=1 {string.Join(' ', pwsh.Select(p => $"'{p}'"))} -NoProfile -NonInteractive -Command \"{script}\" >> '{logPath}' 2>&1";
    }

    /// <summary>
    /// Paths go into a cron line, a shell command and a PowerShell string at once; rather than quoting for all three,
    /// only characters that mean nothing to any of them are accepted.
    /// </summary>
    private static void RequirePlain(string path)
    {
        if (path.Any(c => !(char.IsAsciiLetterOrDigit(c) || "/._-+,:@= ".Contains(c))))
        {
            throw new ConfigBackupException("SchedulePathNotSupported", ErrorKind.NotSupported,
                $"The path '{path}' has a character that a cron line cannot carry safely (only letters, digits, spaces and / . _ - + , : @ = are accepted).")
            {
                RecommendedAction = "Keep the server home, the module and PowerShell in folders whose names use only those characters, or create the timer yourself with the command Get-Help Register-VBRConfigBackupSchedule shows.",
            };
        }
    }
}
