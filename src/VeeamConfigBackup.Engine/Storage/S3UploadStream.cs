using Amazon.S3.Model;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// A write-only stream that sends what is written as the parts of a multipart upload, one part buffer at a time, so a
/// backup of any size holds <see cref="S3RestorePointStore.PartSize"/> bytes of it in memory.
/// </summary>
internal sealed class S3UploadStream : Stream
{
    private readonly Func<(int Number, byte[] Bytes, int Length), string> _upload;
    private readonly byte[] _buffer = new byte[S3RestorePointStore.PartSize];
    private readonly List<PartETag> _parts = [];
    private int _filled;
    private long _sent;
    private bool _finished;

    public S3UploadStream(Func<(int Number, byte[] Bytes, int Length), string> upload, string uploadId)
    {
        _upload = upload;
        UploadId = uploadId;
    }

    public string UploadId { get; }

    /// <summary>Bytes written so far.</summary>
    public override long Length => _sent + _filled;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_finished) throw new InvalidOperationException("The upload is finished.");
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsSpan(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length)
            {
                SendPart();
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Sends the last part and returns every part's tag, in order, for the completion.</summary>
    public List<PartETag> Finish()
    {
        if (!_finished)
        {
            if (_filled > 0 || _parts.Count == 0)
            {
                SendPart();
            }
            _finished = true;
        }
        return _parts;
    }

    private void SendPart()
    {
        var number = _parts.Count + 1;
        _parts.Add(new PartETag(number, _upload((number, _buffer, _filled))));
        _sent += _filled;
        _filled = 0;
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
