using System.Buffers.Binary;
using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// A write-only stream that seals everything written to it into 64 KiB chunks: AES-256-GCM with the
/// payload key, or (unencrypted restore points) a SHA-256 chain. <see cref="Complete"/> writes the final chunk;
/// a stream disposed without it leaves a file that every reader rejects as truncated.
/// </summary>
internal sealed class ChunkWriterStream : WriteOnlyStream
{
    private readonly Stream _output;
    private readonly AesGcm? _aes;
    private readonly byte[] _chain;
    private readonly byte[] _plain = GC.AllocateArray<byte>(ChunkFraming.ChunkSize, pinned: true);
    private readonly byte[] _frame;
    private readonly byte[] _nonce = new byte[12];
    private int _filled;
    private long _counter;
    private bool _completed;

    public ChunkWriterStream(Stream output, SecretBytes? payloadKey, ReadOnlySpan<byte> headerHash)
    {
        _output = output;
        _aes = payloadKey is null ? null : new AesGcm(payloadKey.Span, ChunkFraming.EncryptedTagLength);
        _chain = headerHash.ToArray();
        _frame = new byte[ChunkFraming.FrameHeaderLength + ChunkFraming.ChunkSize + ChunkFraming.ChainTagLength];
    }

    public long PlaintextBytes { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!buffer.IsEmpty)
        {
            if (_filled == _plain.Length)
            {
                Seal(final: false);
            }
            var n = Math.Min(buffer.Length, _plain.Length - _filled);
            buffer[..n].CopyTo(_plain.AsSpan(_filled));
            _filled += n;
            PlaintextBytes += n;
            buffer = buffer[n..];
        }
    }


    /// <summary>Seals the last (possibly empty) chunk with the final flag.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            Seal(final: true);
            _completed = true;
        }
    }

    private void Seal(bool final)
    {
        ChunkFraming.Nonce(_nonce, _counter, final);
        var plain = _plain.AsSpan(0, _filled);
        _frame[0] = final ? ChunkFraming.FinalFlag : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(_frame.AsSpan(1, 4), (uint)_filled);
        var body = _frame.AsSpan(ChunkFraming.FrameHeaderLength, _filled);
        int tagLength;
        if (_aes is not null)
        {
            tagLength = ChunkFraming.EncryptedTagLength;
            _aes.Encrypt(_nonce, plain, body, _frame.AsSpan(ChunkFraming.FrameHeaderLength + _filled, tagLength));
        }
        else
        {
            tagLength = ChunkFraming.ChainTagLength;
            plain.CopyTo(body);
            var tag = _frame.AsSpan(ChunkFraming.FrameHeaderLength + _filled, tagLength);
            ChunkFraming.ChainTag(_chain, _nonce, plain, tag);
            tag.CopyTo(_chain);
        }
        _output.Write(_frame, 0, ChunkFraming.FrameHeaderLength + _filled + tagLength);
        _counter++;
        _filled = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes?.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            _completed = true;
        }
        base.Dispose(disposing);
    }

    public override bool CanWrite => !_completed;
    public override long Position { get => PlaintextBytes; set => throw new NotSupportedException(); }
}
