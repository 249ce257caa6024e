using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Tests.Support;
using ZstdSharp;

namespace VeeamConfigBackup.Engine.Tests.Archive;

/// <summary>
/// An unencrypted point's chunks can be made intact around any payload (the checksum chain needs no key), so the
/// decompressor and the content reader see whatever an attacker wrote. Whatever that is, the answer is a damaged
/// restore point: never another exception, never a valid result.
/// </summary>
public sealed class ContentDamageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vbr-engine-tests", Guid.NewGuid().ToString("N"));

    public ContentDamageTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Content(Action<ContentWriter> write)
    {
        using var plain = new MemoryStream();
        var writer = new ContentWriter(plain);
        write(writer);
        writer.Complete();
        return plain.ToArray();
    }

    private static byte[] People(int rows, bool withSecrets) => Content(c =>
    {
        c.BeginTable(ArchiveFixture.People);
        foreach (var row in ArchiveFixture.Rows(rows, withSecrets))
        {
            c.WriteRow(row);
        }
        c.EndTable();
    });

    private static byte[] Compress(byte[] content)
    {
        using var compressor = new Compressor(RestorePointWriter.CompressionLevel);
        return compressor.Wrap(content).ToArray();
    }

    private static byte[] Point(byte[] zstdPayload) => RestorePointForge.UnencryptedWithPayload(ArchiveFixture.Metadata(), zstdPayload);

    /// <summary>Reads the whole point; returns what was thrown (null if it read as valid).</summary>
    private static Exception? Read(byte[] file) => Record.Exception(() =>
    {
        using var reader = RestorePointReader.Open(new MemoryStream(file));
        ArchiveFixture.Drain(reader.OpenContent((Secrets.SecretChars?)null));
    });

    private static void AssertDamaged(Exception? ex, string what)
    {
        Assert.True(ex is RestorePointDamagedException, $"{what}: {(ex is null ? "read as valid" : ex.GetType().FullName + ": " + ex.Message)}");
    }

    [Fact]
    public void The_forge_makes_points_the_reader_accepts()
    {
        // Without this the tests below could pass on a forge that always made broken files.
        Assert.Null(Read(Point(Compress(People(50, withSecrets: false)))));
    }

    [Fact]
    public void A_secret_value_in_a_point_whose_header_says_it_has_no_secrets_is_damage()
    {
        var path = Path.Combine(_folder, "secrets-in-plain.bco");
        File.WriteAllBytes(path, Point(Compress(People(10, withSecrets: true))));

        var verified = RestorePointVerifier.Verify(path, (System.Security.SecureString?)null);
        Assert.False(verified.Valid);
        Assert.Equal("RestorePointDamaged", verified.ErrorId);
        Assert.Contains("holds no secrets", verified.Error);
        Assert.DoesNotContain("secret-1", verified.Error);
    }

    [Fact]
    public void A_restore_of_such_a_point_changes_nothing()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var before = TableDump.Of(home);
        var path = Path.Combine(_folder, "credentials-in-plain.bco");
        var credentials = Store.ExportedTables.All.Single(t => t.Name == "credentials");
        var content = Content(c =>
        {
            c.BeginTable(credentials);
            var row = credentials.Columns.Select<ColumnSchema, object?>(col => col.Secret is not null ? "planted"u8.ToArray()
                : col.Type switch { ColumnType.Guid => Guid.NewGuid(), ColumnType.Integer => 1L, ColumnType.Blob => Array.Empty<byte>(), _ => "x" }).ToArray();
            c.WriteRow(row);
            c.EndTable();
        });
        File.WriteAllBytes(path, RestorePointForge.UnencryptedWithPayload(ArchiveFixture.Metadata() with { ServerId = home.Identity.Id, SchemaVersion = Store.SqliteSchema.CurrentVersion }, Compress(content)));

        var ex = Assert.Throws<RestorePointDamagedException>(() => ConfigRestore.Run(home, new RestoreRequest { Path = path }));
        Assert.Contains("holds no secrets", ex.Message);
        TableDump.AssertEqual(before, TableDump.Of(home));
    }

    [Fact]
    public void A_compressed_stream_cut_short_inside_intact_chunks_is_reported_invalid_not_thrown()
    {
        var payload = Compress(People(400, withSecrets: false));
        var path = Path.Combine(_folder, "cut.bco");
        File.WriteAllBytes(path, Point(payload[..(payload.Length / 2)]));

        var verified = RestorePointVerifier.Verify(path, (System.Security.SecureString?)null);
        Assert.False(verified.Valid);
        Assert.Equal("RestorePointDamaged", verified.ErrorId);
    }

    [Fact]
    public void A_compressed_stream_cut_at_any_length_is_damage()
    {
        var payload = Compress(People(400, withSecrets: false));
        for (var length = 0; length < payload.Length; length++)
        {
            AssertDamaged(Read(Point(payload[..length])), $"cut at {length} of {payload.Length}");
        }
    }

    [Fact]
    public void Any_byte_of_the_compressed_stream_changed_gives_damage_or_decodes_but_never_another_exception()
    {
        var payload = Compress(People(200, withSecrets: false));
        var random = new Random(7);
        for (var offset = 0; offset < payload.Length; offset++)
        {
            var changed = (byte[])payload.Clone();
            changed[offset] ^= (byte)(1 << random.Next(8));
            var ex = Read(Point(changed));
            Assert.True(ex is null or RestorePointDamagedException, $"byte {offset}: {ex?.GetType().FullName}: {ex?.Message}");
        }
    }

    [Fact]
    public void Any_byte_of_the_decoded_content_changed_gives_damage_or_decodes_but_never_another_exception()
    {
        var content = People(60, withSecrets: false);
        var random = new Random(11);
        for (var offset = 0; offset < content.Length; offset++)
        {
            var changed = (byte[])content.Clone();
            changed[offset] = (byte)random.Next(256);
            var ex = Read(Point(Compress(changed)));
            Assert.True(ex is null or RestorePointDamagedException, $"byte {offset}: {ex?.GetType().FullName}: {ex?.Message}");
        }
    }

    [Fact]
    public void Garbage_where_the_compressed_stream_should_be_is_damage()
    {
        var random = new Random(3);
        var zstdMagic = new byte[] { 0x28, 0xB5, 0x2F, 0xFD };
        for (var i = 0; i < 300; i++)
        {
            var garbage = new byte[random.Next(1, 3000)];
            random.NextBytes(garbage);
            if (i % 2 == 0)
            {
                zstdMagic.CopyTo(garbage, 0); // past the magic, into the frame header's parser
            }
            AssertDamaged(Read(Point(garbage)), $"garbage {i}");
        }
    }

    [Fact]
    public void Messages_about_names_in_unauthenticated_content_escape_control_characters()
    {
        var content = Content(c =>
        {
            c.BeginTable(new TableSchema("evil\u001b[2J\r\n", [new ColumnSchema("c", ColumnType.Text)]));
            c.WriteRow([1L]);
            c.EndTable();
        });
        var ex = Read(Point(Compress(content)));
        AssertDamaged(ex, "a row of the wrong type");
        Assert.Contains("evil\\u001B[2J\\u000D\\u000A", ex!.Message);
        Assert.DoesNotContain('\u001b', ex.Message);
    }
}
