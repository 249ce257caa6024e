using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Commands.Server;

/// <summary>Connects this session to a server home, creating the home on first use.</summary>
[Cmdlet(VerbsCommunications.Connect, "VBRServer")]
[OutputType(typeof(ServerSession))]
public sealed class ConnectVBRServerCommand : VbrCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HomePath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The name a new home's server gets (default: this machine's name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServerName { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolveFileSystemPath(Path);
        try
        {
            var home = ServerConnections.Connect(path, ServerName);
            WriteVerbose($"Connected to server '{home.Identity.Name}' ({home.Identity.Id}) at '{home.Path}'.");
            WriteRecord(home.Describe());
        }
        catch (ConfigBackupException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, path));
        }
    }
}
