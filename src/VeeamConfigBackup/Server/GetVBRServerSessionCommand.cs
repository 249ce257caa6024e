using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Commands.Server;

/// <summary>Describes the server this session works on; nothing when no server has been opened yet.</summary>
[Cmdlet(VerbsCommon.Get, "VBRServerSession")]
[OutputType(typeof(ServerSession))]
public sealed class GetVBRServerSessionCommand : VbrCmdlet
{
    protected override void End()
    {
        var home = ServerConnections.Peek();
        if (home is null)
        {
            WriteVerbose("No server is connected yet. Connect-VBRServer chooses one; any other cmdlet opens the default home.");
            return;
        }
        WriteRecord(home.Describe());
    }
}
