using System.Globalization;
using FlightForensics.TestSupport;
using Xunit.Abstractions;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// decode --format csv --columns standard against the DJI log viewers' own exports of the same flights
/// (shared/samples/dji/reference/third_party/DROP_*_Standard.csv): same header, values within stated tolerances.
/// </summary>
public sealed class StandardCsvTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-stdcsv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> DropFiles => new()
    {
        { "DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt", "DROP_2016-09-26_14-12-46_Standard.csv" },
        { "DROP_DJIFlightRecord_2016-09-26_[14-27-11].txt", "DROP_2016-09-26_14-27-12_Standard.csv" },
    };

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<string[]> Rows(string path) =>
        [.. File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    [SampleTheory]
    [MemberData(nameof(DropFiles))]
    public void Standard_columns_equal_the_viewers_export_header_and_values(string file, string reference)
    {
        var referencePath = Samples.Require("dji", "reference", "third_party", reference);
        var csv = Path.Combine(_dir, "standard.csv");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["decode", Samples.Require("dji", "txt", file), "--format", "csv", "--columns", "standard", "-o", csv], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());

        Assert.Equal(File.ReadLines(referencePath).First(), File.ReadLines(csv).First());
        var ours = Rows(csv);
        var theirs = Rows(referencePath);
        Assert.Equal(theirs.Count, ours.Count);
        string[] header = File.ReadLines(csv).First().Split(',');
        int C(string name) => Array.IndexOf(header, name);

        // Tolerances: the viewer rounds speeds to 0.01 m/s, times to whole seconds and takes elapsed time from the
        // OSD fly-time counter (0.1 s) where we take the CUSTOM clock; distances use a slightly different Earth model.
        var checks = new (string Column, double Tolerance)[]
        {
            ("latitude", 1e-7), ("longitude", 1e-7), ("ascent(feet)", 0.1 / 0.3048 + 1e-9), ("speed(mph)", 0.0115),
            ("distance(feet)", 0.1), ("max_ascent(feet)", 0.1 / 0.3048 + 1e-9), ("max_speed(mph)", 0.0115), ("max_distance(feet)", 0.1),
            ("time(millisecond)", 250), ("compass_heading(degrees)", 0.05), ("gimbal_heading(degrees)", 0.05), ("gimbal_pitch(degrees)", 0.05),
            ("satellites", 0), ("rc_elevator", 0), ("rc_aileron", 0), ("rc_throttle", 0), ("rc_rudder", 0), ("isPhoto", 0), ("isVideo", 0),
            ("battery_percent", 0),
        };
        foreach (var (column, tolerance) in checks)
        {
            int i = C(column);
            int compared = 0, within = 0;
            double worst = 0;
            for (int r = 0; r < ours.Count; r++)
            {
                if (ours[r][i].Length == 0)
                {
                    continue; // the model does not say (battery before the first battery record)
                }

                compared++;
                double diff = Math.Abs(D(ours[r][i]) - D(theirs[r][i]));
                worst = Math.Max(worst, diff);
                within += diff <= tolerance ? 1 : 0;
            }

            output.WriteLine($"{column}: {within} of {compared} rows within {tolerance} (worst {worst})");
            Assert.True(compared >= ours.Count - 20, $"{column}: only {compared} of {ours.Count} rows have a value");
            // At 4 rows per file the export's speed is a neighbouring row's (its rows are not strictly one per OSD
            // record there; its time column repeats or skips 100 ms around some of them): allow 0.2 % for speed.
            int allowedOutliers = column.Contains("speed", StringComparison.Ordinal) ? compared / 500 : 0;
            Assert.True(within >= compared - allowedOutliers, $"{column}: {compared - within} rows outside {tolerance}");
        }

        // datetime(utc): whole seconds; the viewer's clock and ours differ by up to the 0.1 s frame spacing around a
        // half second, so a row may round to the neighbouring second.
        int timeColumn = C("datetime(utc)");
        int exact = 0;
        for (int r = 0; r < ours.Count; r++)
        {
            var a = DateTime.ParseExact(ours[r][timeColumn], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var b = DateTime.ParseExact(theirs[r][timeColumn], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Assert.True(Math.Abs((a - b).TotalSeconds) <= 1, $"row {r}: {a} vs {b}");
            exact += a == b ? 1 : 0;
        }

        output.WriteLine($"datetime(utc): {exact} of {ours.Count} rows equal, the rest within 1 s");
        Assert.True(exact >= ours.Count * 0.9);
    }

    [Fact]
    public void Columns_option_only_applies_to_csv()
    {
        var stderr = new StringWriter();
        int code = CliApp.Run(["decode", "nonexistent.txt", "--format", "json", "--columns", "standard"], new StringWriter(), stderr);
        Assert.Equal(1, code); // a usage error, found before the (missing) file is opened
        Assert.Contains("--format csv", stderr.ToString(), StringComparison.Ordinal);
    }
}
