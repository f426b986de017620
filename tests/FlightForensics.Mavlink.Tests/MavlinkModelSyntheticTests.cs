using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Synthesis.Mavlink;

namespace FlightForensics.Mavlink.Tests;

public sealed class MavlinkModelSyntheticTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static byte[] GpsOnlyTlog(bool withGlobalPositionLater)
    {
        using var ms = new MemoryStream();
        var w = new TlogWriter(ms);
        w.Write(s_t0, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 1).Set("autopilot", 3).Set("custom_mode", 10).Set("base_mode", 0x81));
        for (int i = 0; i < 10; i++)
        {
            w.Write(s_t0.AddSeconds(i + 1), MavlinkPayloadBuilder.For("GPS_RAW_INT").Set("lat", 350000000 + i).Set("lon", 1390000000).Set("alt", 12000)
                .Set("fix_type", 3).Set("satellites_visible", 9).Set("vel", 1500).Set("cog", 9000));
        }

        if (withGlobalPositionLater)
        {
            for (int i = 0; i < 3; i++)
            {
                w.Write(s_t0.AddSeconds(20 + i), MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", 350000100).Set("lon", 1390000000).Set("relative_alt", 5000));
            }
        }

        return ms.ToArray();
    }

    /// <summary>A stream that cannot seek, like a pipe or a socket.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public void Synthetic_log_without_global_position_gives_one_sample_per_gps_raw_int()
    {
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(GpsOnlyTlog(false)), sink, DecodeOptions.Default);
        Assert.Equal(10, sink.Samples.Count);
        var s = sink.Samples[3];
        Assert.Equal(35.0000003, s.LatitudeDegrees!.Value, 9);
        Assert.Equal(12.0, s.AltitudeMslMeters);
        Assert.Null(s.HeightAboveTakeoffMeters); // GPS_RAW_INT has no height above home: nothing is derived
        Assert.Equal(15.0, s.GroundSpeedMetersPerSecond);
        Assert.Equal(90.0, s.CourseDegrees);
        Assert.Equal(9, s.Satellites);
        Assert.Equal("AUTO", s.FlightMode); // ArduPlane mode 10
        Assert.Equal(s_t0.AddSeconds(4), s.TimeUtc);
    }

    [Fact]
    public void Synthetic_log_with_global_position_ignores_gps_raw_int_for_samples()
    {
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(GpsOnlyTlog(true)), sink, DecodeOptions.Default);
        Assert.Equal(3, sink.Samples.Count);
        Assert.All(sink.Samples, s => Assert.Equal(5.0, s.HeightAboveTakeoffMeters));
    }

    [Fact]
    public void Synthetic_forward_only_stream_switches_from_gps_raw_int_to_global_position_with_a_note()
    {
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new ForwardOnlyStream(GpsOnlyTlog(true)), sink, DecodeOptions.Default);
        Assert.Equal(13, sink.Samples.Count);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note && d.Message.Contains("GLOBAL_POSITION_INT", StringComparison.Ordinal));
    }

    [Theory]
    // ArduPilot mode numbers (ardupilotmega.xml COPTER_MODE / PLANE_MODE / ROVER_MODE / SUB_MODE) and PX4 main/sub modes.
    [InlineData(MavlinkModes.AutopilotArduPilot, 2, 5u, "LOITER")]
    [InlineData(MavlinkModes.AutopilotArduPilot, 2, 6u, "RTL")]
    [InlineData(MavlinkModes.AutopilotArduPilot, 1, 10u, "AUTO")]
    [InlineData(MavlinkModes.AutopilotArduPilot, 21, 17u, "QSTABILIZE")]
    [InlineData(MavlinkModes.AutopilotArduPilot, 10, 4u, "HOLD")]
    [InlineData(MavlinkModes.AutopilotArduPilot, 12, 19u, "MANUAL")]
    [InlineData(MavlinkModes.AutopilotArduPilot, 2, 200u, "MODE(200)")]
    [InlineData(MavlinkModes.AutopilotPx4, 2, (4u << 16) | (4u << 24), "AUTO_MISSION")]
    [InlineData(MavlinkModes.AutopilotPx4, 2, (4u << 16) | (5u << 24), "AUTO_RTL")]
    [InlineData(MavlinkModes.AutopilotPx4, 2, 3u << 16, "POSCTL")]
    public void Mode_names_follow_the_autopilot_and_vehicle_type(byte autopilot, byte type, uint customMode, string expected)
    {
        Assert.Equal(expected, MavlinkModes.Name(autopilot, type, customMode));
    }

    [Fact]
    public void Synthetic_ground_station_positions_and_texts_are_kept_apart_from_the_vehicle()
    {
        using var ms = new MemoryStream();
        var w = new TlogWriter(ms);
        w.Write(s_t0, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 6).Set("autopilot", 8), 255, 190);
        w.Write(s_t0, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2).Set("autopilot", 3), 7, 1);
        w.Write(s_t0, MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", 10).Set("lon", 10), 255, 190);
        w.Write(s_t0, MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", 20).Set("lon", 20), 8, 1);
        w.Write(s_t0, MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", 30).Set("lon", 30), 7, 1);
        w.Write(s_t0, MavlinkPayloadBuilder.For("STATUSTEXT").Set("severity", 4).SetText("text", "from the GCS"), 255, 190);
        w.Write(s_t0, MavlinkPayloadBuilder.For("STATUSTEXT").Set("severity", 2).SetText("text", "EKF failsafe"), 7, 1);
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(ms.ToArray()), sink, DecodeOptions.Default);

        var sample = Assert.Single(sink.Samples);
        Assert.Equal(30e-7, sample.LatitudeDegrees!.Value, 12);
        Assert.Equal(1, sink.FormatCounters["mavlink"]["positionsFromOtherSystems"]);
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.Warning && e.Text == "[255/190] from the GCS");
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.Error && e.Text == "EKF failsafe");
        Assert.Equal(7, sink.Vehicle.SystemId);
    }
}

