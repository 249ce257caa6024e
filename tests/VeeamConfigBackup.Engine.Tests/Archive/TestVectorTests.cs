using System.Text.Json;
using System.Text.Json.Nodes;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Generator;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Archive;

/// <summary>
/// The committed test vectors of docs/bco-format.md decode to the committed content. Setting
/// VBR_WRITE_VECTORS to a folder writes a fresh set there instead (then commit it with the format change).
/// </summary>
public sealed class TestVectorTests
{
    public const string VectorPassword = "Vector-Passw0rd-2026";

    private static string VectorFolder => Path.Combine(AppContext.BaseDirectory, "Vectors", "v1");

    [Fact]
    public void The_encrypted_vector_decodes_to_the_committed_content()
    {
        WriteVectorsIfAsked();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(VectorFolder, "content.json")))!;
        var actual = Decode(Path.Combine(VectorFolder, "encrypted.bco"), VectorPassword, out var header);
        Assert.True(header.Encrypted);
        Assert.Equal("vector-server", header.ServerName);
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
        Assert.Contains("\"CredentialsPassword\"", actual.ToJsonString());
    }

    [Fact]
    public void The_unencrypted_vector_decodes_to_the_same_content_without_secrets()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(VectorFolder, "content.json")))!.AsObject();
        foreach (var table in expected["tables"]!.AsArray())
        {
            var columns = table!["columns"]!.AsArray();
            foreach (var row in table["rows"]!.AsArray())
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i]![3] is not null) row![i] = null;
                }
            }
        }
        var actual = Decode(Path.Combine(VectorFolder, "unencrypted.bco"), null, out var header);
        Assert.False(header.Encrypted);
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
    }

    [Fact]
    public void The_vector_does_not_open_with_another_password()
    {
        Assert.Throws<WrongPasswordException>(() => Decode(Path.Combine(VectorFolder, "encrypted.bco"), "Vector-Passw0rd-2025", out _));
    }

    /// <summary>The content as JSON: tables with their columns and rows, byte strings as {"base64": …}.</summary>
    internal static JsonObject Decode(string path, string? password, out RestorePointHeader header)
    {
        using var chars = password is null ? null : SecretChars.From(password);
        using var reader = RestorePointReader.Open(File.OpenRead(path));
        header = reader.Header;
        var content = reader.OpenContent(chars);
        var tables = new JsonArray();
        while (content.NextTable() is { } table)
        {
            var rows = new JsonArray();
            while (content.NextRow() is { } row)
            {
                rows.Add(new JsonArray(row.Select(ToJson).ToArray()));
            }
            tables.Add(new JsonObject
            {
                ["name"] = table.Name,
                ["columns"] = new JsonArray(table.Columns.Select(c => (JsonNode)new JsonArray(
                    c.Name, ContentTypes.Name(c.Type), c.Nullable, c.Secret?.ToString())).ToArray()),
                ["rows"] = rows,
            });
        }
        return new JsonObject { ["tables"] = tables };
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        long l => JsonValue.Create(l),
        string s => JsonValue.Create(s),
        Guid g => JsonValue.Create(g.ToString()),
        byte[] b => new JsonObject { ["base64"] = Convert.ToBase64String(b) },
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    private static void WriteVectorsIfAsked()
    {
        var target = Environment.GetEnvironmentVariable("VBR_WRITE_VECTORS");
        if (string.IsNullOrEmpty(target))
        {
            return;
        }
        Directory.CreateDirectory(target);
        using var temp = new TempHome();
        using (var home = temp.Open("vector-server"))
        {
            ConfigurationGenerator.Fill(home, new GeneratorOptions { Repositories = 1, Credentials = 2, ManagedServers = 2, Jobs = 1, Passwords = 0, Sessions = 3, Seed = 7 });
            var key = home.Passwords.Add(TestSecrets.Secure(VectorPassword), "vector password (see docs/bco-format.md)").Record;
            home.ConfigBackupJob.EnableEncryption(key.Id);
            var result = home.ConfigBackupJob.Run();
            Assert.Equal(BackupOutcome.Success, result.Result);
            File.Copy(result.Path!, Path.Combine(target, "encrypted.bco"), overwrite: true);
        }
        var content = Decode(Path.Combine(target, "encrypted.bco"), VectorPassword, out var header);
        File.WriteAllText(Path.Combine(target, "content.json"), content.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        // The unencrypted vector carries the same content with every secret column nil.
        using var output = File.Create(Path.Combine(target, "unencrypted.bco"));
        using var source = RestorePointReader.Open(File.OpenRead(Path.Combine(target, "encrypted.bco")));
        using var chars = SecretChars.From(VectorPassword);
        var reader = source.OpenContent(chars);
        using var writer = RestorePointWriter.Begin(output, header with { PasswordHint = null }, null);
        while (reader.NextTable() is { } table)
        {
            writer.Content.BeginTable(table);
            while (reader.NextRow() is { } row)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (table.Columns[i].Secret is not null) row[i] = null;
                }
                writer.Content.WriteRow(row);
            }
            writer.Content.EndTable();
        }
        writer.Complete();
    }
}
