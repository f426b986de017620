using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;
using FlightForensics.Synthesis.Mavlink;

namespace FlightForensics.Mavlink.Tests;

/// <summary>Synthetic tlogs and raw streams from our own writer: structure, events, damage.</summary>
public sealed class TlogSyntheticTests
{
    private static readonly SimulatedWaypoint[] s_route =
    [
        new(52.0000, 13.0000, 0),
        new(52.0010, 13.0000, 40),
        new(52.0010, 13.0020, 40, TakePhoto: true),
        new(52.0000, 13.0020, 40, TakePhoto: true),
        new(52.0000, 13.0000, 0),
    ];

    private static byte[] SimulatedTlog()
    {
        using var ms = new MemoryStream();
        SimulatedFlight.WriteTlog(ms, s_route);
        return ms.ToArray();
    }

    private static (FlightLogBuilder Sink, IFlightLogDecoder Decoder) Decode(byte[] bytes, DecodeOptions? options = null)
    {
        var registry = new FormatRegistry();
        foreach (var d in MavlinkDecoders.All)
        {
            registry.Add(d);
        }

        options ??= DecodeOptions.Default;
        var found = registry.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, FormatRegistry.ProbeBytes)), bytes.Length);
        Assert.NotNull(found);
        var sink = new FlightLogBuilder(options);
        found.Value.Decoder.Decode(new MemoryStream(bytes, writable: false), sink, options);
        return (sink, found.Value.Decoder);
    }

    private static int CountPackets(byte[] bytes, string name, MavlinkFraming framing)
    {
        var counter = new Counter(name);
        MavlinkStreamReader.Read(new MemoryStream(bytes), framing, counter);
        return counter.Count;
    }

    private sealed class Counter(string name) : IMavlinkReadHandler
    {
        public int Count { get; private set; }

        public void Handle(in MavlinkReadResult result, long streamOffset)
        {
            if (result.Kind == MavlinkReadKind.Packet && result.Frame.MessageName == name)
            {
                Count++;
            }
        }
    }

    [Fact]
    public void Synthetic_simulated_flight_decodes_into_samples_events_and_identity()
    {
        var bytes = SimulatedTlog();
        var (sink, decoder) = Decode(bytes);
        Assert.Equal("mavlink-tlog", decoder.FormatId);
        Assert.Equal(CountPackets(bytes, "GLOBAL_POSITION_INT", MavlinkFraming.Tlog), sink.Samples.Count);
        Assert.True(sink.Samples.Count > 50);
        Assert.Equal(0, sink.Damage.CrcFailures + sink.Damage.Resyncs + sink.Damage.TruncatedBytes);

        var first = sink.Samples[0];
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 1, TimeSpan.Zero).AddSeconds(0.2), first.TimeUtc);
        Assert.Equal("AUTO", first.FlightMode);
        Assert.Equal(14, sink.Samples[^1].Satellites);
        Assert.Equal(GpsFix.Fix3D, sink.Samples[^1].GpsFix);
        Assert.InRange(sink.Samples.Max(s => s.HeightAboveTakeoffMeters!.Value), 39.9, 40.1);
        Assert.InRange(sink.Samples.Max(s => s.GroundSpeedMetersPerSecond!.Value), 5, 9);

        Assert.Equal(2, sink.Events.Count(e => e.Kind == FlightEventKind.Photo));
        var photo = sink.Events.First(e => e.Kind == FlightEventKind.Photo);
        Assert.Equal(52.0010, photo.LatitudeDegrees!.Value, 7);
        Assert.Equal(13.0020, photo.LongitudeDegrees!.Value, 7);
        Assert.Equal(2, sink.Samples.Count(s => s.PhotoTaken == true));
        Assert.Equal(s_route.Length, sink.Events.Count(e => e.Kind == FlightEventKind.MissionItem));
        Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Arm);
        Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Disarm);
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.ModeChange && e.Text == "mode AUTO -> LAND");
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.TextMessage && e.Text == "Land complete");
        Assert.Equal(52.0, sink.Home!.LatitudeDegrees, 7);
        Assert.Equal(100, sink.Home.AltitudeMslMeters);
        Assert.Equal("4.5.7 OFFICIAL", sink.Vehicle.FirmwareVersion);
        Assert.Equal("0123456789abcdef", sink.Vehicle.FlightControllerSerial);
        Assert.Equal("QUADROTOR", sink.Vehicle.VehicleType);
        Assert.Equal(1, sink.Vehicle.SystemId);
        Assert.Equal("MAVLink 2", sink.FormatVersion);
    }

    [Fact]
    public void Synthetic_raw_stream_is_detected_as_raw_and_decodes_the_same_packets()
    {
        var tlog = SimulatedTlog();
        var raw = StripTimestamps(tlog);
        var (sink, decoder) = Decode(raw);
        Assert.Equal("mavlink-raw", decoder.FormatId);
        Assert.Equal(CountPackets(tlog, "GLOBAL_POSITION_INT", MavlinkFraming.Tlog), sink.Samples.Count);
        Assert.Null(sink.Samples[0].TimeUtc);
        Assert.Equal(0, sink.Damage.CrcFailures + sink.Damage.Resyncs);
    }

    private static byte[] StripTimestamps(byte[] tlog)
    {
        using var raw = new MemoryStream();
        int p = 0;
        while (p < tlog.Length)
        {
            MavlinkFrameParser.TryParse(tlog.AsSpan(p + 8), out var frame);
            raw.Write(frame.Packet);
            p += 8 + frame.Packet.Length;
        }

        return raw.ToArray();
    }

    [Fact]
    public void Synthetic_garbage_between_records_is_skipped_and_reported_with_its_offset_and_length()
    {
        var tlog = SimulatedTlog();
        MavlinkFrameParser.TryParse(tlog.AsSpan(8), out var firstFrame);
        int cut = 8 + firstFrame.Packet.Length;
        var garbage = new byte[37];
        new Random(5).NextBytes(garbage);
        garbage[3] = 0xFD; // a false start byte inside the garbage
        var damaged = tlog[..cut].Concat(garbage).Concat(tlog[cut..]).ToArray();

        var (clean, _) = Decode(tlog);
        var (sink, _) = Decode(damaged);
        Assert.Equal(clean.Samples.Count, sink.Samples.Count);
        Assert.Equal(clean.RecordCounts.OrderBy(k => k.Key), sink.RecordCounts.OrderBy(k => k.Key));
        var resync = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Resync);
        Assert.Equal(cut, resync.Offset);
        Assert.Equal(garbage.Length, resync.Length);
    }

    [Fact]
    public void Synthetic_unknown_message_id_is_counted_and_skipped_by_length()
    {
        var tlog = SimulatedTlog();
        MavlinkFrameParser.TryParse(tlog.AsSpan(8), out var firstFrame);
        int cut = 8 + firstFrame.Packet.Length;
        // A v2 packet with id 0x00EEEE (not in the dialect); the CRC cannot be known, so any value.
        byte[] unknown = [0, 0, 0, 0, 0, 0, 0, 1, 0xFD, 4, 0, 0, 9, 1, 1, 0xEE, 0xEE, 0x00, 1, 2, 3, 4, 0x12, 0x34];
        var with = tlog[..cut].Concat(unknown).Concat(tlog[cut..]).ToArray();

        var (sink, _) = Decode(with);
        Assert.Equal(1, sink.RecordCounts["UNKNOWN_61166"]);
        Assert.Equal(1, sink.FormatCounters["mavlink"]["unknownMessageIds"]);
        Assert.Equal(0, sink.Damage.Resyncs);
        Assert.Equal(CountPackets(tlog, "GLOBAL_POSITION_INT", MavlinkFraming.Tlog), sink.Samples.Count);
    }

    [Fact]
    public void Synthetic_signing_key_option_verifies_signed_packets()
    {
        var key = MavlinkSigning.KeyFromPassphrase("case-42");
        using var ms = new MemoryStream();
        var w = new TlogWriter(ms);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var signing = new MavlinkSigningParameters(key, 1, MavlinkSigningParameters.TimestampFor(t));
        for (int i = 0; i < 5; i++)
        {
            w.Write(t.AddSeconds(i), MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2).Set("autopilot", 3), signing: signing);
        }

        var bytes = ms.ToArray();
        var (good, _) = Decode(bytes, new DecodeOptions { MavlinkSigningKey = key });
        Assert.Equal(5, good.FormatCounters["mavlink"]["signed"]);
        Assert.Equal(5, good.FormatCounters["mavlink"]["signaturesValid"]);
        Assert.Equal(0, good.FormatCounters["mavlink"]["signaturesInvalid"]);

        var (bad, _) = Decode(bytes, new DecodeOptions { MavlinkSigningKey = MavlinkSigning.KeyFromPassphrase("wrong") });
        Assert.Equal(5, bad.FormatCounters["mavlink"]["signaturesInvalid"]);
        Assert.Equal(5, bad.Diagnostics.Count(d => d.Kind == DiagnosticKind.Corrupt));

        var (none, _) = Decode(bytes);
        Assert.False(none.FormatCounters["mavlink"].ContainsKey("signaturesValid"));
        Assert.Equal(5, none.FormatCounters["mavlink"]["signed"]);
    }

    [Fact]
    public void Synthetic_truncation_at_every_length_never_throws_and_reports_the_tail()
    {
        var tlog = SimulatedTlog()[..2000];
        for (int cut = 1; cut < tlog.Length; cut += 7)
        {
            var sink = new FlightLogBuilder();
            new MavlinkTlogDecoder().Decode(new MemoryStream(tlog[..cut]), sink, DecodeOptions.Default);
            long accounted = sink.Damage.TruncatedBytes + sink.Damage.ResyncSkippedBytes;
            Assert.True(accounted < MavlinkFrame.MaxPacketLength + 8, $"cut {cut}: {accounted} bytes reported");
        }
    }

    [Fact]
    public void Synthetic_length_byte_pointing_past_the_end_is_truncation_not_a_crash()
    {
        var tlog = SimulatedTlog();
        int lastRecord = 0;
        int p = 0;
        while (p < tlog.Length)
        {
            lastRecord = p;
            MavlinkFrameParser.TryParse(tlog.AsSpan(p + 8), out var frame);
            p += 8 + frame.Packet.Length;
        }

        var damaged = tlog.ToArray();
        damaged[lastRecord + 9] = 255;
        var (sink, _) = Decode(damaged);
        var truncated = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
        Assert.Equal(lastRecord, truncated.Offset);
        Assert.Equal(tlog.Length - lastRecord, truncated.Length);
    }

    [Fact]
    public void Synthetic_bit_flips_lose_only_damaged_records()
    {
        var tlog = SimulatedTlog();
        var damaged = tlog.ToArray();
        var random = new Random(11);
        for (int i = 0; i < 40; i++)
        {
            int at = random.Next(damaged.Length);
            damaged[at] ^= (byte)(1 << random.Next(8));
        }

        var (clean, _) = Decode(tlog);
        var (sink, _) = Decode(damaged);
        long cleanTotal = clean.RecordCounts.Values.Sum();
        long total = sink.RecordCounts.Where(k => !k.Key.StartsWith("UNKNOWN_", StringComparison.Ordinal)).Sum(k => k.Value);
        Assert.InRange(total, cleanTotal - 40, cleanTotal);
        Assert.True(sink.Damage.CrcFailures + sink.Damage.Resyncs > 0);
    }

    [Fact]
    public void Random_bytes_and_start_byte_floods_end_with_diagnostics_only()
    {
        var random = new byte[1 << 20];
        new Random(3).NextBytes(random);
        var flood = Enumerable.Repeat((byte)0xFD, 200_000).ToArray();
        var floodV1 = Enumerable.Repeat((byte)0xFE, 200_000).ToArray();
        foreach (var input in new[] { random, flood, floodV1, Array.Empty<byte>(), new byte[] { 0xFD } })
        {
            foreach (var decoder in MavlinkDecoders.All)
            {
                var sink = new FlightLogBuilder(new DecodeOptions { MaxStoredDiagnostics = 100 });
                decoder.Decode(new MemoryStream(input), sink, DecodeOptions.Default);
                Assert.Empty(sink.Samples);
                Assert.Empty(sink.RecordCounts);
                Assert.True(sink.Diagnostics.Count <= 100);
                if (input.Length > 1)
                {
                    Assert.True(sink.Damage.Resyncs + sink.Damage.TruncatedBytes > 0);
                }
            }
        }
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_damage()
    {
        var tlog = SimulatedTlog();
        var damaged = tlog.ToArray();
        damaged[20] ^= 0x40;
        var sink = new FlightLogBuilder(new DecodeOptions { Strict = true });
        Assert.Throws<FlightLogDamagedException>(() => new MavlinkTlogDecoder().Decode(new MemoryStream(damaged), sink, new DecodeOptions { Strict = true }));
    }

    [Fact]
    public void Small_blocks_give_the_same_result_as_one_block()
    {
        var tlog = SimulatedTlog();
        var damaged = tlog.ToArray();
        for (int i = 100; i < damaged.Length; i += 997)
        {
            damaged[i] = 0xFD;
        }

        var big = new Collector();
        MavlinkStreamReader.Read(new MemoryStream(damaged), MavlinkFraming.Tlog, big);
        var small = new Collector();
        MavlinkStreamReader.Read(new MemoryStream(damaged), MavlinkFraming.Tlog, small, blockSize: 1);
        Assert.Equal(big.Items, small.Items);
    }

    private sealed class Collector : IMavlinkReadHandler
    {
        public List<(MavlinkReadKind, long, int)> Items { get; } = [];

        public void Handle(in MavlinkReadResult result, long streamOffset) => Items.Add((result.Kind, streamOffset + result.Offset, result.Length));
    }
}

public sealed class TlogZeroRunTests
{
    [Fact]
    public void Synthetic_zero_filled_gap_is_called_unwritten_space()
    {
        using var ms = new MemoryStream();
        SimulatedFlight.WriteTlog(ms, [new(1.0, 1.0, 0), new(1.001, 1.0, 10)]);
        var tlog = ms.ToArray();
        var gap = new byte[4096];
        var damaged = tlog[..100].Concat(gap).Concat(tlog[100..]).ToArray();
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(damaged), sink, DecodeOptions.Default);
        var resync = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Resync);
        Assert.Contains("zero: unwritten or pre-allocated space", resync.Message, StringComparison.Ordinal);
        Assert.True(resync.Length >= gap.Length);
    }
}
