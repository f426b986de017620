using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Srt;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

public sealed class SrtBadInputTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_give_no_samples_a_diagnostic_and_no_exception(int seed)
    {
        var bytes = new byte[20_000];
        new Random(seed).NextBytes(bytes);
        Assert.True(new SrtDecoder().Probe(bytes, bytes.Length).Confidence < 80);
        var sink = SrtTestSupport.Decode(bytes);
        Assert.Empty(sink.Samples);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt);
    }

    [Fact]
    public void Synthetic_huge_and_impossible_numbers_are_left_empty()
    {
        var sink = SrtTestSupport.Decode(
            "1\n00:00:00,000 --> 00:00:00,033\n2024-02-30 25:61:00.000\n[latitude: 1e308] [longitude: 999] [rel_alt: 1e400 abs_alt: 12.5] [iso: 99999999999999999999]\n\n" +
            "2\n00:00:00,033 --> 00:00:00,066\n2024-02-01 10:00:00.033\n[latitude: 91.5] [longitude: 10.0]\n\n");
        Assert.Equal(2, sink.Samples.Count);
        Assert.All(sink.Samples, s => Assert.False(s.HasPosition));
        Assert.Null(sink.Samples[0].HeightAboveTakeoffMeters); // 1e400 is not a finite number
        Assert.Equal(12.5, sink.Samples[0].AltitudeMslMeters);
        Assert.Equal(2, sink.Diagnostics.Count(d => d.Kind == DiagnosticKind.InvalidValue && d.Message.Contains("position", StringComparison.Ordinal)));
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.InvalidValue && d.Message.Contains("date-time", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_endless_line_is_cut_with_a_diagnostic()
    {
        var text = "1\n00:00:00,000 --> 00:00:01,000\n" + new string('x', 300_000) + "\nGPS(8.2,47.4,12) BAROMETER:3.5\n\n";
        var sink = SrtTestSupport.Decode(text);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Message.Contains("longer", StringComparison.Ordinal));
        var s = Assert.Single(sink.Samples);
        Assert.Equal(47.4, s.LatitudeDegrees);
    }

    [Fact]
    public void Synthetic_bom_cr_only_line_ends_and_missing_blank_lines_still_split_cues()
    {
        var text = "\uFEFF1\r00:00:00,000 --> 00:00:01,000\rF/2.8, SS 100, ISO 100, EV 0, GPS (8.2090, 47.4692, 18), D 1.00m, H 2.00m, H.S 0.00m/s, V.S 0.50m/s\r" +
                   "2\r00:00:01,000 --> 00:00:02,000\rF/2.8, SS 100, ISO 100, EV 0, GPS (8.2091, 47.4693, 18), D 1.00m, H 2.50m, H.S 1.00m/s, V.S 0.50m/s\r";
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal("one-line", new SrtDecoder().Probe(bytes, bytes.Length).FormatVersion);
        var sink = SrtTestSupport.Decode(bytes);
        Assert.Equal(2, sink.Samples.Count);
        Assert.Equal(3, sink.Samples[0].SourceOffset); // after the 3-byte BOM
        Assert.Equal(2.5, sink.Samples[1].HeightAboveTakeoffMeters);
        Assert.Equal(0.5, sink.Samples[1].VerticalSpeedMetersPerSecond);
        Assert.Equal(1.0, sink.Samples[1].ElapsedSeconds);
    }

    [Fact]
    public void Synthetic_p4_rtk_line_gives_aircraft_and_gimbal_attitude_and_home()
    {
        var sink = SrtTestSupport.Decode(
            "1\n00:00:00,000 --> 00:00:01,000\nF/5.6, SS 500, ISO 100, EV 0, GPS (114.0073, 22.5962, 21), D 10.00m, H 60.00m, H.S 5.00m/s, V.S -1.20m/s, " +
            "HOME (114.0070, 22.5960, 12.50m), F.PRY (-2.1°, 0.5°, 123.4°), G.PRY (-90.0°, 0.0°, 123.0°)\n\n");
        var s = Assert.Single(sink.Samples);
        Assert.Equal(-2.1, s.PitchDegrees);
        Assert.Equal(0.5, s.RollDegrees);
        Assert.Equal(123.4, s.YawDegrees);
        Assert.Equal(-90.0, s.GimbalPitchDegrees);
        Assert.Equal(123.0, s.GimbalYawDegrees);
        Assert.Equal(-1.2, s.VerticalSpeedMetersPerSecond);
        Assert.Equal(22.5960, sink.Home!.LatitudeDegrees);
        Assert.Equal(12.5, sink.Home.AltitudeMslMeters);
        Assert.Equal(22.5962, s.LatitudeDegrees);
    }

    [Fact]
    public void Synthetic_avata_style_gimbal_brackets_and_mavic3_zoom_are_read()
    {
        var sink = SrtTestSupport.Decode(
            "1\n00:00:00,000 --> 00:00:00,033\n<font size=\"28\">FrameCnt: 1, DiffTime: 33ms\n2025-01-02 03:04:05.678\n" +
            "[iso: 100] [shutter: 1/1000.0] [fnum: 2.8] [ev: 0] [dzoom_ratio: 20000, delta:0] [latitude: 1.5] [longitude: 2.5] [rel_alt: 3.000 abs_alt: 4.000] [gb_yaw: -45.5 gb_pitch: -30.0 gb_roll: 0.2] </font>\n\n");
        var s = Assert.Single(sink.Samples);
        Assert.Equal(-45.5, s.GimbalYawDegrees);
        Assert.Equal(-30.0, s.GimbalPitchDegrees);
        Assert.Equal(0.2, s.GimbalRollDegrees);
        Assert.Contains("dzoom=2", sink.Events.Single(e => e.Kind == FlightEventKind.Other).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_truncated_file_in_strict_mode_is_refused()
    {
        var text = "1\n00:00:00,000 --> 00:00:01,000\nHOME(1.0,2.0) 2017.07.03 10:15:03\nGPS(1.0,2.0,19) BAROMETER:20.1\nISO:100 Shutter:400 EV:0 Fnum:F2.8\n\n" +
                   "2\n00:00:01,000 --> 00:00:02,000\nHOME(1.0,2.0) 2017.07.03 10:15:04\n";
        var sink = new FlightLogBuilder(new DecodeOptions { Strict = true });
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));
        Assert.Throws<FlightLogDamagedException>(() => new SrtDecoder().Decode(stream, sink, new DecodeOptions { Strict = true }));
    }

    [SampleTheory]
    [InlineData("JuanIrache_m2zoom.SRT")]
    [InlineData("JuanIrache_mavic_pro.SRT")]
    [InlineData("JuanIrache_matrice_300.srt")]
    [InlineData("CallMarcus_neo2_clip.SRT")]
    public void Mutated_and_cut_real_files_with_fixed_seeds_decode_partially(string file)
    {
        var original = File.ReadAllBytes(Samples.Require("dji", "srt", file));
        int cues = SrtTestSupport.Decode(original).Samples.Count;
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed);
            var bytes = original.AsSpan(0, random.Next(original.Length / 2, original.Length)).ToArray();
            for (int i = 0; i < 50; i++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var sink = SrtTestSupport.Decode(bytes);
            Assert.InRange(sink.Samples.Count, 1, cues + 50);
            Assert.All(sink.Samples.Where(s => s.HasPosition), s => Assert.InRange(s.LatitudeDegrees!.Value, -90, 90));
        }
    }
}

