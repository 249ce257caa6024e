using System.Security.Cryptography;

namespace VeeamConfigBackup.Engine.Secrets;

/// <summary>Bytes of a secret (a password in UTF-8, a private key) that are zeroed on dispose.</summary>
public sealed class SecretBytes : IDisposable
{
    private readonly byte[] _buffer;
    private bool _disposed;

    public SecretBytes(byte[] buffer)
    {
        _buffer = buffer;
    }

    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer;
        }
    }

    /// <summary>The buffer itself, for APIs that take arrays. It is still zeroed on dispose.</summary>
    internal byte[] Array
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer;
        }
    }

    /// <summary>Decodes UTF-8 bytes into a pinned character buffer.</summary>
    public SecretChars ToChars()
    {
        var chars = new char[System.Text.Encoding.UTF8.GetCharCount(Span)];
        try
        {
            System.Text.Encoding.UTF8.GetChars(Span, chars);
            return SecretChars.From(chars);
        }
        finally
        {
            System.Array.Clear(chars);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_buffer);
            _disposed = true;
        }
    }
}
