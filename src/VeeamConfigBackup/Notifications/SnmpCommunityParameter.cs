using System.Management.Automation;
using System.Net;
using System.Security;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// The community of New- and Set-VBRSNMPReceiver: -CommunityString as the product takes it, or -Community as a
/// SecureString for scripts that keep it in a vault. Either way it becomes the receiver's CommunityString, which the
/// module's views never show.
/// </summary>
internal static class SnmpCommunityParameter
{
    public const string PlainSet = "CommunityString";
    public const string SecureSet = "Community";

    public static string? From(string? communityString, SecureString? community) =>
        community is not null ? new NetworkCredential("", community).Password : communityString;
}
