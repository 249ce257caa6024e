using Amazon.S3.Model;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// An object's bytes as a forward-only stream that counts how far it has come (the restore's progress reads
/// <see cref="Position"/>), turns a dropped connection into the module's error, and closes the response with it.
/// </summary>
internal sealed class S3ReadStream : Stream
{
    private readonly GetObjectResponse _response;
    private readonly Stream _body;
    private readonly S3Location _where;
    private long _position;

    public S3ReadStream(GetObjectResponse response, S3Location where)
    {
        _response = response;
        _body = response.ResponseStream;
        _where = where;
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            var n = _body.Read(buffer);
            _position += n;
            return n;
        }
        catch (Exception ex) when (S3Failures.IsS3Failure(ex))
        {
            throw S3Failures.Translate(ex, _where);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _response.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _response.ContentLength;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
