using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Dat;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>The one real FLY005.DAT (Mavic Pro, app-cached) against its reference CSV and summary (dji-dat/reference).</summary>
public sealed class DatSampleTests
{
    private const string File005 = "plaso_17-08-29-12-58-45_FLY005.DAT";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static FlightLogBuilder Decode(byte[] bytes, DatOptions? options = null, DecodeOptions? decodeOptions = null)
    {
        var sink = new FlightLogBuilder(decodeOptions);
        using var stream = new MemoryStream(bytes, writable: false);
        new DatDecoder(options).Decode(stream, sink, decodeOptions ?? DecodeOptions.Default);
        return sink;
    }

    [SampleFact]
    public void Every_gps_record_matches_the_reference_csv()
    {
        var bytes = File.ReadAllBytes(Samples.Require("dji-dat", File005));
        var sink = Decode(bytes);
        var rows = File.ReadAllLines(Samples.Require("dji-dat", "reference", "plaso_17-08-29-12-58-45_FLY005.gps2096.csv"))
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        Assert.Equal(1787, rows.Count);
        Assert.Equal(rows.Count, sink.Samples.Count);

        int matched = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var s = sink.Samples[i];
            Assert.Equal(long.Parse(r[0], Inv), s.SourceOffset);
            string date = r[2], time = r[3].PadLeft(6, '0');
            var expectedTime = DateTimeOffset.ParseExact(date + time, "yyyyMMddHHmmss", Inv, DateTimeStyles.AssumeUniversal);
            Assert.Equal(expectedTime, s.TimeUtc);
            Assert.True(Math.Abs(double.Parse(r[4], Inv) - s.LongitudeDegrees!.Value) <= 0.51e-7, $"row {i} lon");
            Assert.True(Math.Abs(double.Parse(r[5], Inv) - s.LatitudeDegrees!.Value) <= 0.51e-7, $"row {i} lat");
            Assert.True(Math.Abs(double.Parse(r[6], Inv) - s.AltitudeMslMeters!.Value) <= 0.0006, $"row {i} height");
            double n = double.Parse(r[7], Inv), e = double.Parse(r[8], Inv), d = double.Parse(r[9], Inv);
            Assert.True(Math.Abs(Math.Sqrt((n * n) + (e * e)) - s.GroundSpeedMetersPerSecond!.Value) <= 0.0075, $"row {i} speed");
            Assert.True(Math.Abs(-d - s.VerticalSpeedMetersPerSecond!.Value) <= 0.0051, $"row {i} vertical speed");
            Assert.Equal(int.Parse(r[12], Inv), s.Satellites);
            matched++;
        }

        Assert.Equal(1787, matched);
    }

    [SampleFact]
    public void Record_counts_and_skipped_bytes_equal_the_reference_summary()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Samples.Require("dji-dat", "reference", "plaso_17-08-29-12-58-45_FLY005.summary.json")));
        var root = doc.RootElement;
        var sink = Decode(File.ReadAllBytes(Samples.Require("dji-dat", File005)));

        Assert.Equal("headerless", sink.FormatVersion);
        Assert.Equal(root.GetProperty("valid_records").GetInt64(), sink.FormatCounters["dji-dat"]["records"]);
        Assert.Equal(root.GetProperty("tick_wraps").GetInt64(), sink.FormatCounters["dji-dat"]["tickWraps"]);
        foreach (var entry in root.GetProperty("records_per_type").EnumerateObject())
        {
            ushort type = ushort.Parse(entry.Name, Inv);
            string name = DatRecordTypes.KnownName(type, v1: false) ?? DatRecordTypes.UnknownName(type);
            Assert.Equal(entry.Value.GetInt64(), sink.RecordCounts[name]);
        }

        Assert.Equal(root.GetProperty("records_per_type").EnumerateObject().Count(), sink.RecordCounts.Count);

        // The reference counts every byte outside a valid record as skipped (145). We split them: the 36 header bytes
        // (a note), padding zeros between records (a counter, not damage) and resync runs (damage).
        long header = root.GetProperty("first_record_offset").GetInt64();
        long padding = sink.FormatCounters["dji-dat"].GetValueOrDefault("paddingBytes");
        Assert.Equal(root.GetProperty("bytes_skipped_while_resyncing").GetInt64(), header + padding + sink.Damage.ResyncSkippedBytes);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note && d.Length == header);
        Assert.True(sink.Damage.Resyncs > 0);
    }

    [SampleFact]
    public void Elapsed_time_is_monotonic_across_the_tick_wrap_and_runs_at_4_5_MHz()
    {
        var sink = Decode(File.ReadAllBytes(Samples.Require("dji-dat", File005)));
        var samples = sink.Samples;
        for (int i = 1; i < samples.Count; i++)
        {
            Assert.True(samples[i].ElapsedSeconds >= samples[i - 1].ElapsedSeconds, $"sample {i} goes back in elapsed time");
        }

        // GPS clock span 18:58:38 → 19:04:38 = 360 s; the tick clock must agree within the 1 s GPS resolution.
        double gpsSpan = (samples[^1].TimeUtc!.Value - samples[0].TimeUtc!.Value).TotalSeconds;
        double tickSpan = samples[^1].ElapsedSeconds!.Value - samples[0].ElapsedSeconds!.Value;
        Assert.Equal(360, gpsSpan);
        Assert.True(Math.Abs(gpsSpan - tickSpan) < 1.0, $"tick span {tickSpan}");

        // plaso's own test: 2017-08-29T18:58:43Z, lon −106.2163995, lat 39.9612155, height 2481.301 (row 27).
        var row = samples[26];
        Assert.Equal(new DateTimeOffset(2017, 8, 29, 18, 58, 43, TimeSpan.Zero), row.TimeUtc);
        Assert.Equal(-106.2163995, row.LongitudeDegrees!.Value, 1e-9);
        Assert.Equal(39.9612155, row.LatitudeDegrees!.Value, 1e-9);
        Assert.Equal(2481.301, row.AltitudeMslMeters!.Value, 1e-9);
    }

    [SampleFact]
    public void Attitude_text_events_and_probe_on_the_real_file()
    {
        var bytes = File.ReadAllBytes(Samples.Require("dji-dat", File005));
        var probe = new DatDecoder().Probe(bytes.AsSpan(0, FormatRegistry.ProbeBytes), bytes.Length);
        Assert.Equal(80, probe.Confidence);
        Assert.Equal("headerless", probe.FormatVersion);

        var sink = Decode(bytes);
        Assert.All(sink.Samples, s => Assert.NotNull(s.YawDegrees)); // 2048 runs at twice the GPS rate
        Assert.All(sink.Samples, s => Assert.InRange(s.RollDegrees!.Value, -30, 30)); // a real flight, not noise
        Assert.Equal(1842, sink.Events.Count(e => e.Kind == FlightEventKind.TextMessage));
        Assert.Contains(sink.Events, e => e.Text.Contains("[L-GEO]", StringComparison.Ordinal));
    }
}
