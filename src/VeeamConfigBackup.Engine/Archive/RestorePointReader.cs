using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Secrets;
using ZstdSharp;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Opens a restore point: the header without a password (for listings), then the content with one.
/// A wrong password and a damaged file are told apart: the header's checksum proves the file intact
/// before the key wrap is tried, and a wrap that does not open is then a wrong password.
/// </summary>
internal sealed class RestorePointReader : IDisposable
{
    private readonly Stream _input;
    private readonly byte[] _covered;
    private readonly byte[] _hash;
    private readonly byte[] _mac;
    private ChunkReaderStream? _chunks;
    private DecompressionStream? _decompression;

    private RestorePointReader(Stream input, RestorePointHeader header, byte[] covered, byte[] hash, byte[] mac)
    {
        _input = input;
        Header = header;
        _covered = covered;
        _hash = hash;
        _mac = mac;
    }

    public RestorePointHeader Header { get; }

    /// <summary>How far into the file reading has come, for progress.</summary>
    public long Position => _input.Position;

    /// <summary>Largest zstd window accepted: 2^23 bytes (8 MiB).</summary>
    public const int MaxWindowLog = 23;

    public static RestorePointReader Open(Stream input)
    {
        var (header, covered, hash, mac) = RestorePointHeaderCodec.Read(input);
        return new RestorePointReader(input, header, covered, hash, mac);
    }

    /// <summary>Starts reading the content; every byte handed out has been authenticated.</summary>
    public ContentReader OpenContent(SecretChars? password, SecretChars? officerPassphrase = null)
    {
        if (!Header.Encrypted)
        {
            return OpenContent(userKey: null);
        }
        using var officerKey = OfficerKey(officerPassphrase);
        if (password is null)
        {
            throw new ConfigBackupException("PasswordRequired", ErrorKind.InvalidArgument,
                $"The restore point is encrypted: give its password (hint: '{Header.PasswordHint ?? "(none)"}').");
        }
        using var userKey = KeySchedule.DeriveUserKey(password, Header.Kdf!);
        return OpenContent(userKey, officerKey);
    }

