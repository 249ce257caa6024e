using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Protection;

/// <summary>
/// Secrets at rest through ASP.NET Core Data Protection with the key ring in the server's home
/// (owner-only files; on Windows the keys are themselves protected with DPAPI). The key ring never
/// goes into the database, so a stolen database alone opens nothing.
/// </summary>
public sealed class DataProtectionSecretProtector : ISecretProtector
{
    private const string ApplicationName = "VeeamConfigBackup";
    private readonly IDataProtectionProvider _provider;

    public DataProtectionSecretProtector(string keyRingPath)
    {
        PrivateDirectory.Ensure(keyRingPath);
        var directory = new DirectoryInfo(keyRingPath);
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (OperatingSystem.IsWindows())
        {
            builder.ProtectKeysWithDpapi(protectToLocalMachine: false);
        }
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new OwnerOnlyXmlRepository(directory));
        _provider = services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    public byte[] Protect(SecretPurpose purpose, ReadOnlySpan<byte> plaintext)
    {
        var buffer = plaintext.ToArray();
        try
        {
            return Protector(purpose).Protect(buffer);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        }
    }

    public SecretBytes Unprotect(SecretPurpose purpose, byte[] protectedData)
    {
        try
        {
            return new SecretBytes(Protector(purpose).Unprotect(protectedData));
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new Errors.ConfigBackupException("SecretUnprotectFailed", Errors.ErrorKind.SecurityError,
                "A stored secret could not be unprotected with this server's key ring. The key ring may have been replaced or the record damaged; re-enter the secret.", ex);
        }
    }

    private IDataProtector Protector(SecretPurpose purpose) =>
        _provider.CreateProtector($"{ApplicationName}.{purpose}.v1");
}
