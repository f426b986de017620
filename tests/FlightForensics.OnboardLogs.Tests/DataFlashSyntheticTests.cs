using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.OnboardLogs.DataFlash;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>Synthetic DataFlash fixtures for what the real samples lack (camera triggers, GPS-only logs, damage).</summary>
public sealed class DataFlashSyntheticTests
{
    private const byte Gps = 10, Pos = 11, Att = 12, Cam = 13, Trig = 14, Msg = 15, Mode = 16, Mnt = 17, Bat = 18, Ev = 19, Err = 20, Baro = 21;

    // Current layouts (mavlink-formats.md §6.2).
    private static DataFlashTestLog Definitions(bool withPos = true)
    {
        var log = new DataFlashTestLog().Preamble()
            .Fmt(Gps, "GPS", "QBBIHBcLLeffffB", "TimeUS,I,Status,GMS,GWk,NSats,HDop,Lat,Lng,Alt,Spd,GCrs,VZ,Yaw,U")
            .Fmt(Att, "ATT", "QccccCCCCB", "TimeUS,DesRoll,Roll,DesPitch,Pitch,DesYaw,Yaw,ErrRP,ErrYaw,AEKF")
            .Fmt(Cam, "CAM", "QBHIHLLeeeccC", "TimeUS,I,Img,GPSTime,GPSWeek,Lat,Lng,Alt,RelAlt,GPSAlt,R,P,Y")
            .Fmt(Trig, "TRIG", "QBHIHLLeeeccC", "TimeUS,I,Img,GPSTime,GPSWeek,Lat,Lng,Alt,RelAlt,GPSAlt,R,P,Y")
            .Fmt(Msg, "MSG", "QZ", "TimeUS,Message")
            .Fmt(Mode, "MODE", "QMBB", "TimeUS,Mode,ModeNum,Rsn")
            .Fmt(Mnt, "MNT", "QBfffffffff", "TimeUS,I,DRoll,Roll,DPitch,Pitch,DYawB,YawB,DYawE,YawE,Dist")
            .Fmt(Bat, "BAT", "QBfffffcfB", "TimeUS,Inst,Volt,VoltR,Curr,CurrTot,EnrgTot,Temp,Res,RemPct")
            .Fmt(Ev, "EV", "QB", "TimeUS,Id")
            .Fmt(Err, "ERR", "QBB", "TimeUS,Subsys,ECode")
            .Fmt(Baro, "BARO", "QBfffcfIffB", "TimeUS,I,Alt,Press,Temp,CRt,SMS,Offset,GndTemp,Health,AltAMSL");
        if (withPos)
        {
            log.Fmt(Pos, "POS", "QLLfff", "TimeUS,Lat,Lng,Alt,RelHomeAlt,RelOriginAlt");
        }

        return log;
    }

    private static FlightLogBuilder Decode(byte[] bytes, DecodeOptions? options = null)
    {
        var sink = new FlightLogBuilder(options);
        new DataFlashDecoder().Decode(new MemoryStream(bytes, writable: false), sink, options ?? DecodeOptions.Default);
        return sink;
    }

    [Fact]
    public void Synthetic_camera_feedback_and_trigger_become_photo_events_with_position_and_GPS_time()
    {
        var log = Definitions()
            .Rec(Msg, 1_000_000, "ArduCopter V4.3.0 (abcdef12)")
            .Rec(Gps, 2_000_000, 0, 3, 100_000_000, 2300, 14, 80, -353_620_000, 1_491_650_000, 58_420, 5.0f, 90f, -1.5f, 0f, 1)
            .Rec(Trig, 2_100_000, 0, 7, 100_000_090, 2300, -353_620_100, 1_491_650_100, 58_400, 2_000, 58_500, 150, -300, 9_000)
            .Rec(Cam, 2_150_000, 0, 7, 100_000_120, 2300, -353_620_200, 1_491_650_200, 58_410, 2_010, 58_510, 150, -300, 9_000)
            .Rec(Pos, 2_200_000, -353_620_300, 1_491_650_300, 584.2f, 20.1f, 20.0f)
            .ToArray();
        var sink = Decode(log);

        var photos = sink.Events.Where(e => e.Kind == FlightEventKind.Photo).ToList();
        Assert.Equal(2, photos.Count);
        var cam = photos.Single(p => p.Text.StartsWith("CAM", StringComparison.Ordinal));
        Assert.Contains("image 7", cam.Text, StringComparison.Ordinal);
        Assert.Equal(-35.36202, cam.LatitudeDegrees!.Value, 9);
        Assert.Equal(149.16502, cam.LongitudeDegrees!.Value, 9);
        Assert.Equal(584.10, cam.AltitudeMslMeters!.Value, 9);
        Assert.Equal(20.10, cam.HeightAboveTakeoffMeters!.Value, 9);
        // GPS week 2300, 100000.120 s of week, 18 leap seconds.
        var expected = new DateTimeOffset(1980, 1, 6, 0, 0, 0, TimeSpan.Zero).AddDays(2300 * 7).AddMilliseconds(100_000_120).AddSeconds(-18);
        Assert.Equal(expected, cam.TimeUtc);
        Assert.Equal(cam.SourceOffset, photos[1].SourceOffset);
        Assert.True(photos[0].SourceOffset < cam.SourceOffset);

        var sample = Assert.Single(sink.Samples);
        Assert.True(sample.PhotoTaken);
        Assert.Equal(1.5, sample.VerticalSpeedMetersPerSecond!.Value, 6); // VZ is down-positive in the log
        Assert.Equal(GpsFix.Fix3D, sample.GpsFix);
        Assert.Equal(14, sample.Satellites);
    }

