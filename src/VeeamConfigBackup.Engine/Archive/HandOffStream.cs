using System.Buffers;
using System.Collections.Concurrent;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// A write-only stream that hands full buffers to a second thread, which writes them to the inner stream.
/// Reading and encoding the database then overlap with compressing, encrypting and writing the file, the way
/// a shell pipeline overlaps its processes. At most <see cref="MaxQueued"/> buffers wait, so memory stays flat.
/// </summary>
internal sealed class HandOffStream : WriteOnlyStream
{
    private const int BufferSize = 256 * 1024;
    private const int MaxQueued = 4;

    private readonly Stream _inner;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _queue = new(MaxQueued);
    private readonly Task _consumer;
    private byte[] _current = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _filled;
    private bool _completed;

    public HandOffStream(Stream inner)
    {
        _inner = inner;
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Consume()
    {
        try
        {
            foreach (var (buffer, length) in _queue.GetConsumingEnumerable())
            {
                try
                {
                    _inner.Write(buffer, 0, length);
                }
                finally
                {
                    // These buffers held plain secrets (inside the content) before encryption.
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                }
            }
        }
        catch
        {
            // Unblock a producer waiting for room, then let the fault surface through the task.
            _queue.CompleteAdding();
            throw;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, BufferSize - _filled);
            buffer[..n].CopyTo(_current.AsSpan(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == BufferSize)
            {
                HandOff();
            }
        }
    }


    private void HandOff()
    {
        if (_consumer.IsFaulted || _queue.IsAddingCompleted)
        {
            ThrowConsumerFault();
        }
        try
        {
            _queue.Add((_current, _filled));
        }
        catch (InvalidOperationException)
        {
            ThrowConsumerFault();
        }
        _current = ArrayPool<byte>.Shared.Rent(BufferSize);
        _filled = 0;
    }

    /// <summary>Passes on what is left and waits until the second thread wrote everything.</summary>
    public void Complete()
    {
        if (_completed) return;
        if (_filled > 0) HandOff();
        _completed = true;
        _queue.CompleteAdding();
        try
        {
            _consumer.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not IOException and not RestorePointDamagedException)
        {
            throw new IOException("Writing the restore point failed.", ex);
        }
    }

    private void ThrowConsumerFault()
    {
        _completed = true;
        _consumer.Wait(TimeSpan.FromSeconds(30));
        var fault = _consumer.Exception?.InnerException;
        throw fault is IOException io ? io : new IOException("Writing the restore point failed.", fault);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _completed = true;
            _queue.CompleteAdding();
            try
            {
                _consumer.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // Already reported by Complete or Write; a dispose after a failure must not throw again.
            }
            _queue.Dispose();
            ArrayPool<byte>.Shared.Return(_current, clearArray: true);
        }
        base.Dispose(disposing);
    }

    public override bool CanWrite => !_completed;
}
