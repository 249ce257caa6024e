using System.Diagnostics;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Restore;

/// <summary>All or nothing under the hardest failure: the restoring process is killed in the middle.</summary>
public sealed class KilledRestoreTests
{
    private const string BenchPassword = "Bench-Passw0rd-2026"; // the benchmark tool's restore uses this password

    [Fact]
    public void A_restore_killed_midway_leaves_the_target_exactly_as_it_was()
    {
        using var sourceTemp = new TempHome();
        using var targetTemp = new TempHome();
        string point;
        using (var source = sourceTemp.Open("source"))
        {
            ConfigurationGenerator.Fill(source, new GeneratorOptions { Sessions = 150_000 });
            var key = source.Passwords.Add(TestSecrets.Secure(BenchPassword), "bench").Record;
            source.ConfigBackupJob.EnableEncryption(key.Id);
            var backup = source.ConfigBackupJob.Run();
            Assert.Equal(BackupOutcome.Success, backup.Result);
            point = backup.Path!;
        }
        Dictionary<string, List<string>> before;
        using (var target = targetTemp.Open("bench-target"))
        {
            ConfigurationGenerator.Fill(target, new GeneratorOptions { Sessions = 50, Seed = 3 });
            before = TableDump.Of(target);
        }

        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BenchTool.Path, "restore", targetTemp.Path, point },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string? line;
        var sawMidway = false;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            var parts = line.Split(' ');
            if (parts is ["progress", var percent, "Restoring", "job_sessions", ..] && int.Parse(percent) >= 20)
            {
                sawMidway = true;
                break;
            }
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.True(sawMidway, "the restore never reached the middle of the session history: " + process.StandardError.ReadToEnd());

        using var after = targetTemp.Open("bench-target");
        TableDump.AssertEqual(before, TableDump.Of(after));
        Assert.Empty(Directory.GetFiles(targetTemp.Path, ".restore-staging-*"));
    }
}
