using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;

namespace VeeamConfigBackup.Commands.Server;

/// <summary>Closes this session's connection; later cmdlets use the default home until the next Connect.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "VBRServer")]
[OutputType(typeof(void))]
public sealed class DisconnectVBRServerCommand : VbrCmdlet
{
    protected override void End()
    {
        if (ServerConnections.Disconnect())
        {
            WriteVerbose("Disconnected.");
        }
        else
        {
            WriteVerbose("No server was connected.");
        }
    }
}