public sealed class SrtNoGpsTests
{
    [Fact]
    public void Synthetic_neo2_style_zero_coordinates_mean_no_position_not_the_gulf_of_guinea()
    {
        var sink = SrtTestSupport.Decode(
            "1\n00:00:00,000 --> 00:00:00,033\n<font size=\"28\">FrameCnt: 1, DiffTime: 33ms\n2026-05-15 08:24:18.623\n" +
            "[iso: 400] [shutter: 1/640.0] [fnum: 2.2] [ev: 0] [latitude: 0.000000] [longitude: 0.000000] [rel_alt: 0.000 abs_alt: 0.000] </font>\n\n");
        var s = Assert.Single(sink.Samples);
        Assert.Null(s.LatitudeDegrees);
        Assert.Null(s.LongitudeDegrees);
        Assert.Equal(1, sink.FormatCounters["dji-srt"]["cuesWithZeroPosition"]);
        Assert.Equal(0.0, s.HeightAboveTakeoffMeters); // stated, so kept
    }
}

public sealed class SrtClockOffsetTests
{
    [Fact]
    public void Synthetic_decode_options_offset_puts_the_camera_clock_in_utc()
    {
        var bytes = Encoding.ASCII.GetBytes("1\n00:00:00,000 --> 00:00:01,000\n2022.06.21 16:06:17\nGPS(36.6146,-6.1120,0.0M) BAROMETER:0.3M\n\n");
        var sink = new FlightLogBuilder();
        using var stream = new MemoryStream(bytes);
        new SrtDecoder().Decode(stream, sink, new DecodeOptions { CameraClockUtcOffset = TimeSpan.FromHours(2) });
        Assert.Equal(new DateTimeOffset(2022, 6, 21, 14, 6, 17, TimeSpan.Zero), sink.Samples[0].TimeUtc);
        Assert.Equal(new DateTimeOffset(2022, 6, 21, 14, 6, 17, TimeSpan.Zero), sink.StartUtc ?? sink.Summary.FirstUtc);
    }
}
