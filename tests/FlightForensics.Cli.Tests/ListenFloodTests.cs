using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FlightForensics.Mavlink.Live;
using FlightForensics.TestSupport;
using Xunit.Abstractions;

namespace FlightForensics.Cli.Tests;

/// <summary>Load tests run alone: they sample the process's heap, which parallel tests would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestsRunAlone
{
    public const string Name = "load (runs alone)";
}

/// <summary>
/// <c>listen</c> under a sustained loopback flood of valid and invalid datagrams (issue: evidence-grade
/// robustness, Load). The duration is FLIGHTFORENSICS_FLOOD_SECONDS (default 60, what CI runs; a developer may
/// shorten it), the offered rate FLIGHTFORENSICS_FLOOD_RATE datagrams per second (default 40,000).
/// </summary>
[Collection(LoadTestsRunAlone.Name)]
public sealed partial class ListenFloodTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-flood-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double EnvNumber(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    [Fact]
    public async Task Listen_survives_a_sustained_flood_with_flat_memory_and_consistent_accounting()
    {
        double seconds = EnvNumber("FLIGHTFORENSICS_FLOOD_SECONDS", 60);
        double rate = EnvNumber("FLIGHTFORENSICS_FLOOD_RATE", 40_000);
        var logs = Path.Combine(Samples.RepositoryRoot, "logs");
        var valid = ListenTests.TlogPackets(File.ReadAllBytes(Path.Combine(logs, "demoville-quadcopter.tlog")));
        var invalid = InvalidDatagrams(valid);
        int port = FreePort();
        var recording = Path.Combine(_dir, "flood.tlog");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var syncErr = TextWriter.Synchronized(stderr);
        // Stopped by the token once the flood is over and drained (a fixed --duration raced a sender starved on a
        // loaded machine); the generous --duration only keeps a broken run from hanging.
        using var stopListen = new CancellationTokenSource();
        var run = Task.Run(() => CliApp.RunAsync(["listen", $"udp://127.0.0.1:{port}", "--infra", Path.Combine(logs, "demoville-infrastructure.geojson"),
            "--tlog", recording, "--duration", (seconds + 300).ToString(CultureInfo.InvariantCulture)], TextWriter.Synchronized(stdout), syncErr, stopListen.Token));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!stderr.ToString().Contains("listening on", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(stderr.ToString().Contains("listening on", StringComparison.Ordinal), "listen did not start within 30 s: " + stderr);

        // Garbage the tests before this one left in the process (the verbs of IntegrityTests over every sample format)
        // is not listen's: collect it so that the samples below measure the flood only.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Sampler: managed heap and working set once a second while the flood runs.
        var heap = new List<long>();
        var workingSet = new List<long>();
        using var samplerStop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!samplerStop.IsCancellationRequested)
            {
                process.Refresh();
                lock (heap)
                {
                    heap.Add(GC.GetTotalMemory(false));
                    workingSet.Add(process.WorkingSet64);
                }

                try
                {
                    await Task.Delay(1000, samplerStop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        // Sender: one datagram in ten is invalid (a CRC failure, a cut packet, junk without a start byte, a 0xFD
        // flood, an empty datagram); every valid datagram holds exactly one packet, so the counts reconcile.
        long sentValid = 0, sentInvalid = 0;
        var clock = Stopwatch.StartNew();
        using (var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            sender.Connect(new IPEndPoint(IPAddress.Loopback, port));
            long i = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                // Pace in slices of 1 ms so the offered rate holds without a busy core.
                long due = (long)(clock.Elapsed.TotalSeconds * rate);
                for (; i < due; i++)
                {
                    if (i % 10 == 9)
                    {
                        sender.Send(invalid[(int)(i / 10 % invalid.Count)]);
                        sentInvalid++;
                    }
                    else
                    {
                        sender.Send(valid[(int)(i % valid.Count)]);
                        sentValid++;
                    }
                }

                await Task.Delay(1);
            }
        }

        double sendSeconds = clock.Elapsed.TotalSeconds;
        // Let the receiver drain the socket, then read the kernel's drop count for it before listen ends.
        await WaitForEmptyReceiveQueue(port, TimeSpan.FromSeconds(5));
        long kernelDrops = KernelDrops(port);
        await samplerStop.CancelAsync();
        await sampler;
        await stopListen.CancelAsync();
        int code = await run;
        Assert.True(code == 0, stderr.ToString());

        var summary = SummaryLine().Match(stderr.ToString());
        Assert.True(summary.Success, "no summary line in: " + stderr);
        long received = long.Parse(summary.Groups["packets"].Value, CultureInfo.InvariantCulture);
        long dropped = long.Parse(summary.Groups["dropped"].Value, CultureInfo.InvariantCulture);
        long malformed = long.Parse(summary.Groups["malformed"].Value, CultureInfo.InvariantCulture);
        long recorded = ListenTests.TlogPackets(File.ReadAllBytes(recording)).Count;

        long[] heapSamples, wsSamples;
        lock (heap)
        {
            heapSamples = [.. heap];
            wsSamples = [.. workingSet];
        }

        int third = Math.Max(1, heapSamples.Length / 3);
        long heapEarly = heapSamples.Take(third).Max(), heapLate = heapSamples.Skip(heapSamples.Length - third).Max();
        long wsEarly = wsSamples.Take(third).Max(), wsLate = wsSamples.Skip(wsSamples.Length - third).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seconds:0} s flood: offered {(sentValid + sentInvalid) / sendSeconds:0} datagrams/s ({sentValid} valid, {sentInvalid} invalid); listen took {received} packets, {malformed} malformed datagrams, dropped {dropped} in its queue, kernel dropped {kernelDrops}; recorded {recorded}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap MB per second: {string.Join(' ', heapSamples.Select(b => (b >> 20).ToString(CultureInfo.InvariantCulture)))}; working set first/last third max {wsEarly >> 20}/{wsLate >> 20} MB"));

        // Accounting: every datagram sent is a received packet, a malformed datagram, or a kernel drop.
        Assert.Equal(sentValid + sentInvalid, received + malformed + kernelDrops);
        Assert.True(received <= sentValid && malformed <= sentInvalid, "more counted than sent");
        // The listen summary's drop count is what its queue lost: the recording holds the rest.
        Assert.Equal(received - dropped, recorded);
        // Memory flat: no growth from the first third of the flood to the last beyond GC noise.
        Assert.True(heapLate <= heapEarly + (32L << 20), $"managed heap grew from {heapEarly >> 20} MB to {heapLate >> 20} MB");
        Assert.True(wsLate <= wsEarly + (64L << 20), $"working set grew from {wsEarly >> 20} MB to {wsLate >> 20} MB");
        Assert.True(heapSamples.Max() - heapSamples.Min() < 128L << 20, "managed heap varied by more than 128 MB");
    }

    [Fact]
    public async Task A_consumer_slower_than_the_stream_costs_counted_drops_never_memory()
    {
        var valid = ListenTests.TlogPackets(File.ReadAllBytes(Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog")));
        await using var listener = new MavlinkUdpListener(new IPEndPoint(IPAddress.Loopback, 0), new MavlinkUdpListenerOptions { QueueCapacity = 64 });
        int port = listener.LocalEndPoint.Port;
        using var stop = new CancellationTokenSource();
        long consumed = 0;
        var consumer = Task.Run(async () =>
        {
            try
            {
                await foreach (var packet in listener.ReadPacketsAsync(stop.Token))
                {
                    consumed++;
                    await Task.Delay(1); // a consumer far slower than loopback
                }
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        });
        await Task.Delay(200);
        const int sent = 20_000;
        using (var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            sender.Connect(new IPEndPoint(IPAddress.Loopback, port));
            for (int i = 0; i < sent; i++)
            {
                sender.Send(valid[i % valid.Count]);
                if (i % 500 == 0)
                {
                    await Task.Delay(1);
                }
            }
        }

        await WaitForEmptyReceiveQueue(port, TimeSpan.FromSeconds(5));
        long kernelDrops = KernelDrops(port);
        // Drain what is queued (at most the capacity), then stop.
        var drainDeadline = DateTime.UtcNow.AddSeconds(10);
        while (consumed < listener.PacketsReceived - listener.PacketsDropped && DateTime.UtcNow < drainDeadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await consumer;
        output.WriteLine($"sent {sent}; received {listener.PacketsReceived}, dropped {listener.PacketsDropped}, consumed {consumed}, kernel drops {kernelDrops}");
        Assert.True(listener.PacketsDropped > 0, "a 1 ms-per-packet consumer kept up with 20,000 packets: the test did not load the queue");
        Assert.Equal(listener.PacketsReceived - listener.PacketsDropped, consumed);
        Assert.Equal(sent, listener.PacketsReceived + kernelDrops);
    }

    [GeneratedRegex(@"listen: (?<packets>\d+) packets, \d+ positions, \d+ alerts; dropped (?<dropped>\d+), malformed datagrams (?<malformed>\d+)")]
    private static partial Regex SummaryLine();

    private static int FreePort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    /// <summary>Datagrams that hold no valid packet by construction (no random bytes that could hide one).</summary>
    private static List<byte[]> InvalidDatagrams(List<byte[]> valid)
    {
        var list = new List<byte[]>();
        foreach (var p in valid.Take(50))
        {
            var crc = (byte[])p.Clone();
            crc[^3] ^= 0x55; // a payload byte (or the last header byte for an empty payload): CRC failure
            list.Add(crc);
            list.Add(p.AsSpan(0, p.Length / 2).ToArray()); // cut
        }

        var rng = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            var junk = new byte[1 + rng.Next(300)];
            rng.NextBytes(junk);
            for (int k = 0; k < junk.Length; k++)
            {
                if (junk[k] is 0xFD or 0xFE)
                {
                    junk[k] = 0x00; // no start byte: no packet can be found in it
                }
            }

            list.Add(junk);
        }

        list.Add(Enumerable.Repeat((byte)0xFD, 1400).ToArray());
        list.Add([]);
        return list;
    }

    /// <summary>
    /// The kernel's count of datagrams dropped for the socket bound to <paramref name="port"/> on 127.0.0.1
    /// (Linux /proc/net/udp, last column): what a flood costs before the listener sees it.
    /// </summary>
    private static long KernelDrops(int port) => UdpSocketLine(port) is { } cols ? long.Parse(cols[^1], CultureInfo.InvariantCulture) : 0;

    private static async Task WaitForEmptyReceiveQueue(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            // tx_queue:rx_queue in hex; rx 0 means the listener has read every datagram the kernel kept.
            if (UdpSocketLine(port) is not { } cols || cols[4].EndsWith(":00000000", StringComparison.Ordinal))
            {
                await Task.Delay(300); // and the last datagrams through the parser
                return;
            }

            await Task.Delay(50);
        }
    }

    private static string[]? UdpSocketLine(int port)
    {
        if (!File.Exists("/proc/net/udp"))
        {
            return null;
        }

        var local = string.Create(CultureInfo.InvariantCulture, $"0100007F:{port:X4}");
        return File.ReadLines("/proc/net/udp").Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(c => c.Length > 2 && c[1] == local);
    }
}
