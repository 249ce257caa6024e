using System.Buffers.Binary;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Tests.Archive;

/// <summary>
/// Every kind of damage is rejected with a typed error, and never yields rows: a flipped byte anywhere,
/// truncation at every chunk boundary and inside chunks, swapped and dropped chunks, appended bytes.
/// </summary>
public sealed class RestorePointDamageTests
{
    private const string Password = "Damage-Test-Passw0rd";

    // Enough rows for three chunks of compressed content; random notes keep zstd from shrinking it to one.
    private static readonly byte[] Encrypted = WriteIncompressible(Password);
    private static readonly byte[] Unencrypted = WriteIncompressible(null);

    private static byte[] WriteIncompressible(string? password)
    {
        var random = new Random(42);
        using var output = new MemoryStream();
        using var chars = password is null ? null : SecretChars.From(password);
        using (var writer = RestorePointWriter.Begin(output, ArchiveFixture.Metadata(), chars))
        {
            writer.Content.BeginTable(ArchiveFixture.People);
            for (var i = 0; i < 1500; i++)
            {
                var note = Convert.ToBase64String(Enumerable.Range(0, 120).Select(_ => (byte)random.Next(256)).ToArray());
                writer.Content.WriteRow([$"row-{i}", (long)i, note, password is null ? null : new byte[] { 1, 2, 3 }]);
            }
            writer.Content.EndTable();
            writer.Complete();
        }
        return output.ToArray();
    }

    private static readonly SecretBytes UserKey = DeriveOnce();

    private static SecretBytes DeriveOnce()
    {
        using var reader = RestorePointReader.Open(new MemoryStream(Encrypted));
        using var chars = SecretChars.From(Password);
        return KeySchedule.DeriveUserKey(chars, reader.Header.Kdf!);
    }

    /// <summary>
    /// Reads a damaged copy. A copy whose header bytes are intact has the same salt, so the user key
    /// derived once is the right one; a copy with a changed header is caught before derivation.
    /// </summary>
    private static void AssertRejected(byte[] damaged, bool encrypted)
    {
        var ex = Record.Exception(() =>
        {
            using var reader = RestorePointReader.Open(new MemoryStream(damaged));
            ArchiveFixture.Drain(encrypted ? reader.OpenContent(UserKey) : reader.OpenContent((SecretBytes?)null));
        });
        Assert.NotNull(ex);
        Assert.True(ex is RestorePointDamagedException or WrongPasswordException or UnsupportedFormatVersionException,
            $"unexpected {ex.GetType().Name}: {ex.Message}");
    }

    public static IEnumerable<object[]> Variants() => [[true], [false]];

    [Fact]
    public void The_test_files_span_several_chunks()
    {
        Assert.True(ChunkOffsets(Encrypted, true).Count >= 3);
        Assert.True(ChunkOffsets(Unencrypted, false).Count >= 3);
        Assert.Equal(1500, ArchiveFixture.ReadAll(Encrypted, Password).Count);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Flipping_any_single_byte_is_detected(bool encrypted)
    {
        var file = encrypted ? Encrypted : Unencrypted;
        // Every byte of the header block and of each chunk's frame and tag, and a stride through the bodies.
        var positions = new SortedSet<int>();
        var firstChunk = ChunkOffsets(file, encrypted)[0];
        for (var i = 0; i < firstChunk + 64; i++) positions.Add(i);
        foreach (var offset in ChunkOffsets(file, encrypted))
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 1));
            var tag = encrypted ? 16 : 32;
            for (var i = 0; i < ChunkFraming.FrameHeaderLength; i++) positions.Add(offset + i);
            for (var i = 0; i < tag; i++) positions.Add(offset + ChunkFraming.FrameHeaderLength + length + i);
            for (var i = 0; i < length; i += 997) positions.Add(offset + ChunkFraming.FrameHeaderLength + i);
        }
        foreach (var position in positions.Where(p => p < file.Length))
        {
            var damaged = (byte[])file.Clone();
            damaged[position] ^= 0x01;
            AssertRejected(damaged, encrypted);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Truncation_at_every_chunk_boundary_and_inside_chunks_is_detected(bool encrypted)
    {
        var file = encrypted ? Encrypted : Unencrypted;
        foreach (var offset in ChunkOffsets(file, encrypted))
        {
            AssertRejected(file[..offset], encrypted);
            AssertRejected(file[..(offset + 3)], encrypted);
            AssertRejected(file[..(offset + 100)], encrypted);
        }
        AssertRejected(file[..^1], encrypted);
        AssertRejected(file[..20], encrypted);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Swapping_or_dropping_chunks_is_detected(bool encrypted)
    {
        var file = encrypted ? Encrypted : Unencrypted;
        var offsets = ChunkOffsets(file, encrypted);
        var chunks = offsets.Select((o, i) => file[o..(i + 1 < offsets.Count ? offsets[i + 1] : file.Length)]).ToList();
        var head = file[..offsets[0]];
        AssertRejected(Concat(head, chunks[1], chunks[0], chunks.Skip(2)), encrypted);
        AssertRejected(Concat(head, chunks[0], chunks.Skip(2)), encrypted);
        AssertRejected(Concat(head, chunks.Take(chunks.Count - 1)), encrypted);
        AssertRejected(Concat(head, chunks, [chunks[^1]]), encrypted);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Appended_bytes_are_detected(bool encrypted)
    {
        var file = encrypted ? Encrypted : Unencrypted;
        AssertRejected([.. file, 0], encrypted);
        AssertRejected([.. file, .. file[^50..]], encrypted);
    }

    [Fact]
    public void A_payload_moved_under_another_header_is_detected()
    {
        var other = WriteIncompressible(Password);
        var offsetsA = ChunkOffsets(Encrypted, true);
        var offsetsB = ChunkOffsets(other, true);
        var mixed = Concat(Encrypted[..offsetsA[0]], [other[offsetsB[0]..]]);
        AssertRejected(mixed, true);
    }

    private static byte[] Concat(byte[] head, params IEnumerable<byte[]>[] parts) =>
        [.. head, .. parts.SelectMany(p => p).SelectMany(b => b)];

    private static byte[] Concat(byte[] head, byte[] a, byte[] b, IEnumerable<byte[]> rest) => Concat(head, [a, b], rest);

    private static byte[] Concat(byte[] head, byte[] a, IEnumerable<byte[]> rest) => Concat(head, [a], rest);

    /// <summary>Where each chunk frame starts, walking the frames after the header block.</summary>
    private static List<int> ChunkOffsets(byte[] file, bool encrypted)
    {
        var headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(10));
        var offset = RestorePointHeaderCodec.PrefixLength + headerLength + 2 * RestorePointHeaderCodec.HashLength;
        var tag = encrypted ? 16 : 32;
        var offsets = new List<int>();
        while (offset < file.Length)
        {
            offsets.Add(offset);
            offset += ChunkFraming.FrameHeaderLength + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 1)) + tag;
        }
        return offsets;
    }
}
