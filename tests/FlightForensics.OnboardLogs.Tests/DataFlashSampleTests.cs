using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.OnboardLogs.DataFlash;
using FlightForensics.TestSupport;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>The real DataFlash samples against pymavlink DFReader's reference facts (shared/samples/mavlink/reference).</summary>
public sealed class DataFlashSampleTests
{
    public static TheoryData<string> Files => new()
    {
        "brunoolivieri_00061-2021-11-21_18-03-38.bin",
        "ardusub_small.BIN",
        "pymavlink_test.BIN",
    };

    private static JsonElement Reference(string file)
    {
        var path = Samples.Require("mavlink", "reference", file + ".reference.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static FlightLog Read(string file) =>
        new FlightLogReader(new FormatRegistry().Add(new DataFlashDecoder())).Read(Samples.Require("mavlink", file));

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void RecordCounts_match_DFReader_per_FMT_name(string file)
    {
        var reference = Reference(file);
        var log = Read(file);

        var expected = reference.GetProperty("counts_by_message").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(expected.OrderBy(k => k.Key, StringComparer.Ordinal), log.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(reference.GetProperty("messages_total").GetInt64(), log.RecordCounts.Values.Sum());
        Assert.Equal("ardupilot-dataflash", log.FormatId);
        Assert.Equal(0, log.Damage.Resyncs);
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void First_and_last_ATT_GPS_POS_columns_match_DFReader(string file)
    {
        var reference = Reference(file);
        var first = new Dictionary<string, Dictionary<string, double>>();
        var last = new Dictionary<string, Dictionary<string, double>>();
        long minTime = long.MaxValue, maxTime = long.MinValue;
        using (var stream = File.OpenRead(Samples.Require("mavlink", file)))
        using (var reader = new DataFlashReader(stream))
        {
            while (reader.TryReadNext(out var r))
            {
                int t = r.Format.IndexOf("TimeUS");
                if (r.TryGetInt64(t, out long us))
                {
                    minTime = Math.Min(minTime, us);
                    maxTime = Math.Max(maxTime, us);
                }

                if (r.Name is "ATT" or "GPS" or "POS")
                {
                    var values = new Dictionary<string, double>();
                    foreach (var c in r.Format.Columns)
                    {
                        values[c.Name] = r.TryGetDouble(c.Index, out double v) ? v : double.NaN;
                    }

                    first.TryAdd(r.Name, values);
                    last[r.Name] = values;
                }
            }
        }

        foreach (var (which, ours) in new[] { ("first", first), ("last", last) })
        {
            if (!reference.TryGetProperty(which, out var refSide))
            {
                continue;
            }

            foreach (var message in refSide.EnumerateObject())
            {
                Assert.True(ours.ContainsKey(message.Name), $"{which} {message.Name} missing");
                foreach (var column in message.Value.EnumerateObject())
                {
                    double expected = column.Value.GetDouble();
                    double actual = ours[message.Name][column.Name];
                    Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                        $"{which} {message.Name}.{column.Name}: reference {expected}, decoded {actual}");
                }
            }
        }

        Assert.Equal(reference.GetProperty("timeus_span_s").GetDouble(), (maxTime - minTime) / 1e6, 3);
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Samples_are_the_POS_records_with_reference_positions(string file)
    {
        var reference = Reference(file);
        var log = Read(file);
        var counts = reference.GetProperty("counts_by_message");
        long expectedSamples = counts.TryGetProperty("POS", out var pos) ? pos.GetInt64()
            : counts.TryGetProperty("GPS", out var gps) ? gps.GetInt64() : 0;
        Assert.Equal(expectedSamples, log.Samples.Count);
        if (expectedSamples == 0)
        {
            Assert.Null(log.Summary.FirstUtc);
            return;
        }

        foreach (var (which, sample) in new[] { ("first", log.Samples[0]), ("last", log.Samples[^1]) })
        {
            var p = reference.GetProperty(which).GetProperty("POS");
            Assert.Equal(p.GetProperty("Lat").GetDouble(), sample.LatitudeDegrees!.Value, 9);
            Assert.Equal(p.GetProperty("Lng").GetDouble(), sample.LongitudeDegrees!.Value, 9);
            Assert.Equal(p.GetProperty("Alt").GetDouble(), sample.AltitudeMslMeters!.Value, 6);
            Assert.Equal(p.GetProperty("RelHomeAlt").GetDouble(), sample.HeightAboveTakeoffMeters!.Value, 6);
            Assert.Equal(p.GetProperty("TimeUS").GetInt64() / 1e6, sample.ElapsedSeconds!.Value, 6);
            Assert.True(sample.SourceOffset > 0);
        }
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Messages_modes_and_identity_follow_the_log(string file)
    {
        var reference = Reference(file);
        var log = Read(file);
        var texts = log.Events.Where(e => e.Kind == FlightEventKind.TextMessage).Select(e => e.Text).ToList();
        var expectedTexts = reference.GetProperty("first_MSG_texts").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(expectedTexts, texts.Take(expectedTexts.Count));

        var banner = expectedTexts[0];
        Assert.Equal("ArduPilot", log.Vehicle.Autopilot);
        Assert.Equal(banner[(banner.IndexOf(' ', StringComparison.Ordinal) + 1)..], log.Vehicle.FirmwareVersion);
        var vehicle = ArduPilotNames.VehicleFromBanner(banner);
        Assert.Equal(vehicle.ToString(), log.Vehicle.VehicleType);

        var modes = log.Events.Where(e => e.Kind == FlightEventKind.ModeChange).Select(e => e.Text).ToList();
        var expectedModes = reference.GetProperty("MODE_sequence").EnumerateArray().Select(m => ArduPilotNames.ModeName(vehicle, m.GetInt32())).ToList();
        Assert.Equal(expectedModes, modes);
        Assert.DoesNotContain(modes, m => m.StartsWith("MODE_", StringComparison.Ordinal));
    }

    [SampleFact]
    public void Gps_week_and_ms_give_UTC_with_leap_seconds()
    {
        // pymavlink_test.BIN: first GPS GWk 1973, GMS 6448000 at TimeUS 81855471 (reference JSON).
        var reference = Reference("pymavlink_test.BIN").GetProperty("first").GetProperty("GPS");
        var log = Read("pymavlink_test.BIN");
        var gpsUtc = new DateTimeOffset(1980, 1, 6, 0, 0, 0, TimeSpan.Zero)
            .AddDays(7 * reference.GetProperty("GWk").GetInt32())
            .AddMilliseconds(reference.GetProperty("GMS").GetInt64())
            .AddSeconds(-18); // GPS−UTC since 2017-01-01
        var bootUtc = gpsUtc.AddTicks(-reference.GetProperty("TimeUS").GetInt64() * 10);

        var first = log.Samples[0];
        Assert.Equal(bootUtc.AddTicks((long)Math.Round(first.ElapsedSeconds!.Value * 1e7)), first.TimeUtc);
        Assert.Equal(2017, first.TimeUtc!.Value.Year);
    }

    [SampleFact]
    public void Copter_mission_and_board_identity_are_decoded()
    {
        var log = Read("brunoolivieri_00061-2021-11-21_18-03-38.bin");
        Assert.Equal(158, log.Events.Count(e => e.Kind == FlightEventKind.MissionItem));
        Assert.Equal("MatekH743", log.Vehicle.Model);
        Assert.Equal("004B0026 33395105 33383930", log.Vehicle.FlightControllerSerial);
        Assert.NotNull(log.Home);
        Assert.InRange(log.Home!.LatitudeDegrees, -15.85, -15.83);
        // The first POS comes before the first GPS in the file: it still gets UTC from the boot-clock anchor.
        Assert.NotNull(log.Samples[0].TimeUtc);
        Assert.Equal(2021, log.Samples[0].TimeUtc!.Value.Year);
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Small_buffers_and_unseekable_input_give_the_same_result(string file)
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", file));
        var baseline = Read(file);
        var decoder = new DataFlashDecoder(new DataFlashDecoderOptions { Reader = new DataFlashReaderOptions { BufferBytes = 4096 } });
        var sink = new FlightLogBuilder();
        decoder.Decode(new MemoryStream(bytes, writable: false), sink, DecodeOptions.Default);
        Assert.Equal(baseline.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal), sink.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(baseline.Samples, sink.Samples);

        var pipe = new FlightLogBuilder();
        decoder.Decode(new NonSeekableStream(bytes), pipe, DecodeOptions.Default);
        Assert.Equal(baseline.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal), pipe.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(baseline.Samples.Count, pipe.Samples.Count);
        Assert.Equal(baseline.Samples.Select(s => s.LatitudeDegrees), pipe.Samples.Select(s => s.LatitudeDegrees));
    }

    [SampleFact]
    public void Flipped_bytes_in_a_real_log_give_partial_results_and_diagnostics()
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", "brunoolivieri_00061-2021-11-21_18-03-38.bin"));
        var random = new Random(6);
        for (int round = 0; round < 20; round++)
        {
            var damaged = (byte[])bytes.Clone();
            for (int i = 0; i < 50; i++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            var sink = new FlightLogBuilder();
            new DataFlashDecoder().Decode(new MemoryStream(damaged, writable: false), sink, DecodeOptions.Default);
            long total = sink.RecordCounts.Values.Sum();
            Assert.InRange(total, 10_000, 16_000);
            Assert.True(sink.Samples.Count > 200);
        }
    }

    [SampleFact]
    public void Cut_at_any_point_the_log_decodes_what_is_there()
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", "pymavlink_test.BIN"));
        long previous = -1;
        foreach (int cut in new[] { 0, 1, 2, 3, 50, 89, 90, 1000, 20_000, 40_001, 65_000 })
        {
            var sink = new FlightLogBuilder();
            new DataFlashDecoder().Decode(new MemoryStream(bytes, 0, cut, writable: false), sink, DecodeOptions.Default);
            long total = sink.RecordCounts.Values.Sum();
            Assert.True(total >= previous, $"cut at {cut}: {total} records, fewer than a shorter cut");
            previous = total;
            if (cut % 89 != 0 && cut < 11_748)
            {
                Assert.True(sink.Damage.TruncatedBytes > 0, $"cut at {cut} inside the FMT block must be reported");
            }
        }
    }
}
