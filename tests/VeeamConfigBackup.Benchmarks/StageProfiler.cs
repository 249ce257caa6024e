using System.Diagnostics;
using VeeamConfigBackup.Engine.Server;

/// <summary>Times the backup's stages one at a time, to see which bounds the speed.</summary>
internal static class StageProfiler
{
    public static Dictionary<string, double> Run(ServerHome server, int level) => VeeamConfigBackup.Benchmarks.BackupStageTimer.Measure(server, level);
}