    /// <summary>Opens the content with the recovery key instead of the password (password loss protection).</summary>
    public ContentReader OpenContentWithRecoveryKey(System.Security.Cryptography.RSA privateKey, string keyId, SecretChars? officerPassphrase = null)
    {
        if (!Header.Encrypted)
        {
            return OpenContent(userKey: null);
        }
        if (Header.RecoveryWrap is null)
        {
            throw new ConfigBackupException("RecoveryKeyNotApplicable", ErrorKind.InvalidOperation,
                "This restore point was made before password loss protection was enabled (or while it was off), so no recovery key can open it. Use its password.");
        }
        if (!string.Equals(Header.RecoveryKeyId, keyId, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigBackupException("RecoveryKeyMismatch", ErrorKind.SecurityError,
                $"This restore point can be opened by the recovery key {Header.RecoveryKeyId}, not by {keyId}. Use that recovery key, or the password.");
        }
        using var officerKey = OfficerKey(officerPassphrase);
        using var storageKey = KeySchedule.UnwrapForRecovery(privateKey, Header.RecoveryWrap, officerKey, Header.FileId)
            ?? throw RestorePointDamagedException.Because("its recovery key wrap does not open with the recovery key");
        return OpenWithStorageKey(storageKey);
    }

    /// <summary>
    /// The Security Officer key for a point protected by one: derived from the passphrase and checked on its
    /// own, so a wrong passphrase is reported as such and not as a wrong password.
    /// </summary>
    private SecretBytes? OfficerKey(SecretChars? passphrase)
    {
        if (!Header.SecurityOfficerProtected)
        {
            return null;
        }
        if (passphrase is null)
        {
            throw new ConfigBackupException("SecurityOfficerPassphraseRequired", ErrorKind.InvalidArgument,
                $"The restore point is also protected by a Security Officer: give the Security Officer passphrase (hint: '{Header.OfficerHint}').");
        }
        var key = KeySchedule.DeriveUserKey(passphrase, Header.OfficerKdf!);
        if (!CryptographicOperations.FixedTimeEquals(KeySchedule.OfficerCheck(key, Header.FileId), Header.OfficerCheck))
        {
            key.Dispose();
            throw new ConfigBackupException("WrongSecurityOfficerPassphrase", ErrorKind.SecurityError,
                $"The Security Officer passphrase does not open this restore point (hint: '{Header.OfficerHint}').");
        }
        return key;
    }

    /// <summary>
    /// Opens the content with an already derived user key (PBKDF2 of the password with this header's
    /// salt and iterations); tests use it to check many damaged copies without re-deriving each time.
    /// </summary>
    internal ContentReader OpenContent(SecretBytes? userKey, SecretBytes? officerKey = null)
    {
        if (!Header.Encrypted)
        {
            if (_mac.Any(b => b != 0))
            {
                throw RestorePointDamagedException.Because("an unencrypted restore point carries a header MAC");
            }
            return OpenPayload(null);
        }
        ArgumentNullException.ThrowIfNull(userKey);
        using var wrapKey = KeySchedule.PasswordWrapKey(userKey, officerKey, Header.FileId);
        using var storageKey = KeySchedule.UnwrapStorageKey(wrapKey, Header.PasswordWrap!, Header.FileId)
            ?? throw new WrongPasswordException(Header.PasswordHint);
        return OpenWithStorageKey(storageKey);
    }

    private ContentReader OpenWithStorageKey(SecretBytes storageKey)
    {
        using (var macKey = KeySchedule.HeaderMacKey(storageKey, Header.FileId))
        {
            if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(macKey.Span, _covered), _mac))
            {
                throw RestorePointDamagedException.Because("its header fails authentication (it was changed)");
            }
        }
        using var payloadKey = KeySchedule.PayloadKey(storageKey, _hash);
        return OpenPayload(payloadKey);
    }

    private ContentReader OpenPayload(SecretBytes? payloadKey)
    {
        if (_chunks is not null) throw new InvalidOperationException("The content is already open.");
        _chunks = new ChunkReaderStream(_input, payloadKey, _hash);
        _decompression = new DecompressionStream(_chunks, leaveOpen: true);
        // A writer never needs more than an 8 MiB window; a larger one would let a small file claim much memory.
        _decompression.SetParameter(ZstdSharp.Unsafe.ZSTD_dParameter.ZSTD_d_windowLogMax, MaxWindowLog);
        // The content reader takes values a byte or a few at a time; a buffer keeps that off the decompressor.
        return new ContentReader(new BufferedStream(new DamageTranslatingStream(_decompression), 64 * 1024), Header.SecretsIncluded);
    }

    /// <summary>
    /// Without a key, checks what can be checked: every chunk frame is well formed, the last one is final,
    /// and nothing follows it. Tags are not verified (that needs the password). Returns the chunk count.
    /// </summary>
    public long CheckStructure()
    {
        if (_chunks is not null) throw new InvalidOperationException("The content is already open.");
        var tagLength = Header.Encrypted ? ChunkFraming.EncryptedTagLength : ChunkFraming.ChainTagLength;
        Span<byte> frame = stackalloc byte[ChunkFraming.FrameHeaderLength];
        var skip = new byte[ChunkFraming.ChunkSize + ChunkFraming.ChainTagLength];
        for (long chunk = 0; ; chunk++)
        {
            var got = _input.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false);
            if (got < frame.Length)
            {
                throw RestorePointDamagedException.Because(got == 0 ? $"it ends after chunk {chunk} without its final chunk (truncated)" : $"chunk {chunk} is cut short");
            }
            var final = frame[0] == ChunkFraming.FinalFlag;
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frame[1..]);
            if (frame[0] > ChunkFraming.FinalFlag || length > ChunkFraming.ChunkSize || (!final && length != ChunkFraming.ChunkSize) || chunk >= ChunkFraming.MaxChunks)
            {
                throw RestorePointDamagedException.Because($"chunk {chunk} has an invalid frame");
            }
            var body = (int)length + tagLength;
            if (_input.ReadAtLeast(skip.AsSpan(0, body), body, throwOnEndOfStream: false) < body)
            {
                throw RestorePointDamagedException.Because($"chunk {chunk} is cut short");
            }
            if (final)
            {
                if (_input.Read(skip.AsSpan(0, 1)) != 0)
                {
                    throw RestorePointDamagedException.Because("there are bytes after its final chunk");
                }
                return chunk + 1;
            }
        }
    }

    public void Dispose()
    {
        _decompression?.Dispose();
        _chunks?.Dispose();
        _input.Dispose();
    }
}