    [Fact]
    public void Synthetic_GPS_only_log_uses_GPS_and_week_zero_before_the_fix_gives_no_1980_time()
    {
        var log = Definitions(withPos: false)
            .Rec(Baro, 900_000, 0, 1.25f, 101_000f, 20f, 0, 0, 0, 0f, 1, 0f)
            .Rec(Gps, 1_000_000, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0f, 0f, 0f, 0f, 0)
            .Rec(Gps, 2_000_000, 0, 3, 200_000_000, 2250, 11, 90, 473_977_419, 85_455_942, 48_800, 3.0f, 45f, 0.5f, 0f, 1)
            .Rec(Gps, 3_000_000, 1, 3, 200_001_000, 2250, 11, 90, 1, 1, 0, 0f, 0f, 0f, 0f, 1) // second receiver: ignored
            .ToArray();
        var sink = Decode(log);

        Assert.Equal(2, sink.Samples.Count);
        var beforeFix = sink.Samples[0];
        Assert.False(beforeFix.HasPosition);
        Assert.Equal(GpsFix.NoFix, beforeFix.GpsFix);
        // UTC comes from the later fix through the boot clock, never from week 0 (which would be 1980).
        var fix = sink.Samples[1];
        Assert.Equal(fix.TimeUtc!.Value.AddSeconds(-1), beforeFix.TimeUtc);
        Assert.Equal(47.3977419, fix.LatitudeDegrees!.Value, 9);
        Assert.Equal(488.0, fix.AltitudeMslMeters!.Value, 9);
        Assert.Equal(1.25, fix.HeightAboveTakeoffMeters!.Value, 6); // barometric, stated by BARO, not derived from GPS
        Assert.Equal(-0.5, fix.VerticalSpeedMetersPerSecond!.Value, 6);
        Assert.Equal(2, sink.RecordCounts.Single(k => k.Key == "GPS").Value - 1); // 3 GPS records counted
    }

