using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Certificates;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Certificates;

/// <summary>Adds a certificate with its private key from a PFX file; the key is stored protected.</summary>
[Cmdlet(VerbsCommon.Add, "VBRCertificate", SupportsShouldProcess = true)]
[OutputType(typeof(CertificateRecord))]
public sealed class AddVBRCertificateCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The PFX file's password, when it has one.</summary>
    [Parameter]
    public SecureString? Password { get; set; }

    protected override void Process()
    {
        var path = ResolveFileSystemPath(Path);
        if (!File.Exists(path))
        {
            WriteError(ErrorRecords.Create("CertificateFileNotFound", ErrorKind.NotFound, $"The file '{path}' does not exist.", path));
            return;
        }
        if (!ShouldProcess(path, "Add certificate"))
        {
            return;
        }
        ForItem(path, () =>
        {
            var record = Server.Certificates.Add(ReadPfx(path), Password);
            WriteVerbose($"Added certificate '{record.Subject}' ({record.Thumbprint}).");
            WriteRecord(record);
        });
    }

    /// <summary>Reads the file with its size bounded first; an unreadable file is the engine's CertificateNotReadable.</summary>
    private static byte[] ReadPfx(string path)
    {
        try
        {
            if (new FileInfo(path).Length > CertificateCatalog.MaxPfxBytes)
            {
                throw new ConfigBackupException("CertificateNotReadable", ErrorKind.InvalidData,
                    $"'{path}' is larger than any certificate file ({CertificateCatalog.MaxPfxBytes} bytes at most).");
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigBackupException("CertificateNotReadable", ErrorKind.InvalidData, $"'{path}' cannot be read: {ex.Message}", ex);
        }
    }
}
