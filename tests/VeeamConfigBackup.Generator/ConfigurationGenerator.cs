using System.Globalization;
using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Generator;

/// <summary>
/// Fills a server with a realistic configuration for tests and benchmarks: repositories, credentials
/// (with protected passwords), Password Manager entries, managed servers, jobs and a long job-session
/// history. Deterministic for a seed, apart from ids and protected bytes. Returns the plain secrets it used
/// so tests can check that they come back after a restore.
/// </summary>
public static class ConfigurationGenerator
{
    public static GeneratedSecrets Fill(ServerHome home, GeneratorOptions options)
    {
        var random = new Random(options.Seed);
        var secrets = new GeneratedSecrets();
        var repositories = new List<Guid> { home.Repositories.Default.Id };
        for (var i = 0; i < options.Repositories; i++)
        {
            var type = i % 3 == 2 ? RepositoryType.Share : RepositoryType.Local;
            repositories.Add(home.Repositories.Add($"Repository {i + 1:000}", Path.Combine(home.Path, "generated-repositories", $"repo-{i + 1:000}"), type).Id);
        }
        var credentials = new List<Guid>();
        for (var i = 0; i < options.Credentials; i++)
        {
            var password = $"Gen-{options.Seed}-Cred-{i}-{random.Next():x8}";
            var user = i % 2 == 0 ? $"svc-backup-{i:000}" : $@"CORP\backup{i:000}";
            using var secure = SecretChars.From(password);
            var record = home.Credentials.Add(user, secure.ToSecureString(), i % 2 == 0 ? CredentialsType.Linux : CredentialsType.Windows, $"generated {i}");
            credentials.Add(record.Id);
            secrets.Credentials[record.Id] = password;
        }
        for (var i = 0; i < options.Passwords; i++)
        {
            var password = $"Gen-{options.Seed}-Pass-{i}-{random.Next():x8}";
            using var secure = SecretChars.From(password);
            var record = home.Passwords.Add(secure.ToSecureString(), $"generated password {i}").Record;
            secrets.Passwords[record.Id] = password;
        }
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000); // 2026-01-01
        home.Store.BulkInsert(ExportedTables.Get("managed_servers"), Enumerable.Range(0, options.ManagedServers).Select(i => new object?[]
        {
            Guid.NewGuid().ToString(), $"host-{i:0000}.corp.example.test", i % 4 == 0 ? "Linux" : "Windows",
            credentials.Count == 0 ? null : credentials[i % credentials.Count].ToString(), $"generated managed server {i}", created.ToUnixTimeMilliseconds(),
        }));
        var jobs = Enumerable.Range(0, Math.Max(1, options.Jobs)).Select(_ => Guid.NewGuid()).ToList();
        home.Store.BulkInsert(ExportedTables.Get("jobs"), jobs.Select((id, i) => new object?[]
        {
            id.ToString(), $"Backup Job {i + 1:000}", i % 5 == 0 ? "Agent" : "VM", repositories[i % repositories.Count].ToString(), null,
            1L, """{"type":"Daily","timeOfDay":"22:00:00"}""", created.ToUnixTimeMilliseconds(),
        }));
        home.Store.BulkInsert(ExportedTables.Get("job_sessions"), Sessions(options.Sessions, jobs, random, created));
        return secrets;
    }

    private static IEnumerable<object?[]> Sessions(int count, List<Guid> jobs, Random random, DateTimeOffset start)
    {
        string[] results = ["Success", "Success", "Success", "Success", "Warning", "Failed"];
        for (var i = 0; i < count; i++)
        {
            var begin = start.AddMinutes(i * 7L).ToUnixTimeMilliseconds();
            var duration = random.Next(60_000, 7_200_000);
            var processed = random.NextInt64(1L << 30, 1L << 40);
            var result = results[random.Next(results.Length)];
            var vms = random.Next(1, 60);
            yield return
            [
                Guid.NewGuid().ToString(), jobs[i % jobs.Count].ToString(), begin, begin + duration, result, processed, processed / random.Next(2, 20),
                string.Create(CultureInfo.InvariantCulture,
                    $"Job session {i}: {result.ToLowerInvariant()}, {vms} VMs processed, {processed / (1 << 20)} MB read at {random.Next(50, 900)} MB/s, bottleneck: {(random.Next(3) switch { 0 => "Source", 1 => "Network", _ => "Target" })}"),
            ];
        }
    }
}
