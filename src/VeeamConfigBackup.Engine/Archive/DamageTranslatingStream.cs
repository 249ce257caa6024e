using ZstdSharp;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// The one place where what the decompressor throws about its input becomes a damaged-restore-point error. The
/// chunks below it were verified, so any complaint is about the compressed stream itself: a bad frame
/// (<see cref="ZstdException"/>), a stream that stops inside a frame (<see cref="EndOfStreamException"/>: the final
/// chunk came before the frame ended), or a window larger than allowed (<see cref="InvalidDataException"/>).
/// Our own errors (a chunk that fails its tag) pass through as they are.
/// </summary>
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
        catch (EndOfStreamException ex)
        {
            throw RestorePointDamagedException.Because("its compressed content ends in the middle of a frame", ex);
        }
        catch (InvalidDataException ex)
        {
            throw RestorePointDamagedException.Because("its compressed content is not valid", ex);
        }
    }
}
