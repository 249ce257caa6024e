using ZstdSharp;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>Turns a decompressor's complaint into a damaged-restore-point error (only unencrypted points can reach it).</summary>
internal sealed class DamageTranslatingStream : Stream
{
    private readonly Stream _inner;

    public DamageTranslatingStream(Stream inner)
    {
        _inner = inner;
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _inner.Read(buffer);
        }
        catch (ZstdException ex)
        {
            throw RestorePointDamagedException.Because("its compressed content cannot be decompressed", ex);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
