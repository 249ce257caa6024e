using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.KmsServers;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.KmsServers;

public sealed class KmsServerCatalogTests
{
    [Fact]
    public void Kms_servers_are_records_with_validated_address_and_port()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var added = home.KmsServers.Add("kms-01", "10.1.2.3", description: "primary");
        Assert.Equal(KmsServerCatalog.DefaultPort, added.Port);
        Assert.Equal("InvalidKmsServerAddress", Assert.Throws<ConfigBackupException>(() => home.KmsServers.Add("bad", "not a host!")).ErrorId);
        Assert.Equal("InvalidKmsServerPort", Assert.Throws<ConfigBackupException>(() => home.KmsServers.Add("bad", "kms.example.test", 70000)).ErrorId);
        Assert.Equal("KmsServerAlreadyExists", Assert.Throws<RecordConflictException>(() => home.KmsServers.Add("KMS-01", "kms.example.test")).ErrorId);
        home.KmsServers.Remove(added.Id);
        Assert.Empty(home.KmsServers.List());
    }
}
