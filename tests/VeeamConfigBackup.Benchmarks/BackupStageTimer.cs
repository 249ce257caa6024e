using System.Diagnostics;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;
using ZstdSharp;

namespace VeeamConfigBackup.Benchmarks;

/// <summary>Benchmark support: times reading, encoding and compressing a server's content separately.</summary>
internal static class BackupStageTimer
{
    public static Dictionary<string, double> Measure(ServerHome server, int level)
    {
        var result = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        long rows = 0;
        using (var snapshot = server.Store.OpenSnapshot())
        {
            foreach (var table in ExportedTables.All)
            {
                foreach (var _ in snapshot.ReadRows(table)) rows++;
            }
        }
        result["readSeconds"] = watch.Elapsed.TotalSeconds;
        watch.Restart();
        using (var snapshot = server.Store.OpenSnapshot())
        {
            foreach (var table in ExportedTables.All)
            {
                foreach (var _ in snapshot.ReadRowsInPlace(table)) rows++;
            }
        }
        result["readInPlaceSeconds"] = watch.Elapsed.TotalSeconds;
        watch.Restart();
        using (var snapshot = server.Store.OpenSnapshot())
        {
            var writer = new ContentWriter(Stream.Null);
            var secrets = new SecretExport(null!, include: false);
            foreach (var table in ExportedTables.All)
            {
                writer.BeginTable(table);
                writer.WriteRows(snapshot.ReadRowsInPlace(table), secrets);
                writer.EndTable();
            }
            writer.Complete();
        }
        result["readInPlaceAndEncodeSeconds"] = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var content = new MemoryStream();
        using (var snapshot = server.Store.OpenSnapshot())
        {
            var writer = new ContentWriter(content);
            foreach (var table in ExportedTables.All)
            {
                writer.BeginTable(table);
                foreach (var row in snapshot.ReadRows(table)) writer.WriteRow(row);
                writer.EndTable();
            }
            writer.Complete();
        }
        result["readAndEncodeSeconds"] = watch.Elapsed.TotalSeconds;
        result["contentBytes"] = content.Length;
        watch.Restart();
        var compressed = new MemoryStream();
        using (var z = new CompressionStream(compressed, level, leaveOpen: true))
        {
            content.Position = 0;
            content.CopyTo(z);
        }
        result["compressSeconds"] = watch.Elapsed.TotalSeconds;
        result["compressedBytes"] = compressed.Length;
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "vbr-content.msgpack"), content.ToArray());
        return result;
    }
}
