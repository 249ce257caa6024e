using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Crypto;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Tests.Archive;

public sealed class RestorePointRoundTripTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20_000)] // several 64 KiB chunks after compression
    public void Encrypted_point_round_trips_every_value(int rows)
    {
        var file = ArchiveFixture.Write("Right-Passw0rd", rows, secrets: true);
        var back = ArchiveFixture.ReadAll(file, "Right-Passw0rd");
        var expected = ArchiveFixture.Rows(rows, secrets: true).ToList();
        Assert.Equal(expected.Count, back.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], back[i]);
        }
    }

    [Fact]
    public void Header_is_readable_without_a_password_and_says_what_the_point_is()
    {
        var file = ArchiveFixture.Write("Right-Passw0rd", 3, secrets: true);
        using var reader = RestorePointReader.Open(new MemoryStream(file));
        Assert.True(reader.Header.Encrypted);
        Assert.True(reader.Header.SecretsIncluded);
        Assert.Equal("the hint", reader.Header.PasswordHint);
        Assert.Equal("srv", reader.Header.ServerName);
        Assert.Equal(KdfParameters.DefaultIterations, reader.Header.Kdf!.Iterations);
        Assert.Equal(KdfParameters.SaltLength, reader.Header.Kdf.Salt.Length);
    }

    [Fact]
    public void Plain_text_of_content_does_not_appear_in_an_encrypted_point()
    {
        var file = ArchiveFixture.Write("Right-Passw0rd", 50, secrets: true);
        Assert.False(Support.TestSecrets.Contains(file, "secret-7"));
        Assert.False(Support.TestSecrets.Contains(file, "row-1"));
    }

    [Fact]
    public void Every_point_has_a_fresh_storage_key_and_salt()
    {
        var a = ArchiveFixture.Write("Right-Passw0rd", 1, secrets: true);
        var b = ArchiveFixture.Write("Right-Passw0rd", 1, secrets: true);
        using var ra = RestorePointReader.Open(new MemoryStream(a));
        using var rb = RestorePointReader.Open(new MemoryStream(b));
        Assert.NotEqual(ra.Header.Kdf!.Salt, rb.Header.Kdf!.Salt);
        Assert.NotEqual(ra.Header.PasswordWrap, rb.Header.PasswordWrap);
        Assert.NotEqual(ra.Header.FileId, rb.Header.FileId);
    }

    [Fact]
    public void A_wrong_password_is_told_apart_from_damage_and_shows_the_hint()
    {
        var file = ArchiveFixture.Write("Right-Passw0rd", 3, secrets: true);
        var ex = Assert.Throws<WrongPasswordException>(() => ArchiveFixture.ReadAll(file, "Wrong-Passw0rd"));
        Assert.Equal("WrongPassword", ex.ErrorId);
        Assert.Contains("the hint", ex.Message);
        Assert.DoesNotContain("Wrong-Passw0rd", ex.Message);
    }

    [Fact]
    public void An_encrypted_point_without_a_password_asks_for_one()
    {
        var file = ArchiveFixture.Write("Right-Passw0rd", 3, secrets: true);
        var ex = Assert.Throws<Errors.ConfigBackupException>(() => ArchiveFixture.ReadAll(file, null));
        Assert.Equal("PasswordRequired", ex.ErrorId);
    }

    [Fact]
    public void Unencrypted_point_round_trips_without_secrets_and_is_marked_so()
    {
        var file = ArchiveFixture.Write(null, 100, secrets: false);
        using (var reader = RestorePointReader.Open(new MemoryStream(file)))
        {
            Assert.False(reader.Header.Encrypted);
            Assert.False(reader.Header.SecretsIncluded);
            Assert.Null(reader.Header.Kdf);
        }
        var back = ArchiveFixture.ReadAll(file, null);
        Assert.Equal(100, back.Count);
        Assert.All(back, r => Assert.Null(r[3]));
    }

    [Fact]
    public void Kdf_parameters_from_a_file_are_bounded()
    {
        Assert.Throws<RestorePointDamagedException>(() => new KdfParameters(int.MaxValue, new byte[64]).Validate());
        Assert.Throws<RestorePointDamagedException>(() => new KdfParameters(1000, new byte[64]).Validate());
        Assert.Throws<RestorePointDamagedException>(() => new KdfParameters(600_000, new byte[8]).Validate());
    }

    [Fact]
    public void A_newer_format_version_is_its_own_error()
    {
        var file = ArchiveFixture.Write(null, 1, secrets: false);
        file[8] = 2; // format version, little-endian u16 after the 8-byte magic
        var ex = Assert.Throws<UnsupportedFormatVersionException>(() => ArchiveFixture.ReadAll(file, null));
        Assert.Equal("RestorePointFormatNotSupported", ex.ErrorId);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'V', (byte)'C', (byte)'B', (byte)'O', 0x0D, 0x0A, 0x1A, 0x0A, 1, 0, 0xff, 0xff, 0xff, 0xff })]
    public void Files_that_are_not_restore_points_are_rejected(byte[] file)
    {
        Assert.Throws<RestorePointDamagedException>(() => ArchiveFixture.ReadAll(file, null));
    }
}
