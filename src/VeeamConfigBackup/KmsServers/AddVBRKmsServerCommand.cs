using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.KmsServers;

namespace VeeamConfigBackup.Commands.KmsServers;

/// <summary>Registers a KMS server (a record only; configuration backups never encrypt with KMS keys).</summary>
[Cmdlet(VerbsCommon.Add, "VBRKmsServer", SupportsShouldProcess = true)]
[OutputType(typeof(KmsServerRecord))]
public sealed class AddVBRKmsServerCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Address { get; set; } = "";

    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = KmsServerCatalog.DefaultPort;

    [Parameter]
    public string? Description { get; set; }

    protected override void Process()
    {
        if (!ShouldProcess($"KMS server '{Name}' at {Address}:{Port}", "Add"))
        {
            return;
        }
        ForItem(Name, () =>
        {
            var record = Server.KmsServers.Add(Name, Address, Port, Description);
            WriteVerbose($"Added KMS server '{record.Name}' at {record.Address}:{record.Port}.");
            WriteRecord(record);
        });
    }
}
