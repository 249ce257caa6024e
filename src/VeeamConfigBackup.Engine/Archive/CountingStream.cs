namespace VeeamConfigBackup.Engine.Archive;

/// <summary>Passes writes through and counts them (the logical size of a restore point, for throughput figures).</summary>
internal sealed class CountingStream : WriteOnlyStream
{
    private readonly Stream _inner;

    public CountingStream(Stream inner)
    {
        _inner = inner;
    }

    public long BytesWritten { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        BytesWritten += buffer.Length;
    }


    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }
    public override void Flush() => _inner.Flush();
}
