using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink;
using FlightForensics.TestSupport;

namespace FlightForensics.Mavlink.Tests;

/// <summary>
/// Every shared tlog/raw sample against the independent references (node-mavlink 2.3.0 and pymavlink,
/// shared/samples/mavlink/reference/*.reference.json): per-message counts, protocol versions, CRC failures,
/// first and last GLOBAL_POSITION_INT.
/// </summary>
public sealed class MavlinkReferenceTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[]
        {
            "uavlogviewer_vtol.tlog", "codelever_2013-10-13_16-58-51.tlog", "codelever_2013-10-13_18-31-24.tlog",
            "brunoolivieri_2021-12-08-14-59-44.tlog", "brunoolivieri_20211123-010337.tlog", "brunoolivieri_20211202-132613.tlog",
            "ardusub_small.tlog", "cuav_sitl_2018_flight.tlog", "pymavlink_capture.mav2.battery_status.tlog",
            "nodemavlink_mavlink-v2-3412-packets.rawmav", "nodemavlink_tests_data.rawmav",
        })
        {
            data.Add(name);
        }

        return data;
    }

    private static FlightLogReader Reader()
    {
        var registry = new FormatRegistry();
        foreach (var d in MavlinkDecoders.All)
        {
            registry.Add(d);
        }

        return new FlightLogReader(registry);
    }

    private static JsonElement Reference(string file)
    {
        var path = Samples.Require("mavlink", "reference", file + ".reference.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Detects_the_framing_from_content(string file)
    {
        var (_, decoder, match) = Reader().Identify(Samples.Require("mavlink", file));
        Assert.Equal(file.EndsWith(".tlog", StringComparison.Ordinal) ? "mavlink-tlog" : "mavlink-raw", decoder.FormatId);
        Assert.True(match.Confidence >= 60, $"confidence {match.Confidence}");
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Record_counts_equal_the_reference(string file)
    {
        var reference = Reference(file);
        var peer = reference.GetProperty("primary_peer");
        var log = Reader().ReadSummary(Samples.Require("mavlink", file));

        var expected = peer.GetProperty("counts_by_message").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        var actual = log.RecordCounts.Where(kv => !kv.Key.StartsWith("UNKNOWN_", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(k => k.Key, StringComparer.Ordinal), actual.OrderBy(k => k.Key, StringComparer.Ordinal));

        var mav = log.FormatCounters["mavlink"];
        var protocol = peer.GetProperty("protocol");
        Assert.Equal(protocol.GetProperty("v1").GetInt64(), mav["v1"]);
        Assert.Equal(protocol.GetProperty("v2").GetInt64(), mav["v2"]);
        Assert.Equal(protocol.GetProperty("signed").GetInt64(), mav["signed"]);
        Assert.Equal(peer.GetProperty("unknown_msgid_skipped").GetInt64(), mav["unknownMessageIds"]);

        // CRC failures: node-mavlink counts failed candidates (research §9); equal on these files.
        Assert.Equal(peer.GetProperty("crc_failures").GetInt64(), log.Damage.CrcFailures);
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void First_and_last_global_position_equal_the_reference(string file)
    {
        var gpi = Reference(file).GetProperty("primary_peer").GetProperty("global_position_int");
        var log = Reader().Read(Samples.Require("mavlink", file));
        long count = gpi.GetProperty("count").GetInt64();
        if (count == 0)
        {
            // No GLOBAL_POSITION_INT: samples come from GPS_RAW_INT (contract), one per packet.
            var gpsCount = Reference(file).GetProperty("primary_peer").GetProperty("gps_raw_int").GetProperty("count").GetInt64();
            Assert.Equal(gpsCount, log.Samples.Count);
            return;
        }

        Assert.Equal(count, log.Samples.Count);
        AssertSample(gpi.GetProperty("first"), log.Samples[0]);
        AssertSample(gpi.GetProperty("last"), log.Samples[^1]);
    }

    private static void AssertSample(JsonElement expected, TelemetrySample actual)
    {
        Assert.Equal(expected.GetProperty("lat").GetInt64(), (long)Math.Round(actual.LatitudeDegrees!.Value * 1e7));
        Assert.Equal(expected.GetProperty("lon").GetInt64(), (long)Math.Round(actual.LongitudeDegrees!.Value * 1e7));
        Assert.Equal(expected.GetProperty("alt").GetInt64(), (long)Math.Round(actual.AltitudeMslMeters!.Value * 1000));
        Assert.Equal(expected.GetProperty("relative_alt").GetInt64(), (long)Math.Round(actual.HeightAboveTakeoffMeters!.Value * 1000));
        if (expected.GetProperty("tlog_time_ms").ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(expected.GetProperty("tlog_time_ms").GetInt64(), actual.TimeUtc!.Value.ToUnixTimeMilliseconds());
        }
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Heartbeats_per_sender_equal_the_reference(string file)
    {
        var expected = Reference(file).GetProperty("primary_peer").GetProperty("heartbeat_by_source");
        var log = Reader().ReadSummary(Samples.Require("mavlink", file));
        var sources = log.FormatCounters.GetValueOrDefault("mavlink-sources") ?? [];
        Assert.Equal(expected.EnumerateObject().Count(), sources.Count);
        foreach (var source in expected.EnumerateObject())
        {
            var counted = sources.Where(kv => kv.Key.StartsWith(source.Name + " ", StringComparison.Ordinal)).Sum(kv => kv.Value);
            Assert.Equal(source.Value.GetProperty("count").GetInt64(), counted);
        }
    }

    [SampleFact]
    public void Signed_statustext_is_parsed_and_its_signing_time_reported()
    {
        var log = Reader().Read(Samples.Require("mavlink", "brunoolivieri_2021-12-08-14-59-44.tlog"));
        // research §4: sysid 255, compid 190, link_id 220, signing time 2021-12-08 17:59:48.25 UTC.
        var note = Assert.Single(log.Diagnostics, d => d.Message.Contains("first signed packet", StringComparison.Ordinal));
        Assert.Contains("255/190 link 220", note.Message, StringComparison.Ordinal);
        Assert.Contains("2021-12-08T17:59:48.25Z", note.Message, StringComparison.Ordinal);
    }

    [SampleFact]
    public void Vehicle_identity_mode_and_statustext_events_come_from_the_vehicle()
    {
        var log = Reader().Read(Samples.Require("mavlink", "brunoolivieri_2021-12-08-14-59-44.tlog"));
        Assert.Equal(10, log.Vehicle.SystemId);
        Assert.Equal("ArduPilot", log.Vehicle.Autopilot);
        Assert.Equal("QUADROTOR", log.Vehicle.VehicleType);
        Assert.StartsWith("4.1.1", log.Vehicle.FirmwareVersion, StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.Kind == FlightEventKind.TextMessage && e.Text == "ArduCopter V4.1.1 (01d1aa1e)");
        Assert.Contains(log.Events, e => e.Kind == FlightEventKind.ModeChange);
        Assert.Equal(37, log.Events.Count(e => e.Kind == FlightEventKind.MissionItem));
        Assert.All(log.Samples, s => Assert.NotNull(s.FlightMode));
    }

    [SampleFact]
    public void Ardusub_keeps_camera_and_gimbal_components_apart_and_reads_mount_status()
    {
        var log = Reader().Read(Samples.Require("mavlink", "ardusub_small.tlog"));
        Assert.Equal("SUBMARINE", log.Vehicle.VehicleType);
        var sources = log.FormatCounters["mavlink-sources"];
        Assert.Contains(sources.Keys, k => k.StartsWith("1/100 CAMERA", StringComparison.Ordinal));
        Assert.Contains(sources.Keys, k => k.StartsWith("1/194 ONBOARD_CONTROLLER", StringComparison.Ordinal));
        Assert.Contains(log.Samples, s => s.GimbalPitchDegrees is not null);
        Assert.NotNull(log.Home);
    }

    [SampleFact]
    public void Px4_raw_stream_names_px4_modes_and_reads_mission_items()
    {
        var log = Reader().Read(Samples.Require("mavlink", "nodemavlink_mavlink-v2-3412-packets.rawmav"));
        Assert.Equal("PX4", log.Vehicle.Autopilot);
        Assert.Equal(145, log.Events.Count(e => e.Kind == FlightEventKind.MissionItem));
        // Samples before the stream's first HEARTBEAT have no mode; every later one has a named PX4 mode.
        var modes = log.Samples.SkipWhile(s => s.FlightMode is null).Select(s => s.FlightMode).ToList();
        Assert.True(modes.Count > 400, $"{modes.Count} samples with a mode");
        Assert.All(modes, m => Assert.False(string.IsNullOrEmpty(m)));
        Assert.DoesNotContain(modes.Distinct(), m => m!.StartsWith("MODE(", StringComparison.Ordinal));
    }

    [SampleTheory]
    [InlineData("pymavlink_test.BIN")]
    [InlineData("ardusub_small.BIN")]
    [InlineData("brunoolivieri_00061-2021-11-21_18-03-38.bin")]
    [InlineData("pyulog_sample.ulg")]
    [InlineData("pyulog_sample_log_small.ulg")]
    public void Onboard_logs_are_not_taken_for_mavlink_streams(string file)
    {
        var head = File.ReadAllBytes(Samples.Require("mavlink", file)).AsSpan(0, FormatRegistry.ProbeBytes);
        foreach (var decoder in MavlinkDecoders.All)
        {
            Assert.Equal(0, decoder.Probe(head, head.Length + 1).Confidence);
        }
    }
}
