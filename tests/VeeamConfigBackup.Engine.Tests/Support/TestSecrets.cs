using System.Security;
using System.Text;

namespace VeeamConfigBackup.Engine.Tests.Support;

internal static class TestSecrets
{
    public static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (var c in value)
        {
            s.AppendChar(c);
        }
        s.MakeReadOnly();
        return s;
    }

    public static string Plain(SecureString value) => new System.Net.NetworkCredential("", value).Password;

    /// <summary>True when the bytes contain the text in UTF-8 or UTF-16, the two ways a .NET string reaches a file.</summary>
    public static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 ||
        haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
