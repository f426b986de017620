using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;
using FlightForensics.TestSupport;

namespace FlightForensics.Reporting.Tests;

/// <summary>
/// The CSV writers run on CsvHelper; their bytes must stay what the hand-written writers produced: header in contract
/// order, RFC 4180 quotes only around a comma, quote or line break, LF line ends, UTF-8 without BOM, formula-looking
/// text behind an apostrophe. The expected text is assembled here, cell by cell, with its own quoting.
/// </summary>
public sealed class CsvOutputTests
{
    private static FlightLog Read(string file)
    {
        var registry = new FormatRegistry();
        foreach (var d in Mavlink.MavlinkDecoders.All.Concat(OnboardLogs.OnboardLogDecoders.All))
        {
            registry.Add(d);
        }

        return new FlightLogReader(registry).Read(Samples.Require("mavlink", file));
    }

    private static byte[] Export(FlightLog log, ExportOptions options)
    {
        using var output = new MemoryStream();
        using (var exporter = TelemetryExporters.Create("csv", output, options))
        {
            exporter.Begin(log.Evidence, new ExportProvenance(log.FormatId, log.DecoderName, log.DecoderVersion));
            foreach (var s in log.Samples)
            {
                exporter.WriteSample(s);
            }

            exporter.End(new FlightLogBuilder());
        }

        return output.ToArray();
    }

    /// <summary>RFC 4180, section 2, rules 6 and 7, written out independently of the code under test.</summary>
    private static string Quote(string cell) =>
        cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) || cell.Contains('\n', StringComparison.Ordinal) || cell.Contains('\r', StringComparison.Ordinal)
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;

    private static string ExpectedContractCsv(FlightLog log)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', SampleColumns.All.Select(c => c.CsvName))).Append('\n');
        foreach (var s in log.Samples)
        {
            var cells = new string[SampleColumns.All.Count];
            for (int i = 0; i < cells.Length; i++)
            {
                var cell = SampleColumns.Format(i, s) ?? "";
                if (SampleColumns.All[i].Type == SampleColumns.Kind.Text && cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal))
                {
                    cell = "'" + cell;
                }

                cells[i] = Quote(cell);
            }

            text.Append(string.Join(',', cells)).Append('\n');
        }

        return text.ToString();
    }

    [SampleTheory]
    [InlineData("cuav_sitl_2018_flight.tlog")]
    [InlineData("brunoolivieri_00061-2021-11-21_18-03-38.bin")]
    [InlineData("pyulog_sample_logging_tagged_and_default_params.ulg")]
    public void Contract_csv_of_a_real_log_equals_the_rows_assembled_in_the_test(string file)
    {
        var log = Read(file);
        Assert.NotEmpty(log.Samples);

        var csv = Export(log, ExportOptions.Default);

        Assert.False(csv.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal(ExpectedContractCsv(log), Encoding.UTF8.GetString(csv));
    }

    [SampleFact]
    public void Provenance_comment_is_one_line_before_the_same_csv()
    {
        var log = Read("cuav_sitl_2018_flight.tlog");

        var csv = Encoding.UTF8.GetString(Export(log, ExportOptions.Default with { CsvProvenanceComment = true }));

        var comment = $"# file=cuav_sitl_2018_flight.tlog sha256={log.Evidence.Sha256} format={log.FormatId} tool={Core.ToolInfo.Name} {Core.ToolInfo.Version}\n";
        Assert.Equal(comment + ExpectedContractCsv(log), csv);
    }

    public static TheoryData<string, string> HostileModes => new()
    {
        { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
        { "-3", "'-3" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "AUTO, RTL", "\"AUTO, RTL\"" },
        { "line\nbreak", "\"line\nbreak\"" },
        { "P-GPS", "P-GPS" },
    };

    [Theory]
    [MemberData(nameof(HostileModes))]
    public void Synthetic_flight_mode_text_is_defused_and_quoted_in_both_csv_flavours(string mode, string expectedCell)
    {
        var log = SyntheticFlights.Build(
        [
            new TelemetrySample { TimeUtc = SyntheticFlights.Start, ElapsedSeconds = 0, LatitudeDegrees = 52, LongitudeDegrees = 13, FlightMode = mode, SourceOffset = 7 },
        ]);

        var contract = Encoding.UTF8.GetString(Export(log, ExportOptions.Default));
        var standard = Encoding.UTF8.GetString(Export(log, ExportOptions.Default with { CsvColumns = CsvColumnSet.Standard }));

        // time_utc, elapsed_s, lat, lon, 15 empty measures, flight_mode, two empty booleans, source_offset.
        Assert.EndsWith($"\n2024-05-01T10:00:00.000Z,0,52,13,,,,,,,,,,,,,,,,{expectedCell},,,7\n", contract, StringComparison.Ordinal);
        // latitude … isVideo, 14 empty cells, flycState, an empty message.
        Assert.EndsWith($"\n52,13,,,,0,0,2024-05-01 10:00:00,,,,,,0,,0,0,,,,,,,,,,,,,,,{expectedCell},\n", standard, StringComparison.Ordinal);
    }
}
