using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Tests.Archive;

/// <summary>Builds small restore points in memory and reads them back whole.</summary>
internal static class ArchiveFixture
{
    public static readonly TableSchema People = new("people",
    [
        new ColumnSchema("id", ColumnType.Text),
        new ColumnSchema("age", ColumnType.Integer),
        new ColumnSchema("note", ColumnType.Text, Nullable: true),
        new ColumnSchema("secret", ColumnType.Blob, Secret: SecretPurpose.CredentialsPassword),
    ]);

    public static RestorePointHeader Metadata() => new()
    {
        ServerName = "srv",
        ServerId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        CreationTimeUtc = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000),
        ProductVersion = "0.1.0",
        SchemaVersion = 1,
        PasswordHint = "the hint",
    };

    public static IEnumerable<object?[]> Rows(int count, bool secrets) =>
        Enumerable.Range(0, count).Select(i => new object?[]
        {
            $"row-{i}", (long)i * 1_000_003, i % 3 == 0 ? null : $"note {i} {new string('x', i % 50)}",
            secrets ? System.Text.Encoding.UTF8.GetBytes($"secret-{i}") : null,
        });

    public static byte[] Write(string? password, int rows, bool secrets)
    {
        using var output = new MemoryStream();
        using var chars = password is null ? null : SecretChars.From(password);
        using (var writer = RestorePointWriter.Begin(output, Metadata(), chars))
        {
            writer.Content.BeginTable(People);
            foreach (var row in Rows(rows, secrets))
            {
                writer.Content.WriteRow(row);
            }
            writer.Content.EndTable();
            writer.Complete();
        }
        return output.ToArray();
    }

    /// <summary>Reads every row; returns them, or throws what the reader threw.</summary>
    public static List<object?[]> ReadAll(byte[] file, string? password)
    {
        using var chars = password is null ? null : SecretChars.From(password);
        using var reader = RestorePointReader.Open(new MemoryStream(file));
        return Drain(reader.OpenContent(chars));
    }

    public static List<object?[]> Drain(ContentReader content)
    {
        var rows = new List<object?[]>();
        while (content.NextTable() is not null)
        {
            while (content.NextRow() is { } row)
            {
                rows.Add(row);
            }
        }
        return rows;
    }
}
