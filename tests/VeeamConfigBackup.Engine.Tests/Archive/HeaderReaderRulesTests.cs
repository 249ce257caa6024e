using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Restore;
using VeeamConfigBackup.Engine.Secrets;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Archive;

/// <summary>
/// What a header says is shown before anything is authenticated, and anyone can recompute its hash. The reader that
/// parses a field enforces its rule: texts a terminal would obey are refused or escaped, sizes are exact.
/// </summary>
public sealed class HeaderReaderRulesTests : IDisposable
{
    private const string Password = "Header-Rules-Passw0rd";
    private static readonly byte[] Encrypted = ArchiveFixture.Write(Password, 20, secrets: true);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vbr-engine-tests", Guid.NewGuid().ToString("N"));

    public HeaderReaderRulesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Save(byte[] file)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.bco");
        File.WriteAllBytes(path, file);
        return path;
    }

    private static void AssertNoControlCharacters(string? text) =>
        Assert.DoesNotContain(text ?? "", c => char.IsControl(c) || c is '\u202E' or '\u2028');

    [Theory]
    [InlineData("evil\u001b]0;owned\u0007\u001b[2J")]
    [InlineData("srv\r\nSecretsIncluded : True")]
    [InlineData("../../x")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("rtl\u202Eexe.bco")]
    public void A_forged_server_name_is_refused_as_damage_and_never_shown(string forged)
    {
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h with { ServerName = forged }));

        var listed = RestorePointCatalog.Describe(path);
        Assert.Equal("RestorePointDamaged", listed.ErrorId);
        Assert.Null(listed.ServerName);
        AssertNoControlCharacters(listed.Error);
        var verified = RestorePointVerifier.Verify(path, TestSecrets.Secure(Password));
        Assert.False(verified.Valid);
        Assert.Equal("RestorePointDamaged", verified.ErrorId);
    }

    [Fact]
    public void A_forged_hint_is_listed_and_repeated_in_messages_with_its_control_characters_escaped()
    {
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h with { PasswordHint = "ask\u001b[31m the\r\nadmin\u202E" }));

        var listed = RestorePointCatalog.Describe(path);
        Assert.Null(listed.ErrorId);
        Assert.Equal("ask\\u001B[31m the\\u000D\\u000Aadmin\\u202E", listed.PasswordHint);
        var wrong = RestorePointVerifier.Verify(path, TestSecrets.Secure("Not-The-Passw0rd-1"));
        Assert.Equal("WrongPassword", wrong.ErrorId);
        Assert.Contains("\\u001B[31m", wrong.Error);
        AssertNoControlCharacters(wrong.Error);
    }

    [Fact]
    public void A_forged_officer_hint_is_escaped_too()
    {
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h with
        {
            SecurityOfficerProtected = true,
            OfficerKdf = KdfParameters.CreateNew(),
            OfficerCheck = new byte[32],
            OfficerHint = "officer\u001b[2J",
        }));
        var result = RestorePointVerifier.Verify(path, new RestoreCredentials
        {
            Password = TestSecrets.Secure(Password),
            SecurityOfficerPassphrase = TestSecrets.Secure("Wrong-Officer-Passphrase-1"),
        });
        Assert.Equal("WrongSecurityOfficerPassphrase", result.ErrorId);
        Assert.Contains("officer\\u001B[2J", result.Error);
        AssertNoControlCharacters(result.Error);
    }

    [Theory]
    [InlineData("0.1.0\u001b[2J")]
    [InlineData("")]
    [InlineData("1.0 beta")]
    public void A_product_version_that_the_writer_would_not_write_is_damage(string forged)
    {
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h with { ProductVersion = forged }));
        Assert.Equal("RestorePointDamaged", RestorePointCatalog.Describe(path).ErrorId);
    }

    [Theory]
    [InlineData("ABCDEF00112233445566778899AABBCC")]
    [InlineData("abc")]
    [InlineData("zzcdef00112233445566778899aabbcc")]
    public void A_recovery_key_id_that_is_not_32_lower_case_hex_digits_is_damage(string forged)
    {
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h with { RecoveryKeyId = forged, RecoveryWrap = new byte[KeySchedule.RecoveryWrapLength] }));
        Assert.Equal("RestorePointDamaged", RestorePointCatalog.Describe(path).ErrorId);
    }

    [Fact]
    public void A_server_id_is_read_in_its_8_4_4_4_12_form_only_in_either_case()
    {
        var id = Guid.Parse("0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
        var lower = RestorePointForge.RewriteHeader(Encrypted, h => h with { ServerId = id });
        var upper = ReplaceText(lower, id.ToString(), id.ToString().ToUpperInvariant());
        Assert.Equal(id, RestorePointCatalog.Describe(Save(upper)).ServerId);
        // Forms Guid.TryParse would take, and Guid.TryParseExact "D" trims its way to: not the format's.
        foreach (var other in new[] { " " + id + " ", id + "\n", id.ToString("N"), id.ToString("B") })
        {
            var forged = ReplaceText(lower, "\u00d9\u0024" + id, "\u00d9" + (char)other.Length + other);
            Assert.Equal("RestorePointDamaged", RestorePointCatalog.Describe(Save(forged)).ErrorId);
        }
    }

    [Theory]
    [InlineData("officerSalt")]
    [InlineData("officerCheck")]
    [InlineData("officerHint")]
    [InlineData("officerIterations")]
    public void An_officer_field_in_a_point_without_a_Security_Officer_is_damage(string field)
    {
        // The codec writes the officer fields only all together, so the lone field is added to the map by hand.
        var value = field switch
        {
            "officerHint" => new byte[] { 0xa1, (byte)'x' },
            "officerIterations" => new byte[] { 0xce, 0x00, 0x09, 0x27, 0xc0 },
            _ => [0xc4, 32, .. new byte[32]],
        };
        var forged = AddHeaderField(Encrypted, field, value);
        Assert.Equal("RestorePointDamaged", RestorePointCatalog.Describe(Save(forged)).ErrorId);
    }

    [Fact]
    public void Format_characters_beyond_the_basic_plane_are_escaped_too()
    {
        var tag = char.ConvertFromUtf32(0xE0041); // TAG LATIN CAPITAL LETTER A, category Cf, invisible
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h with { PasswordHint = "hint" + tag }));
        Assert.Equal("hint\\U000E0041", RestorePointCatalog.Describe(path).PasswordHint);
    }

    /// <summary>Replaces a run of the header's bytes (texts as Latin-1, one char a byte), fixing the header length and hash.</summary>
    private static byte[] ReplaceText(byte[] file, string from, string to)
    {
        var (_, covered, _, _) = RestorePointHeaderCodec.Read(new MemoryStream(file));
        var a = System.Text.Encoding.Latin1.GetBytes(from);
        var b = System.Text.Encoding.Latin1.GetBytes(to);
        var at = covered.AsSpan().IndexOf(a);
        Assert.True(at > 0, $"'{from}' is not in the header");
        byte[] changed = [.. covered[..at], .. b, .. covered[(at + a.Length)..]];
        return Rehash(file, covered.Length, changed);
    }

    /// <summary>Adds one key with a raw MessagePack value to the header map (a map16: an encrypted header has 16 entries), fixing the length and hash.</summary>
    private static byte[] AddHeaderField(byte[] file, string key, byte[] value)
    {
        var (_, covered, _, _) = RestorePointHeaderCodec.Read(new MemoryStream(file));
        var map = RestorePointHeaderCodec.PrefixLength;
        Assert.Equal(0xde, covered[map]);
        byte[] changed = [.. covered, (byte)(0xa0 + key.Length), .. System.Text.Encoding.ASCII.GetBytes(key), .. value];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(changed.AsSpan(map + 1),
            (ushort)(System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(changed.AsSpan(map + 1)) + 1));
        return Rehash(file, covered.Length, changed);
    }

    private static byte[] Rehash(byte[] file, int oldCoveredLength, byte[] covered)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(covered.AsSpan(10), (uint)(covered.Length - RestorePointHeaderCodec.PrefixLength));
        var rest = file.AsSpan(oldCoveredLength + RestorePointHeaderCodec.HashLength); // keep the MAC and the chunks
        return [.. covered, .. System.Security.Cryptography.SHA256.HashData(covered), .. rest];
    }

    public static TheoryData<string, int> WrongSizes => new()
    {
        { "passwordWrap", 0 }, { "passwordWrap", 15 }, { "passwordWrap", 59 }, { "passwordWrap", 61 },
        { "fileId", 15 }, { "fileId", 17 },
        { "kdfSalt", 63 },
        { "recoveryWrap", 571 }, { "recoveryWrap", 0 },
        { "officerCheck", 31 }, { "officerSalt", 65 },
    };

    [Theory]
    [MemberData(nameof(WrongSizes))]
    public void A_fixed_size_field_of_another_size_is_damage_before_any_password_is_tried(string field, int size)
    {
        var forged = RestorePointForge.RewriteHeader(Encrypted, h => field switch
        {
            "passwordWrap" => h with { PasswordWrap = new byte[size] },
            "fileId" => h with { FileId = new byte[size] },
            "kdfSalt" => h with { Kdf = h.Kdf! with { Salt = new byte[size] } },
            "recoveryWrap" => h with { RecoveryKeyId = new string('a', 32), RecoveryWrap = new byte[size] },
            "officerCheck" => h with { SecurityOfficerProtected = true, OfficerKdf = KdfParameters.CreateNew(), OfficerCheck = new byte[size], OfficerHint = "o" },
            "officerSalt" => h with { SecurityOfficerProtected = true, OfficerKdf = new KdfParameters(KdfParameters.DefaultIterations, new byte[size]), OfficerCheck = new byte[32], OfficerHint = "o" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        });
        var path = Save(forged);

        var listed = RestorePointCatalog.Describe(path);
        Assert.Equal("RestorePointDamaged", listed.ErrorId);
        Assert.Contains(field == "kdfSalt" || field == "officerSalt" ? "salt" : field, listed.Error);
        var withoutPassword = RestorePointVerifier.Verify(path, (System.Security.SecureString?)null);
        Assert.False(withoutPassword.Valid);
        Assert.Equal("RestorePointDamaged", withoutPassword.ErrorId);
        var withPassword = RestorePointVerifier.Verify(path, TestSecrets.Secure(Password));
        Assert.Equal("RestorePointDamaged", withPassword.ErrorId);
    }

    [Fact]
    public void The_untouched_point_passes_every_rule()
    {
        var path = Save(RestorePointForge.RewriteHeader(Encrypted, h => h));
        Assert.Null(RestorePointCatalog.Describe(path).ErrorId);
        Assert.True(RestorePointVerifier.Verify(path, TestSecrets.Secure(Password)).ContentVerified);
    }

    [Theory]
    [InlineData(0)]      // inside the RSA-OAEP ciphertext: the private key does not decrypt it
    [InlineData(520)]    // inside the AES-GCM wrap: R is right, the tag is not
    public void A_recovery_wrap_that_the_matching_recovery_key_cannot_open_is_damage(int offset)
    {
        using var temp = new TempHome();
        using var home = temp.Open("src");
        var key = home.Passwords.Add(TestSecrets.Secure(Password), "job password").Record;
        home.ConfigBackupJob.EnableEncryption(key.Id);
        Directory.CreateDirectory(temp.Path);
        var keyFile = Path.Combine(temp.Path, "recovery.pem");
        home.PasswordLossProtection.Enable(keyFile, TestSecrets.Secure("Recovery-Key-Passw0rd-1"));
        var point = home.ConfigBackupJob.Run().Path!;
        // The header hash is recomputed, so the file is "intact": only the wrap itself is wrong, and the key id matches.
        var forged = Save(RestorePointForge.RewriteHeader(File.ReadAllBytes(point), h =>
        {
            var wrap = (byte[])h.RecoveryWrap!.Clone();
            wrap[offset] ^= 0x01;
            return h with { RecoveryWrap = wrap };
        }));

        var result = RestorePointVerifier.Verify(forged, new RestoreCredentials { RecoveryKeyPath = keyFile, RecoveryKeyPassword = TestSecrets.Secure("Recovery-Key-Passw0rd-1") });

        Assert.False(result.Valid);
        Assert.Equal("RestorePointDamaged", result.ErrorId);
        Assert.Contains("recovery key wrap", result.Error);
    }

    [Fact]
    public void A_single_segment_zstd_frame_is_held_to_the_window_limit_by_its_content_size()
    {
        // One frame with Single_Segment_Flag set has no window descriptor: its window is its Frame_Content_Size, here 9 MiB.
        var content = new byte[9 * 1024 * 1024];
        using var compressor = new ZstdSharp.Compressor(1);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_windowLog, 24);
        var frame = compressor.Wrap(content).ToArray();
        Assert.Equal(0x20, frame[4] & 0x20); // Frame_Header_Descriptor: Single_Segment_Flag
        var point = RestorePointForge.UnencryptedWithPayload(ArchiveFixture.Metadata(), frame);

        var ex = Record.Exception(() =>
        {
            using var reader = RestorePointReader.Open(new MemoryStream(point));
            ArchiveFixture.Drain(reader.OpenContent((SecretChars?)null));
        });
        Assert.IsType<RestorePointDamagedException>(ex);
        Assert.Contains("decompressed", ex.Message);
    }
}
