using System.Runtime.InteropServices;
using System.Security;

namespace VeeamConfigBackup.Engine.Secrets;

/// <summary>
/// The characters of a secret in a pinned buffer that is zeroed on dispose, so a plain-text copy lives
/// only as long as the operation that needs it and is never moved around by the garbage collector.
/// </summary>
public sealed class SecretChars : IDisposable
{
    private readonly char[] _buffer;
    private readonly int _length;
    private bool _disposed;

    private SecretChars(char[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlySpan<char> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer.AsSpan(0, _length);
        }
    }

    public int Length => _length;

    public static SecretChars From(SecureString secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var buffer = GC.AllocateArray<char>(secret.Length, pinned: true);
        var ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            Marshal.Copy(ptr, buffer, 0, secret.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(ptr);
        }
        return new SecretChars(buffer, secret.Length);
    }

    /// <summary>Like <see cref="From(SecureString)"/>, but a null or empty secret is an <c>EmptySecret</c> error.</summary>
    public static SecretChars RequireNonEmpty(SecureString? secret, string parameterName)
    {
        if (secret is null || secret.Length == 0)
        {
            throw new Errors.ConfigBackupException("EmptySecret", Errors.ErrorKind.InvalidArgument,
                $"The {parameterName} is empty. Give a non-empty value.");
        }
        return From(secret);
    }

    public static SecretChars From(ReadOnlySpan<char> secret)
    {
        var buffer = GC.AllocateArray<char>(secret.Length, pinned: true);
        secret.CopyTo(buffer);
        return new SecretChars(buffer, secret.Length);
    }

    /// <summary>UTF-8 bytes of the secret in a pinned buffer; the caller must zero it (see <see cref="SecretBytes"/>).</summary>
    public SecretBytes ToUtf8()
    {
        var bytes = GC.AllocateArray<byte>(System.Text.Encoding.UTF8.GetByteCount(Span), pinned: true);
        System.Text.Encoding.UTF8.GetBytes(Span, bytes);
        return new SecretBytes(bytes);
    }

    public SecureString ToSecureString()
    {
        var result = new SecureString();
        foreach (var c in Span)
        {
            result.AppendChar(c);
        }
        result.MakeReadOnly();
        return result;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            Array.Clear(_buffer);
            _disposed = true;
        }
    }
}
