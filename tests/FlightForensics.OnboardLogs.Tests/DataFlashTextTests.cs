using System.Globalization;
using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.OnboardLogs.DataFlash;
using FlightForensics.TestSupport;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>
/// Text DataFlash logs (<c>.log</c>, mavlink-formats.md §6.3). No real text log is among the shared samples, so these
/// are a hand-written synthetic log with values checked by hand, and the real binary samples converted line by line
/// into the text form (as mavlogdump or Mission Planner print them), which must decode to the same telemetry.
/// </summary>
public sealed class DataFlashTextTests
{
    private const string HandWritten =
        "ArduCopter V4.3.0 (abcdef12)\r\n" +
        "Frame: QUAD\r\n" +
        "FMT, 128, 89, FMT, BBnNZ, Type,Length,Name,Format,Columns\r\n" +
        "FMT, 130, 51, GPS, QBBIHBcLLeffffB, TimeUS,I,Status,GMS,GWk,NSats,HDop,Lat,Lng,Alt,Spd,GCrs,VZ,Yaw,U\r\n" +
        "FMT, 131, 31, POS, QLLfff, TimeUS,Lat,Lng,Alt,RelHomeAlt,RelOriginAlt\r\n" +
        "FMT, 132, 28, ATT, QccccCCCCB, TimeUS,DesRoll,Roll,DesPitch,Pitch,DesYaw,Yaw,ErrRP,ErrYaw,AEKF\r\n" +
        "FMT, 133, 75, MSG, QZ, TimeUS,Message\r\n" +
        "FMT, 134, 14, MODE, QMBB, TimeUS,Mode,ModeNum,Rsn\r\n" +
        "MSG, 1000000, ArduCopter V4.3.0 (abcdef12), built for a test, with commas\r\n" +
        "GPS, 2000000, 0, 3, 100000000, 2300, 14, 0.8, -35.362, 149.165, 584.2, 5, 90, -1.5, 0, 1\r\n" +
        "ATT, 2100000, 0, 5.12, 0, -2.5, 0, 90, 0, 0, 0\r\n" +
        "MODE, 2150000, LOITER, 5, 1\r\n" +
        "POS, 2200000, -35.3620303, 149.1650303, 584.2, 20.1, 20\r\n" +
        "XYZ, 1, 2, 3\r\n" +
        "POS, 2300000, -35.36203, 149.16503\r\n" +
        "POS, 2400000, not-a-latitude, 149.16503, 584.2, 20.1, 20\r\n" +
        "POS, 2500000, -35.3620404, 149.1650404, 585.2, 21.1, 21";

    private static FlightLogBuilder Decode(byte[] bytes)
    {
        var sink = new FlightLogBuilder(DecodeOptions.Default);
        new DataFlashDecoder().Decode(new MemoryStream(bytes, writable: false), sink, DecodeOptions.Default);
        return sink;
    }

    [Fact]
    public void Synthetic_text_log_is_detected_as_dataflash_text_and_not_as_binary()
    {
        var bytes = Encoding.ASCII.GetBytes(HandWritten);
        var match = new DataFlashDecoder().Probe(bytes, bytes.Length);
        Assert.True(match.Confidence >= 90);
        Assert.Equal("text", match.FormatVersion);
        Assert.Equal(0, new DataFlashDecoder().Probe("GPS, 1, 2\nhello world\n"u8, 20).Confidence);
    }

