using VeeamConfigBackup.Engine.Credentials;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Credentials;

public sealed class CredentialsManagerTests
{
    [Fact]
    public void Stored_password_comes_back_only_when_asked_for()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Credentials.Add(" admin ", TestSecrets.Secure("Cr3d-Secret"), CredentialsType.Linux, "proxies");
        var listed = Assert.Single(home.Credentials.List());
        Assert.Equal("admin", listed.UserName);
        Assert.Equal(CredentialsType.Linux, listed.Type);
        Assert.Equal("proxies", listed.Description);
        Assert.Equal("Cr3d-Secret", TestSecrets.Plain(home.Credentials.RevealPassword(listed)));
        Assert.Equal(record.Id, listed.Id);
    }

    [Fact]
    public void Update_changes_only_what_is_given()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Credentials.Add("admin", TestSecrets.Secure("first"), CredentialsType.Windows);
        temp.Clock.Advance(TimeSpan.FromMinutes(3));
        home.Credentials.Update(record.Id, null, TestSecrets.Secure("second"), null, "new description");
        var listed = home.Credentials.Get(record.Id);
        Assert.Equal("admin", listed.UserName);
        Assert.Equal(CredentialsType.Windows, listed.Type);
        Assert.Equal("new description", listed.Description);
        Assert.Equal(record.CreatedUtc + TimeSpan.FromMinutes(3), listed.ModifiedUtc);
        Assert.Equal("second", TestSecrets.Plain(home.Credentials.RevealPassword(listed)));
    }

    [Fact]
    public void Bad_input_is_rejected_and_nothing_is_stored()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        Assert.Equal("EmptySecret", Assert.Throws<ConfigBackupException>(() => home.Credentials.Add("u", TestSecrets.Secure(""), CredentialsType.Linux)).ErrorId);
        Assert.Equal("InvalidUserName", Assert.Throws<ConfigBackupException>(() => home.Credentials.Add(" ", TestSecrets.Secure("p"), CredentialsType.Linux)).ErrorId);
        Assert.Empty(home.Credentials.List());
        Assert.Equal("CredentialsNotFound", Assert.Throws<RecordNotFoundException>(() => home.Credentials.Remove(Guid.NewGuid())).ErrorId);
    }
}
