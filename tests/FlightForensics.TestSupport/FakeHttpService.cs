using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlightForensics.TestSupport;

/// <summary>One request as the fake service received it.</summary>
public sealed record ReceivedHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>What the fake service answers: a status and a body, or silence (for timeouts).</summary>
public sealed record FakeHttpAnswer(int Status, string Body, bool NeverAnswer = false);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port, TcpListener): enough for one POST with a
/// Content-Length body per connection. Stands in for a remote service (DJI's keychain endpoint) in tests.
/// </summary>
public sealed class FakeHttpService : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ReceivedHttpRequest, FakeHttpAnswer> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedHttpRequest> _requests = [];
    private readonly Task _loop;

    public FakeHttpService(Func<ReceivedHttpRequest, FakeHttpAnswer> answer)
    {
        _answer = answer;
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url(string path = "/openapi/v1/flight-records/keychains") => new($"http://127.0.0.1:{Port}{path}");

    public IReadOnlyList<ReceivedHttpRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
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
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new MemoryStream();
                // Headers end at CRLF CRLF.
                while (true)
                {
                    int b = await ReadByte(stream);
                    if (b < 0)
                    {
                        return;
                    }

                    head.WriteByte((byte)b);
                    var h = head.GetBuffer();
                    long n = head.Length;
                    if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n')
                    {
                        break;
                    }
                }

                var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                var requestLine = lines[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1))
                {
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }
                }

                int length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var body = new byte[length];
                int got = 0;
                while (got < length)
                {
                    int r = await stream.ReadAsync(body.AsMemory(got), _stop.Token);
                    if (r == 0)
                    {
                        return;
                    }

                    got += r;
                }

                var request = new ReceivedHttpRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "", headers, body);
                lock (_requests)
                {
                    _requests.Add(request);
                }

                var answer = _answer(request);
                if (answer.NeverAnswer)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }

                var payload = Encoding.UTF8.GetBytes(answer.Body);
                var response = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {answer.Status} {(answer.Status == 200 ? "OK" : "Status")}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(response, _stop.Token);
                await stream.WriteAsync(payload, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or the service stops: nothing to answer.
            }
        }
    }

    private async Task<int> ReadByte(NetworkStream stream)
    {
        var one = new byte[1];
        int r = await stream.ReadAsync(one, _stop.Token);
        return r == 0 ? -1 : one[0];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }
}
