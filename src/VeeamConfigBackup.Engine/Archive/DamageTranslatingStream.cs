using ZstdSharp;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>Turns a decompressor's complaint into a damaged-restore-point error (only unencrypted points can reach it).</summary>
internal sealed class DamageTranslatingStream : ReadOnlyStream
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
}