public sealed class TlogTimestampOrderTests
{
    [Fact]
    public void Synthetic_little_endian_timestamps_are_recognised_and_noted()
    {
        using var big = new MemoryStream();
        SimulatedFlight.WriteTlog(big, [new(10.0, 20.0, 0), new(10.001, 20.0, 15)]);
        var tlog = big.ToArray();
        // Rewrite every record's timestamp little-endian (the pymavlink JS test capture variant, research §5).
        int p = 0;
        while (p < tlog.Length)
        {
            Array.Reverse(tlog, p, 8);
            Codec.MavlinkFrameParser.TryParse(tlog.AsSpan(p + 8), out var frame);
            p += 8 + frame.Packet.Length;
        }

        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(tlog), sink, DecodeOptions.Default);
        Assert.Equal(SimulatedFlightOptions.Default.StartUtc, sink.StartUtc);
        Assert.All(sink.Samples, s => Assert.NotNull(s.TimeUtc));
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note && d.Message.Contains("little-endian", StringComparison.Ordinal));
    }
}

public sealed class StatustextChunkTests
{
    [Fact]
    public void Synthetic_chunked_statustext_is_joined_and_an_unfinished_one_flushed_at_the_end()
    {
        var t = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var longText = new string('a', 50) + new string('b', 50) + "end";
        using var ms = new MemoryStream();
        var w = new TlogWriter(ms);
        w.Write(t, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2).Set("autopilot", 3));
        for (int chunk = 0; chunk < 3; chunk++)
        {
            var part = longText.Substring(chunk * 50, Math.Min(50, longText.Length - (chunk * 50)));
            w.Write(t, MavlinkPayloadBuilder.For("STATUSTEXT").Set("severity", 6).SetText("text", part).Set("id", 7).Set("chunk_seq", chunk));
        }

        w.Write(t, MavlinkPayloadBuilder.For("STATUSTEXT").Set("severity", 6).SetText("text", new string('x', 50)).Set("id", 8));
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(ms.ToArray()), sink, DecodeOptions.Default);
        var texts = sink.Events.Where(e => e.Kind == FlightEventKind.TextMessage).Select(e => e.Text).ToList();
        Assert.Equal([longText, new string('x', 50)], texts);
    }
}

public sealed class CameraImageCapturedTests
{
    [Fact]
    public void Synthetic_camera_image_captured_gives_a_photo_event_with_position_and_camera_attitude()
    {
        var t = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
        // Camera looking straight down: pitch -90 deg is q = (cos(-45°), 0, sin(-45°), 0).
        double h = Math.Sqrt(0.5);
        using var ms = new MemoryStream();
        var w = new TlogWriter(ms);
        w.Write(t, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2).Set("autopilot", 12).Set("base_mode", 1));
        w.Write(t, MavlinkPayloadBuilder.For("CAMERA_IMAGE_CAPTURED").Set("lat", 473977420).Set("lon", 85455940).Set("alt", 488000)
            .Set("relative_alt", 25000).Set("q", h, 0).Set("q", -h, 2).Set("image_index", 12).Set("capture_result", 1)
            .SetText("file_url", "DCIM/IMG_0012.JPG"), 1, 100);
        var sink = new FlightLogBuilder();
        new MavlinkTlogDecoder().Decode(new MemoryStream(ms.ToArray()), sink, DecodeOptions.Default);
        var photo = Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Photo);
        Assert.Equal(47.397742, photo.LatitudeDegrees!.Value, 7);
        Assert.Equal(8.545594, photo.LongitudeDegrees!.Value, 7);
        Assert.Equal(488.0, photo.AltitudeMslMeters);
        Assert.Equal(25.0, photo.HeightAboveTakeoffMeters);
        Assert.Contains("image 12", photo.Text, StringComparison.Ordinal);
        var pitch = System.Text.RegularExpressions.Regex.Match(photo.Text, @"camera roll \S+ pitch (\S+) yaw");
        Assert.True(pitch.Success, photo.Text);
        Assert.InRange(double.Parse(pitch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), -90.05, -89.9); // float quaternion
        Assert.Contains("DCIM/IMG_0012.JPG", photo.Text, StringComparison.Ordinal);
        Assert.Equal(t, photo.TimeUtc);
    }
}
