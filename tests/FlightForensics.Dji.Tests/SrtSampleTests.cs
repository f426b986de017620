using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Srt;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>
/// The real subtitle files. Expected values come from the files' own text, read by an independent regular-expression
/// oracle in this test (not from the decoder), and from the MANIFEST's description of each layout.
/// </summary>
public sealed class SrtSampleTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [SampleTheory]
    [InlineData("CallMarcus_Mini5PRO_clip.SRT", "bracketed", 5)]
    [InlineData("CallMarcus_air3S_clip.SRT", "bracketed", 5)]
    [InlineData("CallMarcus_neo2_clip.SRT", "bracketed", 5)]
    [InlineData("JuanIrache_air2s.srt", "bracketed", 17)]
    [InlineData("JuanIrache_m2zoom.SRT", "bracketed", 7113)]
    [InlineData("JuanIrache_mavic_air.SRT", "bracketed", 2)]
    [InlineData("JuanIrache_mavic_2_style.SRT", "bracketed-no-timecode", -1)]
    [InlineData("JuanIrache_matrice_300.srt", "matrice-300", 381)]
    [InlineData("JuanIrache_mavic_mini.SRT", "one-line", 117)]
    [InlineData("JuanIrache_p4p_sample.SRT", "one-line", 5)]
    [InlineData("JuanIrache_mavic_pro.SRT", "three-line", 468)]
    [InlineData("JuanIrache_old_format.SRT", "three-line-hb-hs", 468)]
    [InlineData("JuanIrache_broken_incomplete.SRT", "three-line", 20)]
    public void Every_dialect_is_detected_from_content_and_gives_one_sample_per_cue(string file, string dialect, int timingLines)
    {
        var path = Samples.Require("dji", "srt", file);
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        int expectedCues = timingLines >= 0
            ? Regex.Count(text, "-->")
            : Regex.Count(text, @"^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}", RegexOptions.Multiline);
        if (timingLines >= 0)
        {
            Assert.Equal(timingLines, expectedCues); // the MANIFEST-era grep count still holds
        }

        var probe = new SrtDecoder().Probe(bytes.AsSpan(0, Math.Min(bytes.Length, FormatRegistry.ProbeBytes)), bytes.Length);
        Assert.True(probe.Confidence >= 80, $"probe confidence {probe.Confidence}");
        Assert.Equal(dialect, probe.FormatVersion);

        var sink = SrtTestSupport.Decode(bytes);
        Assert.Equal(dialect, sink.FormatVersion);
        Assert.Equal(expectedCues, sink.Samples.Count);
        Assert.Equal(expectedCues, sink.RecordCounts["cue"]);
        Assert.All(sink.Samples, s => Assert.Null(s.TimeUtc)); // no zone stated in any of them
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note
            && d.Message.Contains(dialect == "one-line" ? "no camera clock" : "no time zone", StringComparison.Ordinal));
        Assert.True(sink.Samples.Select(s => s.SourceOffset).SequenceEqual(sink.Samples.Select(s => s.SourceOffset).Order()));
    }

    /// <summary>Bracketed layouts: every cue's latitude/longitude/heights equal the text's, read by a regex oracle.</summary>
    [SampleTheory]
    [InlineData("CallMarcus_Mini5PRO_clip.SRT")]
    [InlineData("CallMarcus_air3S_clip.SRT")]
    [InlineData("CallMarcus_neo2_clip.SRT")]
    [InlineData("JuanIrache_air2s.srt")]
    [InlineData("JuanIrache_m2zoom.SRT")]
    [InlineData("JuanIrache_mavic_2_style.SRT")]
    public void Bracketed_positions_and_heights_match_the_text_of_every_cue(string file)
    {
        var text = File.ReadAllText(Samples.Require("dji", "srt", file));
        var lat = Regex.Matches(text, @"\[latitude\s*:\s*([-+\d.]+)\]").Select(m => double.Parse(m.Groups[1].Value, Inv)).ToList();
        var lon = Regex.Matches(text, @"\[long?t?itude\s*:\s*([-+\d.]+)\]").Select(m => double.Parse(m.Groups[1].Value, Inv)).ToList();
        var rel = Regex.Matches(text, @"rel_alt:\s*([-+\d.]+)").Select(m => double.Parse(m.Groups[1].Value, Inv)).ToList();
        var abs = Regex.Matches(text, @"(?:abs_alt|\[altitude):\s*([-+\d.]+)").Select(m => double.Parse(m.Groups[1].Value, Inv)).ToList();

        var samples = SrtTestSupport.DecodeSample(file).Samples;
        Assert.Equal(lat.Count, samples.Count);
        int matched = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            Assert.Equal(lat[i], samples[i].LatitudeDegrees);
            Assert.Equal(lon[i], samples[i].LongitudeDegrees);
            if (rel.Count > 0)
            {
                Assert.Equal(rel[i], samples[i].HeightAboveTakeoffMeters); // rel_alt: above take-off
            }
            else
            {
                Assert.Null(samples[i].HeightAboveTakeoffMeters);
            }

            if (abs.Count > 0)
            {
                Assert.Equal(abs[i], samples[i].AltitudeMslMeters); // abs_alt / altitude: the absolute one
            }

            matched++;
        }

        Assert.Equal(lat.Count, matched);
    }

    [SampleFact]
    public void Mini5Pro_first_cue_has_its_stated_values_and_camera_settings()
    {
        var sink = SrtTestSupport.DecodeSample("CallMarcus_Mini5PRO_clip.SRT");
        var s = sink.Samples[0];
        Assert.Equal(53.365108, s.LatitudeDegrees);
        Assert.Equal(6.460719, s.LongitudeDegrees);
        Assert.Equal(6.0, s.HeightAboveTakeoffMeters);
        Assert.Equal(-122.769, s.AltitudeMslMeters); // negative abs_alt kept as stated
        Assert.Equal(0.0, s.ElapsedSeconds);
        Assert.Equal(0.04, sink.Samples[1].ElapsedSeconds!.Value, 9);
        Assert.Equal(0, s.SourceOffset);
        Assert.True(s.IsRecordingVideo);

        var camera = Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Other);
        Assert.Contains("iso=200", camera.Text, StringComparison.Ordinal);
        Assert.Contains("shutter=1/6400s", camera.Text, StringComparison.Ordinal);
        Assert.Contains("fnum=1.8", camera.Text, StringComparison.Ordinal);
        Assert.Contains("ev=-0.7", camera.Text, StringComparison.Ordinal);
        Assert.Contains("focal_len_mm=24", camera.Text, StringComparison.Ordinal);

        var start = Assert.Single(sink.Events, e => e.Kind == FlightEventKind.VideoStart);
        Assert.Contains("2026-05-27T13:14:22.911", start.Text, StringComparison.Ordinal);
        Assert.Single(sink.Events, e => e.Kind == FlightEventKind.VideoStop);
    }

    [SampleFact]
    public void Air2s_legacy_scaled_fnum_and_focal_length_are_normalised_and_microseconds_kept()
    {
        var sink = SrtTestSupport.DecodeSample("JuanIrache_air2s.srt", new SrtOptions { CameraClockUtcOffset = TimeSpan.FromHours(2) });
        var camera = sink.Events.First(e => e.Kind == FlightEventKind.Other);
        Assert.Contains("fnum=2.8", camera.Text, StringComparison.Ordinal); // "fnum : 280"
        Assert.Contains("focal_len_mm=24", camera.Text, StringComparison.Ordinal); // "focal_len : 240"
        Assert.Contains("shutter=1/80s", camera.Text, StringComparison.Ordinal);

        // "2022-08-07 13:40:40,774,808" = 13:40:40.774808 local; with the examiner's +02:00 that is 11:40:40.774808Z.
        Assert.Equal(new DateTimeOffset(2022, 8, 7, 11, 40, 40, TimeSpan.Zero).AddTicks(7748080), sink.Samples[0].TimeUtc);
        Assert.Equal(117.0, sink.Samples[0].AltitudeMslMeters);
        Assert.Null(sink.Samples[0].HeightAboveTakeoffMeters); // Air 2S states no take-off-relative height
    }

    [SampleFact]
    public void MavicAir_without_gps_gives_timed_samples_without_position()
    {
        var sink = SrtTestSupport.DecodeSample("JuanIrache_mavic_air.SRT");
        Assert.Equal(2, sink.Samples.Count);
        Assert.All(sink.Samples, s => Assert.False(s.HasPosition));
        Assert.Equal(0.039, sink.Samples[1].ElapsedSeconds!.Value, 9);
    }

    [SampleFact]
    public void MavicPro_three_line_is_longitude_first_with_satellites_barometer_and_home()
    {
        var sink = SrtTestSupport.DecodeSample("JuanIrache_mavic_pro.SRT");
        var s = sink.Samples[0];
        Assert.Equal(-20.2533, s.LatitudeDegrees); // GPS(149.0251,-20.2533,16)
        Assert.Equal(149.0251, s.LongitudeDegrees);
        Assert.Equal(16, s.Satellites);
        Assert.Equal(1.9, s.HeightAboveTakeoffMeters); // BAROMETER:1.9
        Assert.Null(s.AltitudeMslMeters);
        Assert.Equal(1.0, s.ElapsedSeconds); // first cue starts at 00:00:01,000
        Assert.NotNull(sink.Home);
        Assert.Equal(-20.2532, sink.Home!.LatitudeDegrees);
        Assert.Equal(149.0251, sink.Home.LongitudeDegrees);
        var camera = sink.Events.First(e => e.Kind == FlightEventKind.Other);
        Assert.Contains("iso=100 shutter=1/60s fnum=2.2", camera.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ev=", camera.Text, StringComparison.Ordinal); // "EV: " is empty in this file
    }

    [SampleFact]
    public void Old_format_reads_Hb_as_height_and_TV_IR_as_camera()
    {
        var sink = SrtTestSupport.DecodeSample("JuanIrache_old_format.SRT");
        var text = File.ReadAllText(Samples.Require("dji", "srt", "JuanIrache_old_format.SRT"));
        var hb = Regex.Matches(text, @"Hb:([-\d.]+)").Select(m => double.Parse(m.Groups[1].Value, Inv)).ToList();
        Assert.Equal(hb, sink.Samples.Select(s => s.HeightAboveTakeoffMeters!.Value).ToList());
        var camera = sink.Events.First(e => e.Kind == FlightEventKind.Other);
        Assert.Contains("iso=100 shutter=1/60s fnum=2.8 ev=0", camera.Text, StringComparison.Ordinal);
    }

    [SampleFact]
    public void Matrice300_is_latitude_first_and_barometer_is_height_above_takeoff()
    {
        var text = File.ReadAllText(Samples.Require("dji", "srt", "JuanIrache_matrice_300.srt"));
        var oracle = Regex.Matches(text, @"GPS\(([-\d.]+),([-\d.]+),([-\d.]+)M\) BAROMETER:([-\d.]+)M")
            .Select(m => (Lat: double.Parse(m.Groups[1].Value, Inv), Lon: double.Parse(m.Groups[2].Value, Inv), Baro: double.Parse(m.Groups[4].Value, Inv)))
            .ToList();
        var samples = SrtTestSupport.DecodeSample("JuanIrache_matrice_300.srt").Samples;
        Assert.Equal(oracle.Count, samples.Count);
        for (int i = 0; i < oracle.Count; i++)
        {
            Assert.Equal(oracle[i].Lat, samples[i].LatitudeDegrees);
            Assert.Equal(oracle[i].Lon, samples[i].LongitudeDegrees);
            Assert.Equal(oracle[i].Baro, samples[i].HeightAboveTakeoffMeters);
            Assert.Null(samples[i].AltitudeMslMeters); // GPS altitude is 0.0M throughout: not reported, not used
        }

        // CRLF file: offsets still point at cue starts ("1\r\n" is the first cue).
        Assert.Equal(0, samples[0].SourceOffset);
        Assert.Equal((byte)'2', File.ReadAllBytes(Samples.Require("dji", "srt", "JuanIrache_matrice_300.srt"))[samples[1].SourceOffset]);
    }

    [SampleTheory]
    [InlineData("JuanIrache_p4p_sample.SRT")]
    [InlineData("JuanIrache_mavic_mini.SRT")]
    public void One_line_layout_is_longitude_first_with_height_and_speeds(string file)
    {
        var text = File.ReadAllText(Samples.Require("dji", "srt", file));
        var oracle = Regex.Matches(text, @"GPS \(([-\d.]+), ([-\d.]+), (\d+)\), D [-\d.]+m, H ([-\d.]+)m, H\.S ([-\d.]+|n/a)")
            .Select(m => (Lon: double.Parse(m.Groups[1].Value, Inv), Lat: double.Parse(m.Groups[2].Value, Inv), Sats: int.Parse(m.Groups[3].Value, Inv),
                H: double.Parse(m.Groups[4].Value, Inv), Hs: m.Groups[5].Value == "n/a" ? (double?)null : double.Parse(m.Groups[5].Value, Inv)))
            .ToList();
        var samples = SrtTestSupport.DecodeSample(file).Samples;
        Assert.Equal(oracle.Count, samples.Count);
        for (int i = 0; i < oracle.Count; i++)
        {
            Assert.Equal(oracle[i].Lat, samples[i].LatitudeDegrees);
            Assert.Equal(oracle[i].Lon, samples[i].LongitudeDegrees);
            Assert.Equal(oracle[i].Sats, samples[i].Satellites);
            Assert.Equal(oracle[i].H, samples[i].HeightAboveTakeoffMeters);
            Assert.Equal(oracle[i].Hs, samples[i].GroundSpeedMetersPerSecond);
        }
    }

    [SampleFact]
    public void Broken_incomplete_keeps_the_partial_last_cue_and_reports_truncation()
    {
        var sink = SrtTestSupport.DecodeSample("JuanIrache_broken_incomplete.SRT");
        Assert.Equal(20, sink.Samples.Count);
        Assert.True(sink.Samples[18].HasPosition);
        Assert.False(sink.Samples[19].HasPosition); // the last cue has its HOME line only
        var truncated = Assert.Single(sink.Of(DiagnosticKind.Truncated));
        Assert.Equal(sink.Samples[19].SourceOffset, truncated.Offset);
        Assert.Equal(-34.7383, sink.Samples[0].LatitudeDegrees);
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.Other && e.Text.Contains("ev=-0.333", StringComparison.Ordinal));
    }

    [SampleFact]
    public void Broken_empty_gives_no_samples_and_one_diagnostic()
    {
        var sink = SrtTestSupport.DecodeSample("JuanIrache_broken_empty.SRT");
        Assert.Empty(sink.Samples);
        Assert.Single(sink.Of(DiagnosticKind.Truncated));
        Assert.Equal(0, new SrtDecoder().Probe([], 0).Confidence);
    }
}
