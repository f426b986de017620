using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FlightForensics.Mavlink.Codec;

namespace FlightForensics.Mavlink.Live;

/// <summary>Options of <see cref="MavlinkUdpListener"/>.</summary>
public sealed record MavlinkUdpListenerOptions
{
    public static MavlinkUdpListenerOptions Default { get; } = new();

    /// <summary>Packets kept waiting for a slow consumer; beyond this, new packets are dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 8192;

    /// <summary>Socket receive buffer, bytes (bursts beyond it are lost in the kernel, uncounted).</summary>
    public int ReceiveBufferBytes { get; init; } = 1 << 20;
}

/// <summary>A packet received off the network: an owned copy of its bytes and when it arrived.</summary>
public sealed record MavlinkReceivedPacket(DateTimeOffset ReceivedUtc, IPEndPoint Remote, byte[] Packet)
{
    public uint MessageId => Parse().MessageId;
    public string MessageName => Parse().MessageName;
    public byte SystemId => Parse().SystemId;
    public byte ComponentId => Parse().ComponentId;

    /// <summary>The packet as a frame (valid by construction: only checked packets are queued).</summary>
    public MavlinkFrame Parse()
    {
        MavlinkFrameParser.TryParse(Packet, out var frame);
        return frame;
    }
}

/// <summary>
/// Receives MAVLink over UDP (what ground stations and SITL send to port 14550). Every datagram is split
/// into packets with the same checks as files (CRC, resync); valid packets go through a bounded queue to
/// the consumer, so a burst faster than the consumer costs counted drops, never unbounded memory.
/// </summary>
public sealed class MavlinkUdpListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Channel<MavlinkReceivedPacket> _queue;
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiveLoop;
    private long _received, _dropped, _malformedDatagrams, _crcFailures, _skippedBytes;

    public MavlinkUdpListener(IPEndPoint bindTo, MavlinkUdpListenerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        options ??= MavlinkUdpListenerOptions.Default;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = options.ReceiveBufferBytes,
        };
        _socket.Bind(bindTo);
        _queue = Channel.CreateBounded<MavlinkReceivedPacket>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Parses <c>udp://HOST:PORT</c> (the <c>listen</c> verb's argument).</summary>
    public static IPEndPoint ParseUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme != "udp" || parsed.Port <= 0)
        {
            throw new FormatException($"expected udp://HOST:PORT, got {uri}");
        }

        var host = parsed.Host == "*" || parsed.Host.Length == 0 ? IPAddress.Any : IPAddress.Parse(parsed.Host.Trim('[', ']'));
        return new IPEndPoint(host, parsed.Port);
    }

    /// <summary>The bound address (with the port the system chose when bound to port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public long PacketsReceived => Interlocked.Read(ref _received);

    /// <summary>Valid packets dropped because the consumer fell behind by more than the queue capacity.</summary>
    public long PacketsDropped => Interlocked.Read(ref _dropped);

    /// <summary>Datagrams that held no valid packet at all.</summary>
    public long MalformedDatagrams => Interlocked.Read(ref _malformedDatagrams);
    public long CrcFailures => Interlocked.Read(ref _crcFailures);
    public long SkippedBytes => Interlocked.Read(ref _skippedBytes);

    /// <summary>Valid packets as they arrive, until <paramref name="cancellationToken"/> fires or the listener is disposed.</summary>
    public async IAsyncEnumerable<MavlinkReceivedPacket> ReadPacketsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _receiveLoop ??= Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await foreach (var packet in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return packet;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                SocketReceiveFromResult r;
                try
                {
                    r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    // ICMP port-unreachable and similar per-datagram errors: keep listening.
                    continue;
                }

                Split(buffer.AsSpan(0, r.ReceivedBytes), (IPEndPoint)r.RemoteEndPoint, DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
        catch (ObjectDisposedException)
        {
            // disposed
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    private void Split(ReadOnlySpan<byte> datagram, IPEndPoint remote, DateTimeOffset now)
    {
        var reader = new MavlinkPacketReader(datagram, isFinalBlock: true, MavlinkFraming.Raw);
        int valid = 0;
        while (reader.Read(out var result))
        {
            switch (result.Kind)
            {
                case MavlinkReadKind.Packet:
                    valid++;
                    Interlocked.Increment(ref _received);
                    if (!_queue.Writer.TryWrite(new MavlinkReceivedPacket(now, remote, result.Frame.Packet.ToArray())))
                    {
                        Interlocked.Increment(ref _dropped);
                    }

                    break;
                case MavlinkReadKind.CrcFailure:
                    Interlocked.Increment(ref _crcFailures);
                    break;
                case MavlinkReadKind.Skipped:
                case MavlinkReadKind.Truncated:
                    Interlocked.Add(ref _skippedBytes, result.Length);
                    break;
                default:
                    break;
            }
        }

        if (valid == 0)
        {
            Interlocked.Increment(ref _malformedDatagrams);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        _queue.Writer.TryComplete();
        _stop.Dispose();
    }
}
