using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Dat;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>Files written by our own encoder from the documented layout (no real BUILD/V1/LOGH file is public).</summary>
public sealed class DatSyntheticTests
{
    private const uint Date = 20240517;

    /// <summary>A V3 flight: per second 5 GPS fixes (every 0.2 s at 4.5 MHz) with an IMU record before each.</summary>
    private static (byte[] Bytes, List<long> GpsOffsets) Flight(int gpsRecords, uint firstTick = 1_000_000, int breakEvery = 0, int paddingEvery = 0)
    {
        var w = new DatSyntheticWriter().BuildHeader(v3: true);
        var offsets = new List<long>();
        for (int i = 0; i < gpsRecords; i++)
        {
            uint tick = unchecked(firstTick + (uint)(i * 900_000));
            w.Record(DatRecordTypes.ImuAtti0, unchecked(tick - 1000), DatSyntheticWriter.Imu(8.5, 47.25, yawDeg: 30 + i));
            if (paddingEvery > 0 && i % paddingEvery == 0)
            {
                w.Padding(7);
            }

            offsets.Add(w.Position);
            uint second = (uint)(i / 5);
            w.Record(DatRecordTypes.Gps0, tick,
                DatSyntheticWriter.Gps(Date, 120000 + (second / 60 * 100) + (second % 60), 8.5 + (i * 1e-6), 47.25 + (i * 2e-6), 400 + (i * 0.1), 300f, 400f, -50f, 17),
                breakCrc: breakEvery > 0 && i % breakEvery == breakEvery - 1);
        }

        return (w.ToArray(), offsets);
    }

    [Fact]
    public void Synthetic_v3_file_gives_one_sample_per_gps_record_with_attitude_and_header_identity()
    {
        var (bytes, offsets) = Flight(50, paddingEvery: 10);
        var probe = new DatDecoder().Probe(bytes, bytes.Length);
        Assert.Equal(100, probe.Confidence);
        Assert.Equal("v3", probe.FormatVersion);

        var sink = DatSampleTests.Decode(bytes);
        Assert.Equal(50, sink.Samples.Count);
        Assert.Equal(offsets, sink.Samples.Select(s => s.SourceOffset));
        Assert.Equal("Mavic Pro", sink.Vehicle.Model); // aircraft code 16
        Assert.Equal("2017-08-01", sink.Vehicle.FirmwareVersion);
        Assert.Equal(0, sink.Damage.CrcFailures + sink.Damage.Resyncs);
        Assert.Equal(35, sink.FormatCounters["dji-dat"]["paddingBytes"]); // 5 runs of 7 zeros
        for (int i = 0; i < 50; i++)
        {
            var s = sink.Samples[i];
            Assert.Equal(47.25 + (i * 2e-6), s.LatitudeDegrees!.Value, 1e-7);
            Assert.Equal(8.5 + (i * 1e-6), s.LongitudeDegrees!.Value, 1e-7);
            Assert.Equal(400 + (i * 0.1), s.AltitudeMslMeters!.Value, 1e-3);
            Assert.Equal(5.0, s.GroundSpeedMetersPerSecond!.Value, 1e-9); // 3 m/s N, 4 m/s E
            Assert.Equal(0.5, s.VerticalSpeedMetersPerSecond!.Value, 1e-9); // velD −50 cm/s = climbing
            Assert.Equal(30 + i, s.YawDegrees!.Value, 1e-3);
            Assert.Equal(0, s.RollDegrees!.Value, 1e-6);
            Assert.Equal(17, s.Satellites);
            Assert.Equal(i * 0.2, s.ElapsedSeconds!.Value - sink.Samples[0].ElapsedSeconds!.Value, 1e-9);
            Assert.Equal(new DateTimeOffset(2024, 5, 17, 12, 0, i / 5, TimeSpan.Zero), s.TimeUtc);
        }
    }

    [Fact]
    public void Synthetic_osd_battery_goes_onto_gps_samples_and_motor_starts_and_stops_become_events()
    {
        // OSD before GPS records 0..9: motors off (battery 95 %), then up from record 2 (94 %), a start failure at 4,
        // down again from record 7; no OSD after record 9, so records more than 2 s later carry no battery.
        var w = new DatSyntheticWriter().BuildHeader(v3: true);
        for (int i = 0; i < 25; i++)
        {
            uint tick = 1_000_000 + (uint)(i * 900_000);
            if (i < 10)
            {
                w.Record(DatRecordTypes.Osd, tick - 500, DatSyntheticWriter.Osd((byte)(95 - (i / 2)), motorsUp: i is >= 2 and < 7, motorStartFailure: (byte)(i == 4 ? 5 : 0)));
            }

            w.Record(DatRecordTypes.Gps0, tick, DatSyntheticWriter.Gps(Date, 120000 + (uint)(i / 5), 8.5, 47.25, 400, 0f, 0f, 0f, 12));
        }

        w.Record(DatRecordTypes.Osd, 1_000_000 + (25 * 900_000), DatSyntheticWriter.Osd(200, motorsUp: false));
        var sink = DatSampleTests.Decode(w.ToArray());

        Assert.Equal(25, sink.Samples.Count);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(95 - (i / 2), sink.Samples[i].BatteryPercent);
        }

