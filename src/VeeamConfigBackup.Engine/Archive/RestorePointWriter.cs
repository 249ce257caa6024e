using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Secrets;
using ZstdSharp;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Writes one restore point to a stream: header block, then content → zstd → sealed chunks.
/// With a password, a fresh storage key is made and wrapped; without, the content must hold no secret
/// (the caller leaves secret columns nil) and the chunks carry a checksum chain instead of encryption.
/// </summary>
internal sealed class RestorePointWriter : IDisposable
{
    public const int CompressionLevel = 1;

    private readonly ChunkWriterStream _chunks;
    private readonly CompressionStream _compression;
    private readonly HandOffStream _handOff;
    private readonly CountingStream _counter;

    private RestorePointWriter(ChunkWriterStream chunks, RestorePointHeader header)
    {
        _chunks = chunks;
        _compression = new CompressionStream(chunks, CompressionLevel, leaveOpen: true);
        // Compression, encryption and the file write run on a second thread, fed through the hand-off.
        _handOff = new HandOffStream(_compression);
        _counter = new CountingStream(_handOff);
        Content = new ContentWriter(_counter);
        Header = header;
    }

    public RestorePointHeader Header { get; }

    public ContentWriter Content { get; }

    /// <summary>Bytes of logical content before compression.</summary>
    public long LogicalBytes => _counter.BytesWritten;

    public static RestorePointWriter Begin(Stream output, RestorePointHeader metadata, SecretChars? password, KeyProtection? protection = null)
    {
        var fileId = RandomNumberGenerator.GetBytes(16);
        if (password is null)
        {
            var plainHeader = metadata with { FileId = fileId, Encrypted = false, SecretsIncluded = false, Kdf = null, PasswordWrap = null };
            var covered = RestorePointHeaderCodec.Encode(plainHeader);
            var hash = SHA256.HashData(covered);
            output.Write(covered);
            output.Write(hash);
            output.Write(new byte[RestorePointHeaderCodec.HashLength]);
            return new RestorePointWriter(new ChunkWriterStream(output, null, hash), plainHeader);
        }
        var kdf = KdfParameters.CreateNew();
        using var userKey = KeySchedule.DeriveUserKey(password, kdf);
        using var storageKey = KeySchedule.NewStorageKey();
        var officer = protection?.Officer;
        using var wrapKey = KeySchedule.PasswordWrapKey(userKey, officer?.Key, fileId);
        byte[]? recoveryWrap = null;
        if (protection?.Recovery is { } recovery)
        {
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(recovery.SubjectPublicKeyInfo, out _);
            recoveryWrap = KeySchedule.WrapForRecovery(rsa, storageKey, officer?.Key, fileId);
        }
        var header = metadata with
        {
            FileId = fileId,
            Encrypted = true,
            SecretsIncluded = true,
            Kdf = kdf,
            PasswordWrap = KeySchedule.WrapStorageKey(wrapKey, storageKey, fileId),
            RecoveryKeyId = protection?.Recovery?.KeyId,
            RecoveryWrap = recoveryWrap,
            SecurityOfficerProtected = officer is not null,
            OfficerKdf = officer?.Kdf,
            OfficerCheck = officer is null ? null : KeySchedule.OfficerCheck(officer.Key, fileId),
            OfficerHint = officer?.Hint,
        };
        var bytes = RestorePointHeaderCodec.Encode(header);
        var headerHash = SHA256.HashData(bytes);
        using var macKey = KeySchedule.HeaderMacKey(storageKey, fileId);
        output.Write(bytes);
        output.Write(headerHash);
        output.Write(HMACSHA256.HashData(macKey.Span, bytes));
        using var payloadKey = KeySchedule.PayloadKey(storageKey, headerHash);
        return new RestorePointWriter(new ChunkWriterStream(output, payloadKey, headerHash), header);
    }

    /// <summary>Ends the content, flushes the compressor and seals the final chunk.</summary>
    public void Complete()
    {
        Content.Complete();
        _handOff.Complete();
        _compression.Dispose();
        _chunks.Complete();
    }

    public void Dispose()
    {
        _handOff.Dispose();
        _compression.Dispose();
        _chunks.Dispose();
    }
}
