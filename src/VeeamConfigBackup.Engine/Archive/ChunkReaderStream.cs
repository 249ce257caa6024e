using System.Buffers.Binary;
using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// Reads and verifies the chunks written by <see cref="ChunkWriterStream"/>. Nothing unverified is ever
/// returned: a chunk is authenticated before its first byte is handed out. Truncation (no final chunk),
/// bytes after the final chunk, a bad length and a failed tag all throw <see cref="RestorePointDamagedException"/>.
/// </summary>
internal sealed class ChunkReaderStream : ReadOnlyStream
{
    private readonly Stream _input;
    private readonly AesGcm? _aes;
    private readonly byte[] _chain;
    private readonly byte[] _plain = GC.AllocateArray<byte>(ChunkFraming.ChunkSize, pinned: true);
    private readonly byte[] _frame = new byte[ChunkFraming.ChunkSize + ChunkFraming.ChainTagLength];
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[ChunkFraming.ChainTagLength];
    private int _available;
    private int _offset;
    private long _counter;
    private bool _sawFinal;

    public ChunkReaderStream(Stream input, SecretBytes? payloadKey, ReadOnlySpan<byte> headerHash)
    {
        _input = input;
        _aes = payloadKey is null ? null : new AesGcm(payloadKey.Span, ChunkFraming.EncryptedTagLength);
        _chain = headerHash.ToArray();
    }

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _available)
        {
            if (_sawFinal)
            {
                return 0;
            }
            ReadChunk();
        }
        var n = Math.Min(buffer.Length, _available - _offset);
        _plain.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }


    private void ReadChunk()
    {
        Span<byte> header = stackalloc byte[ChunkFraming.FrameHeaderLength];
        var got = _input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw RestorePointDamagedException.Because($"it ends after chunk {_counter} without its final chunk (truncated)");
        }
        if (got < header.Length)
        {
            throw RestorePointDamagedException.Because($"chunk {_counter} is cut short");
        }
        var flags = header[0];
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[1..]);
        var final = flags == ChunkFraming.FinalFlag;
        if (flags > ChunkFraming.FinalFlag || length > ChunkFraming.ChunkSize || (!final && length != ChunkFraming.ChunkSize))
        {
            throw RestorePointDamagedException.Because($"chunk {_counter} has an invalid frame (flags {flags}, length {length})");
        }
        if (_counter >= ChunkFraming.MaxChunks)
        {
            throw RestorePointDamagedException.Because("it has more chunks than any restore point can have");
        }
        var tagLength = _aes is null ? ChunkFraming.ChainTagLength : ChunkFraming.EncryptedTagLength;
        var body = _frame.AsSpan(0, (int)length + tagLength);
        if (_input.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length)
        {
            throw RestorePointDamagedException.Because($"chunk {_counter} is cut short");
        }
        ChunkFraming.Nonce(_nonce, _counter, final);
        var cipher = body[..(int)length];
        var tag = body[(int)length..];
        if (_aes is not null)
        {
            try
            {
                _aes.Decrypt(_nonce, cipher, tag, _plain.AsSpan(0, (int)length));
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw RestorePointDamagedException.Because($"chunk {_counter} failed authentication (changed, reordered, or not the last chunk)", ex);
            }
        }
        else
        {
            ChunkFraming.ChainTag(_chain, _nonce, cipher, _tag);
            if (!CryptographicOperations.FixedTimeEquals(_tag, tag))
            {
                throw RestorePointDamagedException.Because($"chunk {_counter} does not match its checksum (changed, reordered, or not the last chunk)");
            }
            _tag.CopyTo(_chain, 0);
            cipher.CopyTo(_plain);
        }
        _counter++;
        _available = (int)length;
        _offset = 0;
        if (final)
        {
            _sawFinal = true;
            Span<byte> probe = stackalloc byte[1];
            if (_input.Read(probe) != 0)
            {
                throw RestorePointDamagedException.Because("there are bytes after its final chunk");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes?.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }
        base.Dispose(disposing);
    }
}
