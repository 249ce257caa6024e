using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Archive;

namespace VeeamConfigBackup.Engine.Tests.Archive;

/// <summary>
/// Makes restore points as an attacker would: a header changed and its hash recomputed (anyone can; only the MAC
/// needs the key), or an unencrypted point whose chunks carry any payload bytes with a correct checksum chain.
/// </summary>
internal static class RestorePointForge
{
    /// <summary>The file with its header replaced and the hash recomputed; the MAC and the chunks stay as they were.</summary>
    public static byte[] RewriteHeader(byte[] file, Func<RestorePointHeader, RestorePointHeader> change)
    {
        var (header, covered, _, mac) = RestorePointHeaderCodec.Read(new MemoryStream(file));
        var forged = RestorePointHeaderCodec.Encode(change(header));
        var rest = file.AsSpan(covered.Length + 2 * RestorePointHeaderCodec.HashLength);
        return [.. forged, .. SHA256.HashData(forged), .. mac, .. rest];
    }

    /// <summary>An unencrypted point whose payload (what should be a zstd stream) is exactly <paramref name="payload"/>, with intact chunks.</summary>
    public static byte[] UnencryptedWithPayload(RestorePointHeader metadata, ReadOnlySpan<byte> payload)
    {
        var header = metadata with { FileId = RandomNumberGenerator.GetBytes(16), Encrypted = false, SecretsIncluded = false, Kdf = null, PasswordWrap = null };
        var covered = RestorePointHeaderCodec.Encode(header);
        var hash = SHA256.HashData(covered);
        using var output = new MemoryStream();
        output.Write(covered);
        output.Write(hash);
        output.Write(new byte[RestorePointHeaderCodec.HashLength]);
        var chunks = new ChunkWriterStream(output, null, hash);
        chunks.Write(payload);
        chunks.Complete();
        return output.ToArray();
    }

    /// <summary>The zstd payload of an unencrypted point: its chunks' plaintext, concatenated.</summary>
    public static byte[] PayloadOf(byte[] unencrypted)
    {
        var (_, covered, hash, _) = RestorePointHeaderCodec.Read(new MemoryStream(unencrypted));
        var input = new MemoryStream(unencrypted, covered.Length + 2 * RestorePointHeaderCodec.HashLength, unencrypted.Length - covered.Length - 2 * RestorePointHeaderCodec.HashLength);
        using var chunks = new ChunkReaderStream(input, null, hash);
        using var plain = new MemoryStream();
        chunks.CopyTo(plain);
        return plain.ToArray();
    }
}
