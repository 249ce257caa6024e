using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// How the payload is cut into chunks (docs/bco-format.md, "Payload"): each chunk is
/// <c>flags u8 ‖ length u32le ‖ body ‖ tag</c>; the nonce is an 11-byte big-endian counter and a final flag,
/// so reordered, dropped, appended or truncated chunks fail authentication.
/// </summary>
internal static class ChunkFraming
{
    public const int ChunkSize = 64 * 1024;
    public const int FrameHeaderLength = 5;
    public const byte FinalFlag = 0x01;
    public const int EncryptedTagLength = 16;
    public const int ChainTagLength = 32;

    /// <summary>No restore point needs more chunks (that is 256 TiB); a larger counter means a damaged file.</summary>
    public const long MaxChunks = 1L << 32;

    public static void Nonce(Span<byte> nonce, long counter, bool final)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce.Slice(3, 8), counter);
        nonce[11] = final ? FinalFlag : (byte)0;
    }

    /// <summary>Unencrypted points chain SHA-256 over the chunks: integrity against damage, no secrecy.</summary>
    public static void ChainTag(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> tag)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previous);
        sha.AppendData(nonce);
        sha.AppendData(plaintext);
        sha.GetHashAndReset(tag);
    }
}
