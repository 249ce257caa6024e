using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Server;

/// <summary>
/// Backup to and restore from an S3-compatible repository (the test gateway that tests/S3/cluster.sh starts), beside the
/// scripted peer: the same database through `sqlite3 .dump | zstd -1 | age`, uploaded and downloaded with Debian's
/// `aws s3 cp`. Every step is its own process, timed with /usr/bin/time (wall time and peak resident memory), three
/// times, alternated, medians reported with the ratios ours / peer.
/// </summary>
internal static class ObjectStorageBench
{
    public static int Run(string benchOut, int sessions, string tool)
    {
        var endpoint = Environment.GetEnvironmentVariable("VBR_TEST_S3_ENDPOINT") ?? throw new InvalidOperationException("VBR_TEST_S3_ENDPOINT is not set: start tests/S3/cluster.sh.");
        var access = Environment.GetEnvironmentVariable("VBR_TEST_S3_ACCESS_KEY")!;
        var secret = Environment.GetEnvironmentVariable("VBR_TEST_S3_SECRET_KEY")!;
        Directory.CreateDirectory(benchOut);
        var home = Path.Combine(benchOut, $"home-s3-{sessions}");
        var bucket = $"vbr-bench-{Guid.NewGuid():N}"[..30];
        using (var client = Client(endpoint, access, secret))
        {
            client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }).GetAwaiter().GetResult();
        }
        if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
        using (var server = ServerHome.Open(home, "bench-server"))
        {
            ConfigurationGenerator.Fill(server, new GeneratorOptions { Repositories = 20, Credentials = 200, ManagedServers = 2_000, Jobs = 300, Passwords = 3, Sessions = sessions });
            var key = server.Passwords.Add(Secure("Bench-Passw0rd-2026"), "bench password").Record;
            server.ConfigBackupJob.EnableEncryption(key.Id);
            var keys = server.Credentials.Add(access, Secure(secret), CredentialsType.Linux, "bench S3 keys");
            var repository = server.Repositories.AddS3Compatible("Bench S3", endpoint, bucket, "bench", null, keys.Id, null, forcePathStyle: true);
            server.ConfigBackupJob.Update(repositoryId: repository.Id);
        }
        var keyFile = Path.Combine(benchOut, "age-key.txt");
        if (!File.Exists(keyFile)) Shell($"age-keygen -o '{keyFile}' 2>/dev/null");
        var recipient = File.ReadLines(keyFile).First(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..];
        var db = Path.Combine(home, "config.db");
        var piped = Path.Combine(benchOut, $"pipeline-s3-{sessions}.age");
        var awsEnv = $"AWS_ACCESS_KEY_ID='{access}' AWS_SECRET_ACCESS_KEY='{secret}' AWS_DEFAULT_REGION=us-east-1";
        var aws = $"{awsEnv} /usr/bin/aws --endpoint-url '{endpoint}'";
        var runs = new Dictionary<string, List<(double Seconds, long PeakBytes)>>();
        void Add(string step, (double, long) m) => (runs.TryGetValue(step, out var l) ? l : runs[step] = []).Add(m);
        string? lastPoint = null;
        for (var i = 0; i < 3; i++)
        {
            var (backup, output) = Timed($"dotnet '{tool}' backup '{home}'");
            Add("backup", backup);
            lastPoint = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("path").GetString();
            Add("peer backup", Timed($"sqlite3 '{db}' .dump | zstd -1 -T1 -q | age -r {recipient} > '{piped}' && {aws} s3 cp --quiet '{piped}' 's3://{bucket}/peer/{i}.age'").Measure);
            var target = Path.Combine(benchOut, "restore-s3");
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Add("restore", Timed($"dotnet '{tool}' s3restore '{home}' '{target}' '{lastPoint}'").Measure);
            var newDb = Path.Combine(benchOut, "pipeline-s3-restore.db");
            File.Delete(newDb);
            Add("peer restore", Timed($"{aws} s3 cp --quiet 's3://{bucket}/peer/{i}.age' - | age -d -i '{keyFile}' | zstd -d -q | sqlite3 '{newDb}'").Measure);
        }
        static double Median(IEnumerable<double> v) { var s = v.Order().ToList(); return s[s.Count / 2]; }
        var m = runs.ToDictionary(r => r.Key, r => (Seconds: Median(r.Value.Select(x => x.Seconds)), PeakMB: r.Value.Max(x => x.PeakBytes) / 1e6));
        var size = new FileInfo(piped).Length;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            sessions,
            backupSeconds = Math.Round(m["backup"].Seconds, 2), peerBackupSeconds = Math.Round(m["peer backup"].Seconds, 2),
            backupRatio = Math.Round(m["backup"].Seconds / m["peer backup"].Seconds, 2),
            restoreSeconds = Math.Round(m["restore"].Seconds, 2), peerRestoreSeconds = Math.Round(m["peer restore"].Seconds, 2),
            restoreRatio = Math.Round(m["restore"].Seconds / m["peer restore"].Seconds, 2),
            backupPeakMB = Math.Round(m["backup"].PeakMB, 1), peerBackupPeakMB = Math.Round(m["peer backup"].PeakMB, 1),
            restorePeakMB = Math.Round(m["restore"].PeakMB, 1), peerRestorePeakMB = Math.Round(m["peer restore"].PeakMB, 1),
            peerOutputMB = Math.Round(size / 1e6, 2),
        }));
        return 0;
    }

    private static AmazonS3Client Client(string endpoint, string access, string secret) => new(new BasicAWSCredentials(access, secret), new AmazonS3Config
    {
        ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Runs a bash command line under /usr/bin/time: its wall time, the peak resident memory of its largest process, its output.</summary>
    private static ((double Seconds, long PeakBytes) Measure, string Output) Timed(string command)
    {
        var stats = Path.GetTempFileName();
        var output = Shell($"/usr/bin/time -f '%e %M' -o '{stats}' bash -c \"{command.Replace("\"", "\\\"")}\"");
        var parts = File.ReadAllText(stats).Trim().Split(' ');
        File.Delete(stats);
        return ((double.Parse(parts[^2], CultureInfo.InvariantCulture), long.Parse(parts[^1], CultureInfo.InvariantCulture) * 1024), output);
    }

    private static string Shell(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"failed ({process.ExitCode}): {command.Split(' ')[0]}");
        return output;
    }

    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}