    [Fact]
    public void Synthetic_modes_are_named_per_vehicle_family_and_events_errors_map()
    {
        var copter = Definitions().Rec(Msg, 1, "ArduCopter V4.1.0 (ea559a56)").Rec(Mode, 2, 5, 5, 1)
            .Rec(Ev, 3, 10).Rec(Err, 4, 11, 2).Rec(Ev, 5, 11).ToArray();
        var plane = Definitions().Rec(Msg, 1, "ArduPlane V4.1.0 (00000000)").Rec(Mode, 2, 5, 5, 1).ToArray();
        var copterSink = Decode(copter);
        var planeSink = Decode(plane);

        Assert.Equal("LOITER", copterSink.Events.Single(e => e.Kind == FlightEventKind.ModeChange).Text);
        Assert.Equal("FBWA", planeSink.Events.Single(e => e.Kind == FlightEventKind.ModeChange).Text);
        Assert.Equal("Copter", copterSink.Vehicle.VehicleType);
        Assert.Single(copterSink.Events, e => e.Kind == FlightEventKind.Arm);
        Assert.Single(copterSink.Events, e => e.Kind == FlightEventKind.Disarm);
        Assert.Contains(copterSink.Events, e => e.Kind == FlightEventKind.Error && e.Text.Contains("GPS", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_gimbal_attitude_and_battery_are_attached_to_the_next_sample()
    {
        var log = Definitions()
            .Rec(Att, 1_000_000, 0, 512, 0, -250, 0, 9_000, 0, 0, 0)
            .Rec(Mnt, 1_000_000, 0, 0f, 1.0f, 0f, -45.0f, 0f, 10f, 0f, 100f, 0f)
            .Rec(Bat, 1_000_000, 0, 16.1f, 16.2f, 5f, 100f, 2f, 2500, 0.01f, 87)
            .Rec(Pos, 1_500_000, -353_620_300, 1_491_650_300, 584.2f, 20.1f, 20.0f)
            .Rec(Pos, 9_500_000, -353_620_300, 1_491_650_300, 584.2f, 20.1f, 20.0f)
            .ToArray();
        var sink = Decode(log);
        var s = sink.Samples[0];
        Assert.Equal(5.12, s.RollDegrees!.Value, 9);
        Assert.Equal(-2.5, s.PitchDegrees!.Value, 9);
        Assert.Equal(90.0, s.YawDegrees!.Value, 9);
        Assert.Equal(-45.0, s.GimbalPitchDegrees!.Value, 6);
        Assert.Equal(100.0, s.GimbalYawDegrees!.Value, 6);
        Assert.Equal(87.0, s.BatteryPercent);
        // 8.5 s later the attitude is stale and is not attached.
        Assert.Null(sink.Samples[1].RollDegrees);
        Assert.Null(sink.Samples[1].GimbalPitchDegrees);
    }

    [Fact]
    public void Synthetic_FMTU_and_MULT_give_units_and_scaled_values()
    {
        const byte ctun = 30;
        var bytes = new DataFlashTestLog().Preamble()
            .Fmt(ctun, "CTUN", "Qhf", "TimeUS,CRt,Alt")
            .Rec(178, 0, (int)'n', "m/s").Rec(178, 0, (int)'m', "m")
            .Rec(179, 0, (int)'B', (double)0.01f).Rec(179, 0, (int)'0', 1.0)
            .Rec(177, 0, ctun, "snm", "FB0")
            .Rec(ctun, 5, -250, 12.5f)
            .ToArray();
        using var reader = new DataFlashReader(new MemoryStream(bytes));
        double scaled = double.NaN, raw = double.NaN, alt = double.NaN;
        while (reader.TryReadNext(out var r))
        {
            if (r.Name == "CTUN")
            {
                r.TryGetDouble(1, out raw);
                r.TryGetScaled(1, reader.Schema, out scaled);
                r.TryGetScaled(2, reader.Schema, out alt);
                Assert.Equal(-250L, r.GetValue(1));
            }
        }

        Assert.Equal(-250, raw);
        Assert.Equal(-2.5, scaled, 12); // float 0.01 logged as double, rounded back to 7 digits
        Assert.Equal(12.5, alt);
        var format = reader.Schema.Formats.Single(f => f.Name == "CTUN");
        Assert.Equal("m/s", reader.Schema.Unit(format.Columns[1].UnitId));
    }

    [Fact]
    public void Synthetic_garbage_between_records_is_skipped_with_a_resync_diagnostic_at_its_offset()
    {
        var log = Definitions().Rec(Pos, 1, 1, 1, 1f, 1f, 1f);
        long garbageAt = log.Position;
        var garbage = new byte[37];
        new Random(1).NextBytes(garbage);
        garbage[0] = 0x00;
        garbage[10] = 0xA3; // a false header start inside the garbage
        garbage[11] = 0x95;
        garbage[12] = Pos;
        log.Raw(garbage).Rec(Pos, 2, 1, 1, 1f, 1f, 1f).Rec(Pos, 3, 1, 1, 1f, 1f, 1f);
        var sink = Decode(log.ToArray());

        Assert.Equal(3, sink.RecordCounts["POS"]);
        var resync = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Resync);
        Assert.Equal(garbageAt, resync.Offset);
        Assert.Equal(37, resync.Length);
        Assert.Equal(1, sink.Damage.Resyncs);
    }

    [Fact]
    public void Synthetic_undefined_type_id_is_reported_and_skipped()
    {
        var log = Definitions().Rec(Pos, 1, 1, 1, 1f, 1f, 1f).Raw(0xA3, 0x95, 99, 1, 2, 3, 4).Rec(Pos, 2, 1, 1, 1f, 1f, 1f);
        var sink = Decode(log.ToArray());
        Assert.Equal(2, sink.RecordCounts["POS"]);
        var d = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Resync);
        Assert.Contains("type id 99", d.Message, StringComparison.Ordinal);
        Assert.Equal(7, d.Length);
    }

    [Fact]
    public void Synthetic_inconsistent_FMT_is_reported_and_framing_follows_its_stated_length()
    {
        const byte odd = 40;
        // Format QLL needs 3+16 = 19 bytes; the FMT claims 15: columns past the length are not decoded.
        var log = Definitions().Fmt(odd, "ODD", "QLL", "TimeUS,Lat,Lng", lengthOverride: 15)
            .Raw(0xA3, 0x95, odd, 1, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9)
            .Fmt(41, "BAD", "Q", "TimeUS", lengthOverride: 2)
            .Rec(Pos, 2, 1, 1, 1f, 1f, 1f);
        var sink = Decode(log.ToArray());
        Assert.Equal(1, sink.RecordCounts["ODD"]);
        Assert.Equal(1, sink.RecordCounts["POS"]);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Message.Contains("ODD", StringComparison.Ordinal));
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Message.Contains("type 41", StringComparison.Ordinal));
        Assert.Equal(0, sink.Damage.Resyncs);
    }

    [Fact]
    public void Synthetic_truncated_last_record_is_reported_with_its_length()
    {
        var full = Definitions().Rec(Pos, 1, 1, 1, 1f, 1f, 1f).Rec(Pos, 2, 1, 1, 1f, 1f, 1f).ToArray();
        var cut = full.AsSpan(0, full.Length - 10).ToArray();
        var sink = Decode(cut);
        Assert.Equal(1, sink.RecordCounts["POS"]);
        var d = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
        Assert.Equal(full.Length - 31, d.Offset);
        Assert.Equal(21, d.Length);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_damage()
    {
        var log = Definitions().Raw(1, 2, 3).Rec(Pos, 2, 1, 1, 1f, 1f, 1f).ToArray();
        Assert.Throws<FlightLogDamagedException>(() => Decode(log, new DecodeOptions { Strict = true }));
    }

    [Fact]
    public void Empty_and_garbage_inputs_decode_to_nothing_without_exceptions()
    {
        var decoder = new DataFlashDecoder();
        Assert.False(decoder.Probe([], 0).IsMatch);
        Assert.False(decoder.Probe("ULog\x01\x12\x35"u8, 7).IsMatch);
        Assert.Empty(Decode([]).RecordCounts);

        var random = new Random(42);
        var prefix = Definitions().ToArray();
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 5000)];
            random.NextBytes(bytes);
            // Sprinkle headers of defined types so that the resync path is exercised.
            for (int k = 0; k + 3 < bytes.Length; k += random.Next(5, 200))
            {
                bytes[k] = 0xA3; bytes[k + 1] = 0x95; bytes[k + 2] = (byte)random.Next(10, 22);
            }

            var sink = Decode([.. prefix, .. bytes]);
            Assert.True(sink.RecordCounts["FMT"] >= 15);
        }
    }

    [Fact]
    public void Probe_recognises_the_FMT_block_from_content()
    {
        var decoder = new DataFlashDecoder();
        var bytes = Definitions().ToArray();
        Assert.Equal(100, decoder.Probe(bytes, bytes.Length).Confidence);
        bytes[3 + 89 + 1] = 0; // second FMT with length 0
        Assert.InRange(decoder.Probe(bytes, bytes.Length).Confidence, 1, 99);
    }

    [Fact]
    public void Gps_time_applies_the_leap_seconds_in_force()
    {
        // 2016-06-01 (17 s) and 2020-06-01 (18 s): GPS time is ahead of UTC by the offset in force.
        static (long Week, long Ms) Gps(DateTimeOffset utc, int leap)
        {
            var gps = utc.AddSeconds(leap) - GpsTime.Epoch;
            long week = (long)(gps.TotalDays / 7);
            return (week, (long)(gps - TimeSpan.FromDays(week * 7)).TotalMilliseconds);
        }

        foreach (var (utc, leap) in new[] { (new DateTimeOffset(2016, 6, 1, 12, 0, 0, TimeSpan.Zero), 17), (new DateTimeOffset(2020, 6, 1, 12, 0, 0, TimeSpan.Zero), 18) })
        {
            var (week, ms) = Gps(utc, leap);
            Assert.Equal(utc, GpsTime.ToUtc(week, ms));
        }

        Assert.Null(GpsTime.ToUtc(0, 12345));
        Assert.Null(GpsTime.ToUtc(2000, -1));
    }
}