        // 0.2 s per record: the last OSD (500 ticks before record 9) is 1.8001 s old at record 18, over 2 s from record 19 on.
        Assert.Equal(91, sink.Samples[18].BatteryPercent);
        Assert.Null(sink.Samples[19].BatteryPercent);
        var motorEvents = sink.Events.Where(e => e.Text.StartsWith("motors ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["motors started (OSD motors-up flag set)", "motors stopped (OSD motors-up flag cleared)"], motorEvents.Select(e => e.Text));
        Assert.Equal(1, sink.FormatCounters["dji-dat"]["motorStarts"]);
        Assert.Equal(1, sink.FormatCounters["dji-dat"]["motorStops"]);
        Assert.Equal(5, sink.FormatCounters["dji-dat"]["osdMotorsUpRecords"]);
        Assert.Equal(1, sink.FormatCounters["dji-dat"]["osdBatteryOutOfRange"]);
        var failure = Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Warning);
        Assert.Contains("cause 5", failure.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_short_osd_record_is_a_diagnostic_not_a_crash()
    {
        var w = new DatSyntheticWriter().BuildHeader(v3: true)
            .Record(DatRecordTypes.Osd, 1000, new byte[20])
            .Record(DatRecordTypes.Gps0, 2000, DatSyntheticWriter.Gps(Date, 120000, 8.5, 47.25, 400, 0f, 0f, 0f, 12));
        var sink = DatSampleTests.Decode(w.ToArray());
        Assert.Single(sink.Samples);
        Assert.Null(sink.Samples[0].BatteryPercent);
        Assert.Contains(sink.Diagnostics, d => d.Message.Contains("OSD record too short", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_bad_crc_every_few_records_drops_only_those_with_crc_and_resync_diagnostics()
    {
        var (bytes, offsets) = Flight(60, breakEvery: 4);
        var sink = DatSampleTests.Decode(bytes);
        Assert.Equal(45, sink.Samples.Count); // 15 of 60 GPS records broken
        Assert.Equal(15, sink.Damage.CrcFailures);
        Assert.Equal(15, sink.Damage.Resyncs);
        var crcs = sink.Diagnostics.Where(d => d.Kind == DiagnosticKind.Crc).Select(d => d.Offset).ToList();
        Assert.Equal(offsets.Where((_, i) => i % 4 == 3), crcs);
        Assert.DoesNotContain(sink.Samples, s => crcs.Contains(s.SourceOffset));
    }

    [Fact]
    public void Synthetic_strict_mode_stops_at_the_first_bad_checksum()
    {
        var (bytes, _) = Flight(20, breakEvery: 5);
        var ex = Assert.Throws<FlightLogDamagedException>(() => DatSampleTests.Decode(bytes, decodeOptions: new DecodeOptions { Strict = true }));
        Assert.True(ex.Offset > 0);
    }

    [Fact]
    public void Synthetic_truncated_file_keeps_every_whole_record_and_reports_the_cut()
    {
        var (bytes, offsets) = Flight(30);
        var cut = bytes.AsSpan(0, (int)offsets[20] + 40).ToArray(); // inside GPS record 20
        var sink = DatSampleTests.Decode(cut);
        Assert.Equal(20, sink.Samples.Count);
        var truncated = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
        Assert.Equal(offsets[20], truncated.Offset);
        Assert.Equal(40, truncated.Length);
    }

    [Fact]
    public void Synthetic_tick_wrap_keeps_elapsed_time_monotonic()
    {
        var (bytes, _) = Flight(40, firstTick: uint.MaxValue - (10 * 900_000));
        var sink = DatSampleTests.Decode(bytes);
        Assert.Equal(1, sink.FormatCounters["dji-dat"]["tickWraps"]);
        var elapsed = sink.Samples.Select(s => s.ElapsedSeconds!.Value).ToList();
        for (int i = 1; i < elapsed.Count; i++)
        {
            Assert.Equal(0.2, elapsed[i] - elapsed[i - 1], 1e-6);
        }
    }

    [Fact]
    public void Synthetic_v1_file_uses_the_600_Hz_clock_and_imu_positions()
    {
        var w = new DatSyntheticWriter().BuildHeader(v3: false, aircraftCode: 6);
        for (int i = 0; i < 10; i++)
        {
            w.Record(DatRecordTypes.V1ImuAtti, (uint)(1000 + (i * 60)), DatSyntheticWriter.Imu(-106.2, 39.96, 90));
        }

        var bytes = w.ToArray();
        Assert.Equal("v1", new DatDecoder().Probe(bytes, bytes.Length).FormatVersion);
        var sink = DatSampleTests.Decode(bytes);
        Assert.Equal("Phantom 3 / Inspire 1", sink.Vehicle.Model);
        Assert.Equal(10, sink.Samples.Count);
        Assert.Equal(0.9, sink.Samples[^1].ElapsedSeconds!.Value, 1e-9); // 540 ticks at 600 Hz
        Assert.Equal(39.96, sink.Samples[0].LatitudeDegrees!.Value, 1e-9);
        Assert.Equal(-106.2, sink.Samples[0].LongitudeDegrees!.Value, 1e-9);
        Assert.Equal(DatLayout.V1RecordsStart, sink.Samples[0].SourceOffset);
    }

    [Fact]
    public void Synthetic_logh_file_is_identified_with_model_and_serial_and_not_decoded()
    {
        var bytes = DatSyntheticWriter.Logh("WM169", "1581F4XFC22A3", 2048);
        var probe = new DatDecoder().Probe(bytes, bytes.Length);
        Assert.Equal(95, probe.Confidence);
        Assert.Equal("logh-encrypted", probe.FormatVersion);
        var sink = DatSampleTests.Decode(bytes);
        Assert.Empty(sink.Samples);
        Assert.Equal("WM169", sink.Vehicle.Model);
        Assert.Equal("1581F4XFC22A3", sink.Vehicle.AircraftSerial);
        var encrypted = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Encrypted);
        Assert.Contains("not decoded", encrypted.Message, StringComparison.Ordinal);
        Assert.Equal(2048, encrypted.Length);
    }

    [Fact]
    public void Synthetic_assistant_export_lists_items_and_identifies_the_logh_inside()
    {
        var logh = DatSyntheticWriter.Logh("WM169", "SN123", 512);
        var bytes = DatSyntheticWriter.AssistantItem("G-E3T", "/blackbox/flyctrl/FLY001.DAT.enc", logh)
            .Concat(DatSyntheticWriter.AssistantItem("G-E3T", "/blackbox/empty.empty", [])).ToArray();
        Assert.Equal(90, new DatDecoder().Probe(bytes, bytes.Length).Confidence);
        var sink = DatSampleTests.Decode(bytes);
        Assert.Equal(2, sink.RecordCounts["EXPORT_ITEM"]);
        Assert.Equal("/blackbox/flyctrl/FLY001.DAT.enc", sink.Attachments[0].Name);
        Assert.Equal(DatLayout.AssistantItemHeaderBytes, sink.Attachments[0].Offset);
        Assert.Equal("SN123", sink.Vehicle.AircraftSerial);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Encrypted);
    }

    [Fact]
    public void Synthetic_out_of_range_values_are_left_empty_not_invented()
    {
        var w = new DatSyntheticWriter().BuildHeader(v3: true);
        w.Record(DatRecordTypes.Gps0, 100, DatSyntheticWriter.Gps(99999999, 999999, 0, 0, 0, float.NaN, float.PositiveInfinity, 1e30f, 60000));
        var p = DatSyntheticWriter.Gps(Date, 120000, 8, 47, 1e6, 0, 0, 0, 10);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(12), int.MaxValue); // lat 214.7°
        w.Record(DatRecordTypes.Gps0, 200, p);
        w.Record(DatRecordTypes.Gps0, 300, new byte[8]); // GPS record too short for its layout
        var sink = DatSampleTests.Decode(w.ToArray());
        Assert.Equal(2, sink.Samples.Count);
        var a = sink.Samples[0];
        Assert.Null(a.TimeUtc);
        Assert.False(a.HasPosition);
        Assert.Null(a.GroundSpeedMetersPerSecond);
        Assert.Null(a.VerticalSpeedMetersPerSecond);
        Assert.Null(a.Satellites);
        Assert.Null(sink.Samples[1].LatitudeDegrees);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.InvalidValue);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(5000)]
    public void Garbage_and_empty_input_never_throw_and_say_why(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        Assert.Equal(0, new DatDecoder().Probe(bytes, bytes.Length).Confidence);
        var sink = DatSampleTests.Decode(bytes);
        Assert.Empty(sink.Samples);
        Assert.NotEmpty(sink.Diagnostics);
    }

    [SampleFact]
    public void Mutated_real_file_with_fixed_seeds_decodes_partially_without_exceptions()
    {
        var original = File.ReadAllBytes(Samples.Require("dji-dat", "plaso_17-08-29-12-58-45_FLY005.DAT"));
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var bytes = (byte[])original.Clone();
            var random = new Random(seed);
            for (int i = 0; i < 300; i++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            var sink = DatSampleTests.Decode(bytes);
            Assert.InRange(sink.Samples.Count, 1600, 1787);
            Assert.True(sink.Damage.CrcFailures > 0);
            Assert.All(sink.Samples.Where(s => s.HasPosition), s => Assert.InRange(s.LatitudeDegrees!.Value, 39.9, 40.0));
        }
    }
}

public sealed class DatLoghBoundsTests
{
    [Fact]
    public void Synthetic_logh_claiming_more_bytes_than_the_file_has_is_reported_truncated()
    {
        var bytes = DatSyntheticWriter.Logh("WM169", "SN1", 1 << 20).AsSpan(0, 0x38 + 100).ToArray();
        var sink = DatSampleTests.Decode(bytes);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated && d.Message.Contains("LOGH", StringComparison.Ordinal));
        Assert.Equal("SN1", sink.Vehicle.AircraftSerial);
    }
}
