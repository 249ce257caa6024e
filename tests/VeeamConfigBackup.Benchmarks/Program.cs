using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text.Json;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Server;

// Usage:
//   generate <home> <sessions>   make a server with a generated configuration and encryption on
//   backup <home>                run the configuration backup job; print figures as one JSON line
//   restore <home> <point> [<postgres connection string>]
//                                migrate a restore point (made by "backup") into a home, whose database is
//                                PostgreSQL when a connection string is given; print figures;
//                                prints "progress <percent>" lines while it runs (a test kills it mid-way)
//   migrate <new home> <point>   the same into a folder that holds no server yet: the home is built beside it and
//                                renamed into place (a test kills it at several moments)
//   s3restore <source home> <new home> <s3 id>
//                                migrate a point from the source home's S3-compatible repository into a new home
//   s3bench <bench folder> <sessions>
//                                backup to and restore from S3 beside sqlite3 | zstd | age and aws s3 cp (ObjectStorageBench)
// A home on PostgreSQL finds its database again by itself; its password comes from a PostgreSQL password
// file (PGPASSFILE), as it would for a scheduled task.
// Figures are whole-process: the peak working set includes the runtime, so compare runs, not absolutes.

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: generate <home> <sessions> | backup <home>");
    return 2;
}

const string BenchPassword = "Bench-Passw0rd-2026";
var home = args[1];
switch (args[0])
{
    case "generate":
    {
        var sessions = int.Parse(args[2], CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        using var server = ServerHome.Open(home, "bench-server");
        ConfigurationGenerator.Fill(server, new GeneratorOptions
        {
            Repositories = 20, Credentials = 200, ManagedServers = 2_000, Jobs = 300, Passwords = 3, Sessions = sessions,
        });
        var key = server.Passwords.Add(Secure(BenchPassword), "bench password").Record;
        server.ConfigBackupJob.EnableEncryption(key.Id);
        Console.WriteLine(JsonSerializer.Serialize(new { generatedSessions = sessions, seconds = watch.Elapsed.TotalSeconds }));
        return 0;
    }
    case "backup":
    {
        using var server = ServerHome.Open(home);
        var watch = Stopwatch.StartNew();
        var result = server.ConfigBackupJob.Run();
        watch.Stop();
        if (result.Result == BackupOutcome.Failed)
        {
            Console.Error.WriteLine(result.Error);
            return 1;
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            path = result.Path,
            seconds = watch.Elapsed.TotalSeconds,
            logicalBytes = result.LogicalBytes,
            sizeBytes = result.SizeBytes,
            rows = result.RecordCounts.Values.Sum(),
            logicalMBps = result.LogicalBytes / 1e6 / watch.Elapsed.TotalSeconds,
            peakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64,
        }));
        return 0;
    }
    case "restore":
    {
        using var server = args.Length > 3
            ? ServerHome.Open(home, VeeamConfigBackup.Engine.Store.PostgresDatabase.Parse(args[3]), "bench-target")
            : ServerHome.Open(home, "bench-target");
        var watch = Stopwatch.StartNew();
        var result = ConfigRestore.Run(server, new RestoreRequest
        {
            Path = args[2],
            Password = Secure(BenchPassword),
            Mode = RestoreMode.Migrate,
            IncludeSessionHistory = true,
        }, new ConsoleProgress());
        watch.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            seconds = watch.Elapsed.TotalSeconds,
            rows = result.RecordCounts.Values.Sum(),
            peakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64,
        }));
        return 0;
    }
    case "migrate":
    {
        var watch = Stopwatch.StartNew();
        var result = NewHomeMigration.Run(home, new RestoreRequest
        {
            Path = args[2],
            Password = Secure(BenchPassword),
            Mode = RestoreMode.Migrate,
            IncludeSessionHistory = true,
        }, "bench-target", new ConsoleProgress());
        Console.WriteLine(JsonSerializer.Serialize(new { seconds = watch.Elapsed.TotalSeconds, rows = result.RecordCounts.Values.Sum() }));
        return 0;
    }
    case "s3restore":
    {
        using var source = ServerHome.Open(home);
        var repository = source.Repositories.List().Single(r => r.Type == VeeamConfigBackup.Engine.Repositories.RepositoryType.S3Compatible);
        using var store = source.Repositories.OpenStore(repository);
        var watch = Stopwatch.StartNew();
        var result = NewHomeMigration.Run(args[2], new RestoreRequest
        {
            Path = args[3],
            Store = store,
            Password = Secure(BenchPassword),
            Mode = RestoreMode.Migrate,
            IncludeSessionHistory = true,
        }, "bench-target");
        Console.WriteLine(JsonSerializer.Serialize(new { seconds = watch.Elapsed.TotalSeconds, rows = result.RecordCounts.Values.Sum() }));
        return 0;
    }
    case "s3bench":
        return ObjectStorageBench.Run(home, int.Parse(args[2], CultureInfo.InvariantCulture), typeof(ObjectStorageBench).Assembly.Location);
    case "verify":
    {
        var watch = Stopwatch.StartNew();
        var result = RestorePointVerifier.Verify(args[1], Secure(BenchPassword));
        Console.WriteLine(JsonSerializer.Serialize(new { seconds = watch.Elapsed.TotalSeconds, result.Valid, rows = result.RecordCounts.Values.Sum() }));
        return 0;
    }
    case "profile":
    {
        // Times each stage alone: read rows, encode content, compress it.
        using var server = ServerHome.Open(home);
        var stages = StageProfiler.Run(server, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
        Console.WriteLine(JsonSerializer.Serialize(stages));
        return 0;
    }
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

static SecureString Secure(string text)
{
    var s = new SecureString();
    foreach (var c in text) s.AppendChar(c);
    s.MakeReadOnly();
    return s;
}
