using System.Net;
using System.Net.Sockets;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the test S3 gateway that can go down like the gateway would: after a given
/// number of bytes from the client it cuts every connection and refuses new ones until it is brought back up.
/// Bounded: it serves only while the test holds it, and only this machine's loopback.
/// </summary>
internal sealed class CuttingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private long _forwarded;

    public CuttingProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Client bytes after which the proxy goes down; null never.</summary>
    public long? CutAfterBytes { get; set; }

    public bool Down { get; private set; }

    /// <summary>Answers every request itself with 503 Slow Down, as an overloaded service does.</summary>
    public bool Overloaded { get; set; }

    /// <summary>How many requests were answered with 503.</summary>
    public int SlowDowns => _slowDowns;

    private int _slowDowns;

    public void BringUp()
    {
        Down = false;
        CutAfterBytes = null;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (Down)
            {
                client.Dispose();
                continue;
            }
            if (Overloaded)
            {
                _ = AnswerSlowDown(client);
                continue;
            }
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }
            _ = Pump(client, server, counts: true);
            _ = Pump(server, client, counts: false);
        }
    }

    private async Task AnswerSlowDown(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var seen = new List<byte>();
            // Read the request head, answer it, and keep the connection for the client's next (retried) request.
            while (true)
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                seen.AddRange(buffer.AsSpan(0, n).ToArray());
                var text = System.Text.Encoding.ASCII.GetString(seen.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                Interlocked.Increment(ref _slowDowns);
                var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
                var response = $"HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(response), _stop.Token);
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task Pump(TcpClient from, TcpClient to, bool counts)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int n;
            while ((n = await input.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (counts && CutAfterBytes is { } limit && Interlocked.Add(ref _forwarded, n) > limit)
                {
                    GoDown();
                    return;
                }
                await output.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private void GoDown()
    {
        Down = true;
        DropConnections();
    }

    /// <summary>Closes the connections open now (clients keep theirs alive between requests); new ones are served as before.</summary>
    public void DropConnections()
    {
        lock (_open)
        {
            foreach (var c in _open)
            {
                c.Dispose();
            }
            _open.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        GoDown();
    }
}
