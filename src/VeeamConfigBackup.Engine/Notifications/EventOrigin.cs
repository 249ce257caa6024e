namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// Who and where an event comes from, for the parameters every product event carries (VbrHostName, VbrVersion,
/// UserName, UserFullInfo): the server's name, the machine's host name, this module's version and the user running it.
/// </summary>
public sealed record EventOrigin(string ServerName, string HostName, string ProductVersion, string UserName)
{
    /// <summary>The origin of events raised in this process for the named server.</summary>
    public static EventOrigin ForThisProcess(string serverName, string productVersion) =>
        new(serverName, System.Net.Dns.GetHostName(), productVersion,
            OperatingSystem.IsWindows() ? $@"{Environment.UserDomainName}\{Environment.UserName}" : Environment.UserName);
}
