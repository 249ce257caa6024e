using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using MessagePack;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Errors;

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
    public const int FileIdLength = 16;
    public const int PasswordWrapLength = KeySchedule.NonceLength + KeySchedule.StorageKeyLength + KeySchedule.TagLength;
    public const int OfficerCheckLength = 32;
    public const int MaxProductLength = 64;

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
                    throw RestorePointDamagedException.Because($"the header field '{UntrustedText.Quote(key)}' appears twice");
                }
            }
            if (!r.End)
            {
                throw RestorePointDamagedException.Because("its header has bytes after the field map");
            }
            var encrypted = Get<bool>(f, "encrypted");
            var kdf = encrypted ? new KdfParameters(checked((int)Get<long>(f, "kdfIterations")), Get<byte[]>(f, "kdfSalt")) : null;
            kdf?.Validate();
            // Everything here is shown before anything is authenticated: texts are held to the writer's rules (or, for
            // hints a person typed, shown with control characters escaped), and every byte string to its exact size.
            var header = new RestorePointHeader
            {
                FormatVersion = version,
                ServerName = ServerNameRule.IsValid(Get<string>(f, "server")) ? Get<string>(f, "server")
                    : throw RestorePointDamagedException.Because($"its server name is not a server name ({ServerNameRule.Description})"),
                // The 8-4-4-4-12 form only; hex digits of either case (writers use lower case), compared as a value.
                // TryParseExact trims white space, so the length is checked first: exactly the 36 characters of the form.
                ServerId = Get<string>(f, "serverId") is { Length: 36 } idText && Guid.TryParseExact(idText, "D", out var id) ? id
                    : throw RestorePointDamagedException.Because("its server id is not a GUID in 8-4-4-4-12 form"),
                CreationTimeUtc = DateTimeOffset.FromUnixTimeMilliseconds(Get<long>(f, "created")),
                ProductVersion = IsProductVersion(Get<string>(f, "product")) ? Get<string>(f, "product")
                    : throw RestorePointDamagedException.Because("its product version is not a version"),
                SchemaVersion = checked((int)Get<long>(f, "schema")),
                Encrypted = encrypted,
                SecretsIncluded = Get<bool>(f, "secrets"),
                PasswordHint = EscapedOrNull(GetNullable<string>(f, "hint")),
                SecurityOfficerProtected = Get<bool>(f, "securityOfficer"),
                RecoveryKeyId = GetNullable<string>(f, "recoveryKeyId") is { } keyId
                    ? IsRecoveryKeyId(keyId) ? keyId : throw RestorePointDamagedException.Because("its recovery key id is not 32 lower-case hex digits")
                    : null,
                FileId = GetSized(f, "fileId", FileIdLength),
                Compression = Get<string>(f, "compression"),
                ChunkSize = checked((int)Get<long>(f, "chunkSize")),
                Kdf = kdf,
                PasswordWrap = encrypted ? GetSized(f, "passwordWrap", PasswordWrapLength) : null,
                RecoveryWrap = f.ContainsKey("recoveryWrap") ? GetSized(f, "recoveryWrap", KeySchedule.RecoveryWrapLength) : null,
                OfficerKdf = f.ContainsKey("officerIterations") ? new KdfParameters(checked((int)Get<long>(f, "officerIterations")), Get<byte[]>(f, "officerSalt")) : null,
                OfficerCheck = f.ContainsKey("officerCheck") ? GetSized(f, "officerCheck", OfficerCheckLength) : null,
                OfficerHint = f.ContainsKey("officerHint") ? UntrustedText.Escape(Get<string>(f, "officerHint")) : null,
            };
            header.OfficerKdf?.Validate();
            var officerComplete = header.OfficerKdf is not null && header.OfficerCheck is not null && header.OfficerHint is not null;
            // Present exactly when securityOfficer is true: all four, or none of them (a lone salt counts).
            var officerAny = f.ContainsKey("officerIterations") || f.ContainsKey("officerSalt") || f.ContainsKey("officerCheck") || f.ContainsKey("officerHint");
            if (header.SecurityOfficerProtected != officerComplete || (!header.SecurityOfficerProtected && officerAny) || (header.SecurityOfficerProtected && !encrypted) ||
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
                throw RestorePointDamagedException.Because($"its header has an unknown field '{UntrustedText.Quote(unknown)}'");
            }
            if (header.Compression != "zstd" || header.ChunkSize != ChunkFraming.ChunkSize ||
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

    /// <summary>A byte string that the format gives one exact size: any other size is damage, found here and not later as a wrong password.</summary>
    private static byte[] GetSized(Dictionary<string, object?> fields, string name, int length)
    {
        var value = Get<byte[]>(fields, name);
        return value.Length == length ? value
            : throw RestorePointDamagedException.Because($"its header field '{name}' is {value.Length} bytes, not {length}");
    }

    /// <summary>What the writer puts there: the product's version without build metadata, e.g. <c>0.1.0</c> or <c>1.2.0-rc.1</c>.</summary>
    private static bool IsProductVersion(string text) =>
        text.Length is > 0 and <= MaxProductLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+');

    private static bool IsRecoveryKeyId(string text) =>
        text.Length == 32 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>
    /// Hints are what a person typed, and older servers let them hold any character: rather than lose such a point,
    /// its hint is shown with control characters escaped.
    /// </summary>
    private static string? EscapedOrNull(string? text) => text is null ? null : UntrustedText.Escape(text);

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
