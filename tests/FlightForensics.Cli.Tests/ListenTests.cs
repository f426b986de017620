using System.Net;
using System.Net.Sockets;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// <c>listen</c> on loopback: the demo quadcopter's tlog replayed as UDP datagrams must raise the overflight
/// alerts the flight was built for, and the recording must hold every packet sent.
/// </summary>
public sealed class ListenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-listen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Replayed_demo_flight_raises_enter_alerts_for_the_overflown_sites_and_is_recorded()
    {
        var logs = Path.Combine(Samples.RepositoryRoot, "logs");
        var packets = TlogPackets(File.ReadAllBytes(Path.Combine(logs, "demoville-quadcopter.tlog")));
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var recording = Path.Combine(_dir, "live.tlog");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => CliApp.Run(["listen", $"udp://127.0.0.1:{port}", "--infra", Path.Combine(logs, "demoville-infrastructure.geojson"),
            "--tlog", recording, "--duration", "10"], TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr)));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!stderr.ToString().Contains("listening on", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        using (var sender = new UdpClient())
        {
            foreach (var p in packets)
            {
                await sender.SendAsync(p, new IPEndPoint(IPAddress.Loopback, port));
                if (packets.IndexOf(p) % 200 == 0)
                {
                    await Task.Delay(5); // let the receiver drain; the bounded queue would otherwise count drops
                }
            }
        }

        int code = await run;
        Assert.True(code == 0, stderr.ToString());
        var output = stdout.ToString();
        Assert.Contains("\"alert\":\"enter\"", output, StringComparison.Ordinal);
        Assert.Contains("demoville/water-works", output, StringComparison.Ordinal);
        Assert.Contains("demoville/substation", output, StringComparison.Ordinal);
        Assert.DoesNotContain("demoville/prison", output, StringComparison.Ordinal);
        Assert.DoesNotContain("demoville/fuel-depot", output, StringComparison.Ordinal);

        // The recording holds what arrived: same packet count as sent unless the log says some were dropped.
        var recorded = TlogPackets(File.ReadAllBytes(recording));
        Assert.Contains($"listen: {recorded.Count} packets", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(packets.Count, recorded.Count);
        Assert.True(packets.Zip(recorded).All(p => p.First.AsSpan().SequenceEqual(p.Second)), "the recorded tlog's packets differ from those sent");
    }

    [Fact]
    public void A_malformed_uri_is_a_usage_error()
    {
        var stderr = new StringWriter();
        Assert.Equal(1, CliApp.Run(["listen", "tcp://nowhere"], new StringWriter(), stderr));
        Assert.Contains("udp://HOST:PORT", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Packets of a tlog: each record is an 8-byte timestamp then one MAVLink packet (v1 or v2, lengths from the header).</summary>
    internal static List<byte[]> TlogPackets(byte[] tlog)
    {
        var list = new List<byte[]>();
        int pos = 0;
        while (pos + 8 + 3 <= tlog.Length)
        {
            int start = pos + 8;
            byte stx = tlog[start];
            int len = tlog[start + 1];
            int total = stx == 0xFD ? 10 + len + 2 + ((tlog[start + 2] & 1) != 0 ? 13 : 0) : 6 + len + 2;
            if (start + total > tlog.Length)
            {
                break;
            }

            list.Add(tlog.AsSpan(start, total).ToArray());
            pos = start + total;
        }

        return list;
    }
}
