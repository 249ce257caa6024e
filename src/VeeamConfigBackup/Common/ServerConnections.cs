using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>
/// The server each runspace is connected to. Keyed by runspace so two sessions in one process
/// (jobs, hosted tests) never share a connection; a runspace that goes away takes its slot with it.
/// </summary>
internal static class ServerConnections
{
    private sealed class Slot
    {
        public ServerHome? Home;
    }

    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();

    private static Slot Current => Slots.GetValue(Runspace.DefaultRunspace, _ => new Slot());

    /// <summary>The connected server, or nothing when no cmdlet has needed one yet.</summary>
    public static ServerHome? Peek() => Current.Home;

    /// <summary>The connected server; without a Connect-VBRServer, the default home (created on first use).</summary>
    public static ServerHome GetOrOpenDefault()
    {
        var slot = Current;
        return slot.Home ??= ServerHome.OpenDefault();
    }

    public static ServerHome Connect(string path, string? serverName, Engine.Store.PostgresDatabase? database = null)
    {
        var home = database is null ? ServerHome.Open(path, serverName) : ServerHome.Open(path, database, serverName);
        var slot = Current;
        slot.Home?.Dispose();
        slot.Home = home;
        return home;
    }

    public static bool Disconnect()
    {
        var slot = Current;
        if (slot.Home is null)
        {
            return false;
        }
        slot.Home.Dispose();
        slot.Home = null;
        return true;
    }
}
