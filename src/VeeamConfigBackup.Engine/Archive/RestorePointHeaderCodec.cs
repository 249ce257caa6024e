using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using MessagePack;
using VeeamConfigBackup.Engine.Crypto;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Writes and reads the header block: <c>magic(8) ‖ version u16le ‖ length u32le ‖ header (MessagePack map)
/// ‖ SHA-256(all before) ‖ HMAC-SHA256(all before the hash)</c>. Every size is bounded before it is used.
/// </summary>
internal static class RestorePointHeaderCodec
{
    public static readonly byte[] Magic = [(byte)'V', (byte)'C', (byte)'B', (byte)'O', 0x0D, 0x0A, 0x1A, 0x0A];
    public const int MaxHeaderLength = 64 * 1024;
    public const int MaxStringLength = 1024;
    public const int HashLength = 32;
    public const int PrefixLength = 8 + 2 + 4;

    /// <summary>The header's bytes up to and including the map (what the hash and MAC cover).</summary>
    public static byte[] Encode(RestorePointHeader h)
    {
        var body = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(body);
        var fields = 13 + (h.Kdf is null ? 0 : 2) + (h.PasswordWrap is null ? 0 : 1) + (h.RecoveryWrap is null ? 0 : 1) + (h.OfficerKdf is null ? 0 : 4);
        w.WriteMapHeader(fields);
        w.Write("server"); w.Write(h.ServerName);
        w.Write("serverId"); w.Write(h.ServerId.ToString());
        w.Write("created"); w.Write(h.CreationTimeUtc.ToUnixTimeMilliseconds());
        w.Write("product"); w.Write(h.ProductVersion);
        w.Write("schema"); w.Write(h.SchemaVersion);
        w.Write("encrypted"); w.Write(h.Encrypted);
        w.Write("secrets"); w.Write(h.SecretsIncluded);
        w.Write("hint"); WriteNullable(ref w, h.PasswordHint);
        w.Write("securityOfficer"); w.Write(h.SecurityOfficerProtected);
        w.Write("recoveryKeyId"); WriteNullable(ref w, h.RecoveryKeyId);
        w.Write("fileId"); w.Write(h.FileId);
        w.Write("compression"); w.Write(h.Compression);
        w.Write("chunkSize"); w.Write(h.ChunkSize);
        if (h.Kdf is not null)
        {
            w.Write("kdfIterations"); w.Write(h.Kdf.Iterations);
            w.Write("kdfSalt"); w.Write(h.Kdf.Salt);
        }
        if (h.PasswordWrap is not null)
        {
            w.Write("passwordWrap"); w.Write(h.PasswordWrap);
        }
        if (h.RecoveryWrap is not null)
        {
            w.Write("recoveryWrap"); w.Write(h.RecoveryWrap);
        }
        if (h.OfficerKdf is not null)
        {
            w.Write("officerIterations"); w.Write(h.OfficerKdf.Iterations);
            w.Write("officerSalt"); w.Write(h.OfficerKdf.Salt);
            w.Write("officerCheck"); w.Write(h.OfficerCheck!);
            w.Write("officerHint"); w.Write(h.OfficerHint ?? "");
        }
        w.Flush();
        var bytes = new byte[PrefixLength + body.WrittenCount];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)h.FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(10), (uint)body.WrittenCount);
        body.WrittenSpan.CopyTo(bytes.AsSpan(PrefixLength));
        return bytes;
    }

    /// <summary>Reads the header block; checks magic, version, bounds and the SHA-256, not yet the MAC.</summary>
    public static (RestorePointHeader Header, byte[] Covered, byte[] Hash, byte[] Mac) Read(Stream input)
    {
        var prefix = new byte[PrefixLength];
        if (input.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false) < PrefixLength || !prefix.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw RestorePointDamagedException.Because("it does not start with the restore point signature");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8));
        if (version != RestorePointHeader.CurrentFormatVersion)
        {
            throw new UnsupportedFormatVersionException(version, RestorePointHeader.CurrentFormatVersion);
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(10));
        if (length == 0 || length > MaxHeaderLength)
        {
            throw RestorePointDamagedException.Because($"its header length {length} is out of bounds");
        }
        var covered = new byte[PrefixLength + length];
        prefix.CopyTo(covered, 0);
        var trailer = new byte[2 * HashLength];
        if (input.ReadAtLeast(covered.AsSpan(PrefixLength), (int)length, throwOnEndOfStream: false) < length ||
            input.ReadAtLeast(trailer, trailer.Length, throwOnEndOfStream: false) < trailer.Length)
        {
            throw RestorePointDamagedException.Because("its header is cut short");
        }
        var hash = trailer[..HashLength];
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(covered), hash))
        {
            throw RestorePointDamagedException.Because("its header does not match its checksum");
        }
        return (Parse(covered.AsMemory(PrefixLength), version), covered, hash, trailer[HashLength..]);
    }

    private static RestorePointHeader Parse(ReadOnlyMemory<byte> body, int version)
    {
        try
        {
            var r = new MessagePackReader(body);
            var count = r.ReadMapHeader();
            if (count > 32)
            {
                throw RestorePointDamagedException.Because("its header has too many fields");
            }
            var f = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = ReadString(ref r) ?? throw RestorePointDamagedException.Because("a header field has no name");
                if (!f.TryAdd(key, ReadValue(ref r)))
                {
                    throw RestorePointDamagedException.Because($"the header field '{key}' appears twice");
                }
            }
            if (!r.End)
            {
                throw RestorePointDamagedException.Because("its header has bytes after the field map");
            }
            var encrypted = Get<bool>(f, "encrypted");
            var kdf = encrypted ? new KdfParameters(checked((int)Get<long>(f, "kdfIterations")), Get<byte[]>(f, "kdfSalt")) : null;
            kdf?.Validate();
            var header = new RestorePointHeader
            {
                FormatVersion = version,
                ServerName = Get<string>(f, "server"),
                ServerId = Guid.TryParse(Get<string>(f, "serverId"), out var id) ? id : throw RestorePointDamagedException.Because("its server id is not a GUID"),
                CreationTimeUtc = DateTimeOffset.FromUnixTimeMilliseconds(Get<long>(f, "created")),
                ProductVersion = Get<string>(f, "product"),
                SchemaVersion = checked((int)Get<long>(f, "schema")),
                Encrypted = encrypted,
                SecretsIncluded = Get<bool>(f, "secrets"),
                PasswordHint = GetNullable<string>(f, "hint"),
                SecurityOfficerProtected = Get<bool>(f, "securityOfficer"),
                RecoveryKeyId = GetNullable<string>(f, "recoveryKeyId"),
                FileId = Get<byte[]>(f, "fileId"),
                Compression = Get<string>(f, "compression"),
                ChunkSize = checked((int)Get<long>(f, "chunkSize")),
                Kdf = kdf,
                PasswordWrap = encrypted ? Get<byte[]>(f, "passwordWrap") : null,
                RecoveryWrap = f.ContainsKey("recoveryWrap") ? Get<byte[]>(f, "recoveryWrap") : null,
                OfficerKdf = f.ContainsKey("officerIterations") ? new KdfParameters(checked((int)Get<long>(f, "officerIterations")), Get<byte[]>(f, "officerSalt")) : null,
                OfficerCheck = f.ContainsKey("officerCheck") ? Get<byte[]>(f, "officerCheck") : null,
                OfficerHint = f.ContainsKey("officerHint") ? Get<string>(f, "officerHint") : null,
            };
            header.OfficerKdf?.Validate();
            var officerComplete = header.OfficerKdf is not null && header.OfficerCheck is { Length: 32 } && header.OfficerHint is not null;
            if (header.SecurityOfficerProtected != officerComplete || (header.SecurityOfficerProtected && !encrypted) ||
                (header.RecoveryKeyId is null) != (header.RecoveryWrap is null) || (header.RecoveryWrap is not null && !encrypted))
            {
                throw RestorePointDamagedException.Because("its Security Officer or recovery key fields do not fit together");
            }
            if (!encrypted && (f.ContainsKey("kdfIterations") || f.ContainsKey("kdfSalt") || f.ContainsKey("passwordWrap")))
            {
                throw RestorePointDamagedException.Because("an unencrypted restore point carries key material");
            }
            var known = new HashSet<string> { "server", "serverId", "created", "product", "schema", "encrypted", "secrets", "hint", "securityOfficer", "recoveryKeyId", "fileId", "compression", "chunkSize", "kdfIterations", "kdfSalt", "passwordWrap", "recoveryWrap", "officerIterations", "officerSalt", "officerCheck", "officerHint" };
            var unknown = f.Keys.FirstOrDefault(k => !known.Contains(k));
            if (unknown is not null)
            {
                throw RestorePointDamagedException.Because($"its header has an unknown field '{unknown}'");
            }
            if (header.FileId.Length != 16 || header.Compression != "zstd" || header.ChunkSize != ChunkFraming.ChunkSize ||
                (!header.Encrypted && header.SecretsIncluded) || header.SchemaVersion < 1)
            {
                throw RestorePointDamagedException.Because("its header has values this format does not allow");
            }
            return header;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidCastException or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            throw RestorePointDamagedException.Because("its header cannot be decoded", ex);
        }
    }

    private static T Get<T>(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) && value is T typed ? typed : throw RestorePointDamagedException.Because($"its header field '{name}' is missing or of the wrong type");

    private static T? GetNullable<T>(Dictionary<string, object?> fields, string name) where T : class =>
        fields.TryGetValue(name, out var value) ? value as T ?? (value is null ? null : throw RestorePointDamagedException.Because($"its header field '{name}' is of the wrong type")) : null;

    private static object? ReadValue(ref MessagePackReader r) => r.NextMessagePackType switch
    {
        MessagePackType.Nil => ReadNil(ref r),
        MessagePackType.Boolean => r.ReadBoolean(),
        MessagePackType.Integer => r.ReadInt64(),
        MessagePackType.String => ReadString(ref r),
        MessagePackType.Binary => ReadBinary(ref r),
        _ => throw RestorePointDamagedException.Because("its header holds a value of an unexpected type"),
    };

    private static object? ReadNil(ref MessagePackReader r)
    {
        r.ReadNil();
        return null;
    }

    private static string? ReadString(ref MessagePackReader r)
    {
        var s = r.ReadString();
        if (s is { Length: > MaxStringLength })
        {
            throw RestorePointDamagedException.Because("a header text is too long");
        }
        return s;
    }

    private static byte[] ReadBinary(ref MessagePackReader r)
    {
        var seq = r.ReadBytes() ?? throw RestorePointDamagedException.Because("a header value is empty");
        if (seq.Length > 1024)
        {
            throw RestorePointDamagedException.Because("a header value is too long");
        }
        return seq.ToArray();
    }

    private static void WriteNullable(ref MessagePackWriter w, string? value)
    {
        if (value is null) w.WriteNil(); else w.Write(value);
    }
}
