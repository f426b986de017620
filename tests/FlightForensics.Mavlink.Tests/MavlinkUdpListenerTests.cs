using System.Net;
using System.Net.Sockets;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Live;
using FlightForensics.Synthesis.Mavlink;
using FlightForensics.TestSupport;

namespace FlightForensics.Mavlink.Tests;

/// <summary>The listener on a real loopback socket, fed by a replay of a tlog's packets.</summary>
public sealed class MavlinkUdpListenerTests
{
    private static List<byte[]> PacketsOf(byte[] tlog)
    {
        var list = new List<byte[]>();
        var reader = new MavlinkPacketReader(tlog, isFinalBlock: true, MavlinkFraming.Tlog);
        while (reader.Read(out var r))
        {
            if (r.Kind == MavlinkReadKind.Packet)
            {
                list.Add(r.Frame.Packet.ToArray());
            }
        }

        return list;
    }

    private static async Task<(List<MavlinkReceivedPacket> Received, MavlinkUdpListener Listener)> ReplayAsync(List<byte[]> packets, byte[][] extraDatagrams)
    {
        var listener = new MavlinkUdpListener(new IPEndPoint(IPAddress.Loopback, 0));
        var received = new List<MavlinkReceivedPacket>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var consume = Task.Run(async () =>
        {
            await foreach (var p in listener.ReadPacketsAsync(timeout.Token))
            {
                received.Add(p);
                if (received.Count == packets.Count)
                {
                    break;
                }
            }
        });

        using var sender = new UdpClient(AddressFamily.InterNetwork);
        await Task.Delay(100);
        foreach (var d in extraDatagrams)
        {
            await sender.SendAsync(d, listener.LocalEndPoint);
        }

        for (int i = 0; i < packets.Count; i++)
        {
            await sender.SendAsync(packets[i], listener.LocalEndPoint);
            if (i % 64 == 63)
            {
                await Task.Delay(1); // loopback at speed, paced only so the kernel buffer is not the bottleneck
            }
        }

        await consume;
        return (received, listener);
    }

    [Fact]
    public async Task Synthetic_replay_arrives_decoded_and_records_an_identical_tlog()
    {
        using var ms = new MemoryStream();
        SimulatedFlight.WriteTlog(ms, [new(47.0, 8.0, 0), new(47.002, 8.0, 30), new(47.002, 8.002, 30, true)]);
        var packets = PacketsOf(ms.ToArray());
        var garbage = new byte[] { 0xFD, 0x09, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 1, 2, 3 };
        var (received, listener) = await ReplayAsync(packets, [garbage, [], [0xFE]]);
        await using (listener)
        {
            Assert.Equal(packets.Count, received.Count);
            for (int i = 0; i < packets.Count; i++)
            {
                Assert.Equal(packets[i], received[i].Packet);
            }

            Assert.Equal(0, listener.PacketsDropped);
            Assert.True(listener.MalformedDatagrams >= 2);

            // Record what arrived as a tlog; its packets equal the input packets.
            using var recorded = new MemoryStream();
            var writer = new TlogWriter(recorded);
            foreach (var p in received)
            {
                writer.WriteRecord(p.ReceivedUtc, p.Packet);
            }

            Assert.Equal(packets.Select(Convert.ToHexString), PacketsOf(recorded.ToArray()).Select(Convert.ToHexString));
        }
    }

    [SampleFact]
    public async Task Real_tlog_replay_arrives_decoded_packet_for_packet()
    {
        var packets = PacketsOf(File.ReadAllBytes(Samples.Require("mavlink", "brunoolivieri_2021-12-08-14-59-44.tlog")));
        var (received, listener) = await ReplayAsync(packets, []);
        await using (listener)
        {
            Assert.Equal(packets.Count, received.Count);
            Assert.Equal(packets.Select(Convert.ToHexString), received.Select(p => Convert.ToHexString(p.Packet)));
            Assert.Equal(0, listener.CrcFailures);
        }
    }

    [Fact]
    public async Task A_consumer_that_does_not_read_costs_counted_drops_not_memory()
    {
        await using var listener = new MavlinkUdpListener(new IPEndPoint(IPAddress.Loopback, 0), new MavlinkUdpListenerOptions { QueueCapacity = 10 });
        using var cts = new CancellationTokenSource();
        var enumerator = listener.ReadPacketsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var first = enumerator.MoveNextAsync(); // starts the receive loop; the consumer then stalls
        using var ms = new MemoryStream();
        SimulatedFlight.WriteTlog(ms, [new(47.0, 8.0, 0), new(47.001, 8.0, 30)]);
        var packets = PacketsOf(ms.ToArray());
        using var sender = new UdpClient(AddressFamily.InterNetwork);
        foreach (var p in packets)
        {
            await sender.SendAsync(p, listener.LocalEndPoint);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (listener.PacketsReceived < packets.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(await first);
        Assert.True(listener.PacketsDropped > 0);
        Assert.True(listener.PacketsDropped <= listener.PacketsReceived - 10);
        await cts.CancelAsync();
        await enumerator.DisposeAsync();
    }

    [Theory]
    [InlineData("udp://127.0.0.1:14550", "127.0.0.1", 14550)]
    [InlineData("udp://0.0.0.0:14551", "0.0.0.0", 14551)]
    public void Parses_udp_uris(string uri, string host, int port)
    {
        var ep = MavlinkUdpListener.ParseUri(uri);
        Assert.Equal(IPAddress.Parse(host), ep.Address);
        Assert.Equal(port, ep.Port);
        Assert.Throws<FormatException>(() => MavlinkUdpListener.ParseUri("tcp://127.0.0.1:1"));
    }
}