    [Fact]
    public void Synthetic_text_log_gives_hand_checked_samples_events_and_times()
    {
        var bytes = Encoding.ASCII.GetBytes(HandWritten);
        var sink = Decode(bytes);

        Assert.Equal(2, sink.Samples.Count);
        var s = sink.Samples[0];
        Assert.Equal(-35.3620303, s.LatitudeDegrees!.Value, 12);
        Assert.Equal(149.1650303, s.LongitudeDegrees!.Value, 12);
        Assert.Equal(584.2, s.AltitudeMslMeters!.Value, 4);
        Assert.Equal(20.1, s.HeightAboveTakeoffMeters!.Value, 4);
        Assert.Equal(5.12, s.RollDegrees!.Value, 9);
        Assert.Equal(-2.5, s.PitchDegrees!.Value, 9);
        Assert.Equal(90.0, s.YawDegrees!.Value, 9);
        Assert.Equal(14, s.Satellites);
        Assert.Equal("LOITER", s.FlightMode);
        // GPS week 2300 + 100,000.000 s of week − 18 leap seconds at boot time 2.0 s; POS is 0.2 s later.
        var gpsUtc = new DateTimeOffset(1980, 1, 6, 0, 0, 0, TimeSpan.Zero).AddDays(2300 * 7).AddSeconds(100_000 - 18);
        Assert.Equal(gpsUtc.AddSeconds(0.2), s.TimeUtc);
        Assert.Equal(gpsUtc.AddSeconds(0.5), sink.Samples[1].TimeUtc);
        Assert.Equal(21.1, sink.Samples[1].HeightAboveTakeoffMeters!.Value, 4);

        // Every number traces back to its line.
        string text = HandWritten;
        Assert.Equal(text.IndexOf("POS, 2200000", StringComparison.Ordinal), s.SourceOffset);
        Assert.Equal(text.IndexOf("POS, 2500000", StringComparison.Ordinal), sink.Samples[1].SourceOffset);

        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.ModeChange && e.Text == "LOITER");
        Assert.Contains(sink.Events, e => e.Text.Contains("built for a test, with commas", StringComparison.Ordinal));
        Assert.Equal("Copter", sink.Vehicle.VehicleType);
        Assert.Equal(2, sink.RecordCounts["POS"]); // 4 POS lines, 2 of them unusable
    }

    [Fact]
    public void Synthetic_damaged_lines_are_reported_with_their_offsets_and_skipped()
    {
        var sink = Decode(Encoding.ASCII.GetBytes(HandWritten));
        string text = HandWritten;

        Assert.DoesNotContain(sink.Diagnostics, d => d.Message.StartsWith("FMT", StringComparison.Ordinal)); // the FMT lines are consistent
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.UnknownRecord && d.Offset == text.IndexOf("XYZ", StringComparison.Ordinal));
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Offset == text.IndexOf("POS, 2300000", StringComparison.Ordinal));
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.InvalidValue && d.Offset == text.IndexOf("POS, 2400000", StringComparison.Ordinal)
            && d.Message.Contains("not-a-latitude", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_text_log_with_an_endless_line_and_binary_garbage_stays_bounded()
    {
        var garbage = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(garbage);
        garbage.AsSpan().Replace((byte)'\n', (byte)'x');
        var head = Encoding.ASCII.GetBytes(HandWritten[..HandWritten.IndexOf("MSG, 1000000", StringComparison.Ordinal)]);
        var tail = Encoding.ASCII.GetBytes("\nPOS, 2200000, -35.3620303, 149.1650303, 584.2, 20.1, 20\n");
        var sink = Decode([.. head, .. garbage, .. tail]);

        var sample = Assert.Single(sink.Samples);
        Assert.Equal(head.Length + garbage.Length + 1, sample.SourceOffset);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Offset == head.Length && d.Length == garbage.Length + 1);
    }

    [SampleTheory]
    [InlineData("brunoolivieri_00061-2021-11-21_18-03-38.bin")]
    [InlineData("ardusub_small.BIN")]
    [InlineData("pymavlink_test.BIN")]
    public void Real_binary_log_printed_as_text_decodes_to_the_same_telemetry(string file)
    {
        var binary = File.ReadAllBytes(Samples.Require("mavlink", file));
        var text = ToText(binary);
        var fromBinary = Decode(binary);
        var fromText = Decode(text);

        Assert.True(fromBinary.RecordCounts.Values.Sum() > 1000);
        Assert.Equal(fromBinary.Samples.Count, fromText.Samples.Count);
        for (int i = 0; i < fromBinary.Samples.Count; i++)
        {
            Assert.Equal(fromBinary.Samples[i] with { SourceOffset = 0 }, fromText.Samples[i] with { SourceOffset = 0 });
        }

        Assert.Equal(fromBinary.Events.Select(e => (e.Kind, e.Text, e.TimeUtc)), fromText.Events.Select(e => (e.Kind, e.Text, e.TimeUtc)));
        Assert.Equal(fromBinary.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal), fromText.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(fromBinary.Vehicle, fromText.Vehicle);
    }

    /// <summary>Prints every record of a binary log as a text-log line, the way mavlogdump does (test-side converter).</summary>
    private static byte[] ToText(byte[] binary)
    {
        var sb = new StringBuilder();
        using var reader = new DataFlashReader(new MemoryStream(binary, writable: false));
        while (reader.TryReadNext(out var r))
        {
            sb.Append(r.Name);
            for (int c = 0; c < r.Format.Columns.Count; c++)
            {
                var column = r.Format.Columns[c];
                sb.Append(", ");
                if (column.IsText)
                {
                    sb.Append(r.GetString(c)!.Replace('\n', ' ').Replace('\r', ' '));
                }
                else if (column.IsArray)
                {
                    sb.Append('[').AppendJoin(", ", r.GetArray(c)).Append(']');
                }
                else if (column.FormatChar is 'f')
                {
                    r.TryGetDouble(c, out double v);
                    sb.Append(((float)v).ToString("R", CultureInfo.InvariantCulture));
                }
                else if (column.FormatChar is 'd' or 'g' || column.FormatScale != 1.0)
                {
                    r.TryGetDouble(c, out double v);
                    sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(Convert.ToString(r.GetValue(c), CultureInfo.InvariantCulture));
                }
            }

            sb.Append('\n');
        }

        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
