using System.Management.Automation;

namespace VeeamConfigBackup.PowerShell.Tests;

/// <summary>Connections belong to a runspace: two sessions in one process never share a server.</summary>
public sealed class RunspaceIsolationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vbr-ps-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Two_runspaces_connected_to_two_homes_see_their_own_records()
    {
        using var first = new ModuleHost();
        using var second = new ModuleHost();
        first.Run($"Connect-VBRServer -Path '{Path.Combine(_root, "a")}' -ServerName alpha");
        second.Run($"Connect-VBRServer -Path '{Path.Combine(_root, "b")}' -ServerName beta");
        var added = first.Run("Add-VBRKmsServer -Name only-in-alpha -Address kms.example.test");
        Assert.Empty(added.Errors);

        Assert.Equal("alpha", first.Run("(Get-VBRServerSession).ServerName").Output.Single().BaseObject);
        Assert.Equal("beta", second.Run("(Get-VBRServerSession).ServerName").Output.Single().BaseObject);
        Assert.Single(first.Run("Get-VBRKmsServer").Output);
        Assert.Empty(second.Run("Get-VBRKmsServer").Output);
    }

    [Fact]
    public void A_record_piped_between_cmdlets_keeps_its_type()
    {
        using var host = new ModuleHost();
        host.Run($"Connect-VBRServer -Path '{Path.Combine(_root, "c")}'");
        var result = host.Run("""
            $pw = ConvertTo-SecureString 'Pipeline-Test-2026' -AsPlainText -Force
            $r = Add-VBRPassword -Password $pw -Hint 'pipeline'
            Get-VBRPassword -Hint 'pipe*' | Test-VBRPassword -Password $pw
            """);
        Assert.Empty(result.Errors);
        Assert.True((bool)result.Output.Single().BaseObject);
        var typed = host.Run("Get-VBRPassword").Output.Single().BaseObject;
        Assert.Equal("VeeamConfigBackup.Engine.Passwords.PasswordRecord", typed.GetType().FullName);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
