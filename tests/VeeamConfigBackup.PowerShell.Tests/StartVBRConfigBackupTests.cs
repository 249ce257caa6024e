using System.Management.Automation;

namespace VeeamConfigBackup.PowerShell.Tests;

/// <summary>What a host sees of a backup run beyond its output: progress records and the error stream.</summary>
public sealed class StartVBRConfigBackupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vbr-ps-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_run_reports_progress_that_ends_completed()
    {
        using var host = new ModuleHost();
        host.Run($"Connect-VBRServer -Path '{Path.Combine(_root, "p")}'");
        var (output, errors, progress) = host.RunWithProgress("Start-VBRConfigBackup -WarningAction SilentlyContinue");
        Assert.Empty(errors);
        Assert.Equal("Warning", output.Single().Properties["Result"].Value.ToString());
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal("Configuration backup", p.Activity));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
    }

    [Fact]
    public void A_blocked_run_writes_its_result_and_an_error_with_the_result_as_target()
    {
        using var host = new ModuleHost();
        host.Run($"Connect-VBRServer -Path '{Path.Combine(_root, "b")}'");
        host.Run("$null = Add-VBRPassword -Password (ConvertTo-SecureString 'Blocking-Passw0rd' -AsPlainText -Force) -Hint 'blocks'");
        var (output, errors) = host.Run("Start-VBRConfigBackup -WarningAction SilentlyContinue");
        var result = Assert.Single(output);
        Assert.Equal("Failed", result.Properties["Result"].Value.ToString());
        var error = Assert.Single(errors);
        Assert.Equal("BackupBlockedByPolicy,VeeamConfigBackup.Commands.Backup.StartVBRConfigBackupCommand", error.FullyQualifiedErrorId);
        Assert.Same(result.BaseObject, error.TargetObject);
    }

    [Fact]
    public void Verifying_a_restore_point_with_its_password_reports_progress()
    {
        using var host = new ModuleHost();
        host.Run($"Connect-VBRServer -Path '{Path.Combine(_root, "v")}'");
        var (output, errors, progress) = host.RunWithProgress("""
            $pw = ConvertTo-SecureString 'Verify-Passw0rd-12' -AsPlainText -Force
            $null = Add-VBRPassword -Password $pw -Hint 'verify'
            $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'verify' -WarningAction SilentlyContinue
            $point = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
            Test-VBRConfigBackup -Path $point -Password $pw
            """);
        Assert.Empty(errors);
        Assert.True((bool)output.Single().Properties["ContentVerified"].Value);
        Assert.Contains(progress, p => p.Activity == "Configuration backup verification" && p.RecordType == ProgressRecordType.Completed);
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
