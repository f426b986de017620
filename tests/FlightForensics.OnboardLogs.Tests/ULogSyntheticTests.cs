using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.OnboardLogs.ULog;
using static FlightForensics.OnboardLogs.Tests.ULogTestLog;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>Synthetic ULog fixtures for what the real samples lack: epoch timestamps, camera topics, nesting, damage.</summary>
public sealed class ULogSyntheticTests
{
    private const string GlobalPosition = "vehicle_global_position:uint64_t timestamp;double lat;double lon;float alt;uint8_t[4] _padding0";
    private const string Attitude = "vehicle_attitude:uint64_t timestamp;float[4] q";
    private const string Capture = "camera_capture:uint64_t timestamp;uint64_t timestamp_utc;uint32_t seq;double lat;double lon;float alt;float ground_distance;float[4] q;int8_t result;uint8_t[3] _padding0";
    private const string Trigger = "camera_trigger:uint64_t timestamp;uint64_t timestamp_utc;uint32_t seq;bool feedback;uint8_t[3] _padding0";

    private static byte[] GlobalPos(ulong t, double lat, double lon, float alt) => [.. U64(t), .. F64(lat), .. F64(lon), .. F32(alt), 0, 0, 0, 0];

    private static FlightLogBuilder Decode(byte[] bytes, DecodeOptions? options = null)
    {
        var sink = new FlightLogBuilder(options);
        new ULogDecoder().Decode(new MemoryStream(bytes, writable: false), sink, options ?? DecodeOptions.Default);
        return sink;
    }

    [Fact]
    public void Synthetic_receiver_jamming_and_spoofing_states_become_warning_events_when_they_rise()
    {
        // sensor_gps as PX4 logs it (msg/SensorGps.msg, reduced): 0 unknown, 1 ok/none, 2 and 3 warning/critical.
        const string Gps = "sensor_gps:uint64_t timestamp;int32_t lat;int32_t lon;uint8_t jamming_state;uint8_t spoofing_state;uint8_t[2] _padding0";
        static byte[] Fix(ulong t, byte jamming, byte spoofing) => [.. U64(t), .. U32(471000000), .. U32(81000000), jamming, spoofing, 0, 0];
        var log = new ULogTestLog().FlagBits().Format(Gps).Subscribe(1, "sensor_gps")
            .Data(1, Fix(1_000_000, 1, 1))
            .Data(1, Fix(2_000_000, 3, 1))
            .Data(1, Fix(3_000_000, 3, 1))
            .Data(1, Fix(4_000_000, 1, 2))
            .ToArray();
        var warnings = Decode(log).Events.Where(e => e.Kind == FlightEventKind.Warning).Select(e => e.Text).ToList();
        Assert.Equal(["GNSS jamming_state 3: the receiver reports jamming", "GNSS spoofing_state 2: the receiver reports spoofing"], warnings);
    }

    [Fact]
    public void Synthetic_epoch_timestamps_with_records_stamped_zero_do_not_make_a_1_7e9_second_flight()
    {
        const ulong t0 = 1_714_380_327_000_000; // 2024-04-29T08:45:27Z in UNIX µs
        var log = new ULogTestLog(headerTimestampUs: 0).FlagBits().Format(GlobalPosition).Subscribe(1, "vehicle_global_position")
            .Data(1, GlobalPos(0, 47.1, 8.1, 500))
            .Data(1, GlobalPos(t0, 47.2, 8.2, 501))
            .Data(1, GlobalPos(t0 + 2_500_000, 47.3, 8.3, 502))
            .Log('6', 0, "stamped zero")
            .ToArray();
        var sink = Decode(log);

        Assert.Equal(3, sink.Samples.Count);
        Assert.Null(sink.Samples[0].TimeUtc);
        Assert.Null(sink.Samples[0].ElapsedSeconds);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_714_380_327_000), sink.Samples[1].TimeUtc);
        Assert.Equal(0.0, sink.Samples[1].ElapsedSeconds);
        Assert.Equal(2.5, sink.Samples[2].ElapsedSeconds!.Value, 9);
        Assert.Equal(2.5, sink.Summary.DurationSeconds!.Value, 9);
        Assert.Equal(1, sink.FormatCounters["ulog"]["recordsStampedZero"]);
        Assert.Null(sink.Events.Single(e => e.Text == "stamped zero").TimeUtc);
    }

    [Fact]
    public void Synthetic_camera_capture_and_trigger_become_photo_events_with_UTC_and_position()
    {
        const ulong utc = 1_650_000_000_123_000;
        var log = new ULogTestLog().FlagBits().Format(Capture).Format(Trigger).Format(GlobalPosition)
            .Subscribe(3, "camera_trigger").Subscribe(4, "camera_capture").Subscribe(5, "vehicle_global_position")
            .Data(3, [.. U64(5_000_000), .. U64(utc), .. U32(41), 1, 0, 0, 0])
            .Data(4, [.. U64(5_050_000), .. U64(utc + 50_000), .. U32(41), .. F64(63.4170622), .. F64(10.4082151), .. F32(80.5f), .. F32(12.25f),
                .. F32(1), .. F32(0), .. F32(0), .. F32(0), 1, 0, 0, 0])
            .Data(5, GlobalPos(5_100_000, 63.4170623, 10.4082152, 80.4f))
            .ToArray();
        var sink = Decode(log);

        var photos = sink.Events.Where(e => e.Kind == FlightEventKind.Photo).ToList();
        Assert.Equal(2, photos.Count);
        Assert.Equal("camera_trigger[0] seq 41", photos[0].Text);
        Assert.Null(photos[0].LatitudeDegrees);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks((long)utc * 10), photos[0].TimeUtc);
        Assert.Equal("camera_capture[0] seq 41 result 1", photos[1].Text);
        Assert.Equal(63.4170622, photos[1].LatitudeDegrees);
        Assert.Equal(10.4082151, photos[1].LongitudeDegrees);
        Assert.Equal(80.5, photos[1].AltitudeMslMeters!.Value, 6);
        var sample = Assert.Single(sink.Samples);
        Assert.True(sample.PhotoTaken);
        Assert.Equal(80.4, sample.AltitudeMslMeters!.Value, 5);
    }

    [Fact]
    public void Synthetic_nested_formats_defined_later_are_expanded_and_trailing_padding_may_be_cut()
    {
        var log = new ULogTestLog().FlagBits()
            .Format("outer:uint64_t timestamp;inner[2] cells;uint8_t flag;uint8_t[7] _padding0")
            .Format("inner:float v;int16_t n;uint8_t[2] _padding0")
            .Subscribe(7, "outer", multiId: 2)
            .Data(7, [.. U64(10), .. F32(1.5f), 3, 0, 0, 0, .. F32(-2.5f), 4, 0, 0, 0, 1]) // 7 trailing padding bytes cut
            .ToArray();
        using var reader = new ULogReader(new MemoryStream(log));
        int seen = 0;
        while (reader.TryReadNext(out var m))
        {
            if (m.Type != ULogMessageType.Data)
            {
                continue;
            }

            seen++;
            var f = m.Subscription!.Format!;
            Assert.Equal(32, f.Size);
            Assert.Equal(25, f.MinimumSize);
            Assert.Equal(["timestamp", "cells[0].v", "cells[0].n", "cells[1].v", "cells[1].n", "flag"], f.Fields.Select(x => x.Name));
            var d = m.Data;
            Assert.True(d.TryGetDouble(f.IndexOf("cells[1].v"), out double v));
            Assert.Equal(-2.5, v);
            Assert.True(d.TryGetInt64(f.IndexOf("cells[1].n"), out long n));
            Assert.Equal(4, n);
            Assert.True(d.TryGetInt64(f.IndexOf("flag"), out long flag));
            Assert.Equal(1, flag);
            Assert.Equal("outer[2]", m.Subscription.Key);
        }

        Assert.Equal(1, seen);
    }

    [Fact]
    public void Synthetic_cyclic_or_undefined_nested_formats_are_reported_not_followed()
    {
        var log = new ULogTestLog().FlagBits()
            .Format("a:uint64_t timestamp;b x").Format("b:a y")
            .Format("c:uint64_t timestamp;nothere z")
            .Subscribe(1, "a").Subscribe(2, "c").Subscribe(3, "undefined_topic")
            .ToArray();
        var sink = Decode(log);
        Assert.Equal(3, sink.Diagnostics.Count(d => d.Kind == DiagnosticKind.Corrupt));
        Assert.Contains(sink.Diagnostics, d => d.Message.Contains("nests deeper", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_appended_data_after_a_cut_message_is_read()
    {
        var body = new ULogTestLog().FlagBits(incompat0: 1, appended0: 0).Format(GlobalPosition).Subscribe(1, "vehicle_global_position")
            .Data(1, GlobalPos(1_000, 1, 1, 1));
        var partial = new ULogTestLog().Data(1, GlobalPos(2_000, 2, 2, 2)).ToArray()[16..];
        body.Raw(partial[..10]); // the logger stopped mid-message
        long appendedAt = body.Position;
        body.Data(1, GlobalPos(3_000, 3, 3, 3)).Log('4', 3_000, "appended");
        var bytes = body.ToArray();
        // Patch appended_offsets[0] in the flag-bits message (header 16 + msg header 3 + compat 8 + incompat 8).
        BitConverter.TryWriteBytes(bytes.AsSpan(16 + 3 + 16, 8), (ulong)appendedAt);

        var sink = Decode(bytes);
        Assert.Equal(2, sink.Samples.Count);
        Assert.Equal(3.0, sink.Samples[1].LatitudeDegrees);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated && d.Message.Contains("appended", StringComparison.Ordinal));
        Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Warning && e.Text == "appended");
        Assert.Equal(2, sink.RecordCounts["vehicle_global_position[0]"]);
    }

    [Fact]
    public void Synthetic_unknown_incompat_bits_are_read_with_a_warning()
    {
        var sink = Decode(new ULogTestLog().FlagBits(incompat0: 0x82).Format(GlobalPosition).Subscribe(1, "vehicle_global_position")
            .Data(1, GlobalPos(1_000, 1, 1, 1)).ToArray());
        Assert.Single(sink.Samples);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note && d.Message.Contains("incompatible", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_garbage_and_unknown_msg_ids_are_skipped_with_resync_diagnostics()
    {
        var log = new ULogTestLog().FlagBits().Format(GlobalPosition).Subscribe(1, "vehicle_global_position")
            .Data(1, GlobalPos(1_000, 1, 1, 1));
        long garbageAt = log.Position;
        log.Raw(0xFF, 0xFF, 0x7A, 1, 2, 3, 4, 5, 6, 7, 8, 9)
            .Data(1, GlobalPos(2_000, 2, 2, 2));
        long unknownAt = log.Position;
        log.Data(99, GlobalPos(2_500, 9, 9, 9))
            .Data(1, GlobalPos(3_000, 3, 3, 3)).Data(1, GlobalPos(4_000, 4, 4, 4));
        var sink = Decode(log.ToArray());

        Assert.Equal([1.0, 2.0, 3.0, 4.0], sink.Samples.Select(s => s.LatitudeDegrees!.Value));
        var resyncs = sink.Diagnostics.Where(d => d.Kind == DiagnosticKind.Resync).ToList();
        Assert.Equal(2, resyncs.Count);
        Assert.Equal(garbageAt, resyncs[0].Offset);
        Assert.Equal(12, resyncs[0].Length);
        Assert.Equal(unknownAt, resyncs[1].Offset);
        Assert.Equal(3 + 2 + 32, resyncs[1].Length);
    }

    [Fact]
    public void Synthetic_dropouts_and_tagged_strings_are_reported()
    {
        var sink = Decode(new ULogTestLog().FlagBits().Log('3', 2_000, "critical thing").TaggedLog('6', 77, 3_000, "info thing").Dropout(250).ToArray());
        Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Error && e.Text == "critical thing");
        Assert.Single(sink.Events, e => e.Kind == FlightEventKind.TextMessage && e.Text == "[tag 77] info thing");
        var gap = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Gap);
        Assert.Contains("250 ms", gap.Message, StringComparison.Ordinal);
        Assert.Equal(250, sink.FormatCounters["ulog"]["dropoutMs"]);
    }

    [Fact]
    public void Synthetic_attitude_and_info_identity()
    {
        // 90° yaw: q = (cos 45°, 0, 0, sin 45°).
        float c = (float)Math.Cos(Math.PI / 4), s = (float)Math.Sin(Math.PI / 4);
        var sink = Decode(new ULogTestLog().FlagBits().InfoString("sys_name", "PX4").InfoString("ver_hw", "TESTBOARD")
            .Info("uint32_t ver_sw_release", U32(0x010D03FF)).InfoString("ver_sw", "abc123")
            .Format(Attitude).Format(GlobalPosition).Subscribe(1, "vehicle_attitude").Subscribe(2, "vehicle_global_position")
            .Data(1, [.. U64(1_000), .. F32(c), .. F32(0), .. F32(0), .. F32(s)])
            .Data(2, GlobalPos(1_500, 1, 1, 1)).ToArray());
        var sample = Assert.Single(sink.Samples);
        Assert.Equal(90.0, sample.YawDegrees!.Value, 4);
        Assert.Equal(0.0, sample.RollDegrees!.Value, 4);
        Assert.Equal("TESTBOARD", sink.Vehicle.Model);
        Assert.Equal("v1.13.3 (abc123)", sink.Vehicle.FirmwareVersion);
        Assert.Equal("PX4", sink.Vehicle.Autopilot);
    }

    [Fact]
    public void Strict_mode_stops_at_damage_and_empty_or_garbage_input_never_throws_otherwise()
    {
        var damaged = new ULogTestLog().FlagBits().Raw(9, 9, 9, 9).ToArray();
        Assert.Throws<FlightLogDamagedException>(() => Decode(damaged, new DecodeOptions { Strict = true }));

        var decoder = new ULogDecoder();
        Assert.False(decoder.Probe([], 0).IsMatch);
        Assert.Equal(100, decoder.Probe(new ULogTestLog().FlagBits().ToArray(), 100).Confidence);
        Assert.Empty(Decode([]).RecordCounts);

        var random = new Random(3);
        var prefix = new ULogTestLog().FlagBits().Format(GlobalPosition).Format(Attitude).Subscribe(1, "vehicle_global_position").Subscribe(2, "vehicle_attitude").ToArray();
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            for (int k = 0; k + 5 < bytes.Length; k += random.Next(4, 300))
            {
                bytes[k] = (byte)random.Next(0, 60); bytes[k + 1] = 0; bytes[k + 2] = (byte)"DLOSA"[random.Next(5)]; bytes[k + 3] = (byte)random.Next(1, 3); bytes[k + 4] = 0;
            }

            var sink = Decode([.. prefix, .. bytes]);
            Assert.True(sink.FormatCounters["ulog"]["subscriptions"] >= 2);
        }
    }
    [Fact]
    public void Synthetic_attitude_written_after_but_stamped_near_the_position_is_attached_and_stale_is_not()
    {
        var sink = Decode(new ULogTestLog().FlagBits().Format(Attitude).Format(GlobalPosition)
            .Subscribe(1, "vehicle_attitude").Subscribe(2, "vehicle_global_position")
            .Data(1, [.. U64(1_040_000), .. F32(1), .. F32(0), .. F32(0), .. F32(0)]) // stamped 40 ms after the next position
            .Data(2, GlobalPos(1_000_000, 1, 1, 1))
            .Data(2, GlobalPos(5_000_000, 1, 1, 1)) // 3.96 s later: attitude is stale
            .ToArray());
        Assert.Equal(0.0, sink.Samples[0].YawDegrees);
        Assert.Null(sink.Samples[1].YawDegrees);
    }

    [Fact]
    public void Synthetic_unsubscribe_and_resubscribe_count_under_one_topic_key_and_data_after_R_is_damage()
    {
        var sink = Decode(new ULogTestLog().FlagBits().Format(GlobalPosition).Subscribe(1, "vehicle_global_position")
            .Data(1, GlobalPos(1_000, 1, 1, 1))
            .Message('R', U16(1))
            .Data(1, GlobalPos(2_000, 2, 2, 2)) // no subscription any more
            .Subscribe(1, "vehicle_global_position")
            .Data(1, GlobalPos(3_000, 3, 3, 3)).Data(1, GlobalPos(4_000, 4, 4, 4))
            .ToArray());
        Assert.Equal(3, sink.RecordCounts["vehicle_global_position[0]"]);
        Assert.Equal(1, sink.Damage.Resyncs);
        Assert.Equal([1.0, 3.0, 4.0], sink.Samples.Select(s => s.LatitudeDegrees!.Value));
    }
    [Fact]
    public void Synthetic_deeply_repeated_empty_nested_formats_resolve_quickly_or_are_refused()
    {
        var log = new ULogTestLog().FlagBits()
            .Format("a:uint64_t timestamp;b[65535] x").Format("b:c[65535] y").Format("c:d[65535] z").Format("d:uint8_t[1] _padding0")
            .Format("e:uint64_t timestamp;f[65535] x").Format("f:empty[65535] y").Format("empty:")
            .Subscribe(1, "a").Subscribe(2, "e")
            .ToArray();
        // Without the size bound inside the element loop this would expand 65535^3 elements (a hang).
        var sink = Decode(log);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Message.Contains("larger than a ULog message", StringComparison.Ordinal));
    }
}
