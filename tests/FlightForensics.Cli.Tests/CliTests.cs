using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using FlightForensics.Core.Decoding;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

public sealed class CliTests : IDisposable
{
    // The contract's decode --format csv columns, in order (../shared/CONTRACT.md).
    private static readonly string[] ContractColumns =
    [
        "time_utc", "elapsed_s", "latitude_deg", "longitude_deg", "altitude_msl_m", "height_above_takeoff_m",
        "height_above_ground_m", "ground_speed_mps", "vertical_speed_mps", "course_deg", "roll_deg", "pitch_deg",
        "yaw_deg", "gimbal_roll_deg", "gimbal_pitch_deg", "gimbal_yaw_deg", "satellites", "gps_fix",
        "battery_percent", "flight_mode", "is_recording_video", "photo_taken", "source_offset",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("ff-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteSynthetic(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, [.. SyntheticDecoder.Magic, .. Encoding.ASCII.GetBytes(body)]);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var registry = new FormatRegistry().Add(new SyntheticDecoder());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry: registry);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Csv_header_is_the_contracts_column_list()
    {
        var path = WriteSynthetic("a.bin", "47.5,8.25,12.5\n");
        var (code, output, _) = Run("decode", path);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ContractColumns), lines[0]);
    }

    [SampleFact]
    public void Csv_header_matches_the_column_list_in_the_shared_contract_file()
    {
        var contract = File.ReadAllText(Path.Combine(Samples.Root!, "..", "CONTRACT.md"));
        var section = contract[contract.IndexOf("## `decode --format csv` columns", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("Position source", StringComparison.Ordinal)];
        var columns = System.Text.RegularExpressions.Regex.Matches(section, "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(columns, ContractColumns);
    }

    [Fact]
    public void Csv_rows_are_invariant_with_empty_cells_for_unknowns_and_a_traceable_offset()
    {
        var path = WriteSynthetic("a.bin", "47.5,8.25,12.5\n47.6,8.3,-1\n");
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var (_, output, _) = Run("decode", path, "--format", "csv");
            var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, rows.Length);
            var cells = rows[1].Split(',');
            Assert.Equal(ContractColumns.Length, cells.Length);
            Assert.Equal("2024-05-06T07:08:09.000Z", cells[0]);
            Assert.Equal("0", cells[1]);
            Assert.Equal("47.5", cells[2]);
            Assert.Equal("8.25", cells[3]);
            Assert.Equal("", cells[4]); // no MSL altitude in the source: never derived from the height
            Assert.Equal("12.5", cells[5]);
            Assert.Equal("P-GPS", cells[19]);
            Assert.Equal(SyntheticDecoder.Magic.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[22]);
            Assert.Equal("-1", rows[2].Split(',')[5]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Json_uses_camel_case_sample_fields_with_nulls_and_carries_the_evidence_hash()
    {
        var path = WriteSynthetic("a.bin", "47.5,8.25,12.5\nbroken\n");
        var (code, output, _) = Run("decode", path, "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(Sha256(path), root.GetProperty("evidence").GetProperty("sha256").GetString());
        Assert.Equal("synthetic", root.GetProperty("evidence").GetProperty("format").GetString());
        var sample = root.GetProperty("samples")[0];
        Assert.Equal(47.5, sample.GetProperty("latitudeDeg").GetDouble());
        Assert.Equal(12.5, sample.GetProperty("heightAboveTakeoffM").GetDouble());
        Assert.Equal(JsonValueKind.Null, sample.GetProperty("altitudeMslM").ValueKind);
        Assert.Equal("Synthetic, \"quoted\" model", root.GetProperty("vehicle").GetProperty("model").GetString());
        Assert.Equal("photo", root.GetProperty("events")[0].GetProperty("kind").GetString());
        var diag = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("corrupt", diag.GetProperty("kind").GetString());
        Assert.Equal(SyntheticDecoder.Magic.Length + "47.5,8.25,12.5\n".Length, diag.GetProperty("offset").GetInt64());
    }

    [Fact]
    public void Geojson_gpx_and_kml_hold_the_track_in_lon_lat_order()
    {
        var path = WriteSynthetic("a.bin", "47.5,8.25,12.5\n47.6,8.3,1\n");
        var (_, geojson, _) = Run("decode", path, "--format", "geojson");
        using var doc = JsonDocument.Parse(geojson);
        var coords = doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(2, coords.GetArrayLength());
        Assert.Equal(8.25, coords[0][0].GetDouble());
        Assert.Equal(47.5, coords[0][1].GetDouble());
        Assert.Equal(2, coords[0].GetArrayLength()); // no MSL altitude: 2D, not the height above takeoff

        var (_, gpx, _) = Run("decode", path, "--format", "gpx");
        var g = XDocument.Parse(gpx);
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        var pts = g.Descendants(ns + "trkpt").ToList();
        Assert.Equal(2, pts.Count);
        Assert.Equal("47.6", pts[1].Attribute("lat")!.Value);
        Assert.Empty(g.Descendants(ns + "ele"));

        var (_, kml, _) = Run("decode", path, "--format", "kml");
        var k = XDocument.Parse(kml);
        XNamespace kns = "http://www.opengis.net/kml/2.2";
        // No MSL altitude in the source: the line is clamped to the ground, never drawn at the takeoff height.
        Assert.Equal("clampToGround", k.Descendants(kns + "LineString").Single().Element(kns + "altitudeMode")!.Value);
        Assert.StartsWith("8.25,47.5", k.Descendants(kns + "coordinates").First().Value.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_file_is_complete_with_a_provenance_sidecar_and_nothing_is_written_beside_the_input()
    {
        var inputDir = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var outDir = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var path = Path.Combine(inputDir, "e.bin");
        File.WriteAllBytes(path, [.. SyntheticDecoder.Magic, .. "1,2,3\n"u8.ToArray()]);
        var outPath = Path.Combine(outDir, "e.csv");

        var (code, _, err) = Run("decode", path, "-o", outPath);

        Assert.True(code == 0, err);
        Assert.Equal(["e.bin"], Directory.GetFiles(inputDir).Select(Path.GetFileName));
        Assert.Equal(["e.csv", "e.csv.provenance.json"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var side = JsonDocument.Parse(File.ReadAllText(outPath + ".provenance.json"));
        Assert.Equal(Sha256(path), side.RootElement.GetProperty("evidence").GetProperty("sha256").GetString());
        Assert.Equal(Sha256(outPath), side.RootElement.GetProperty("outputSha256").GetString());
    }

    [Fact]
    public void Refuses_to_write_over_the_evidence()
    {
        var path = WriteSynthetic("a.bin", "1,2,3\n");
        var before = File.ReadAllBytes(path);
        var (code, _, err) = Run("decode", path, "-o", path);
        Assert.Equal(1, code);
        Assert.Contains("refusing", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Info_json_reports_hash_counts_bounds_and_duration()
    {
        var path = WriteSynthetic("a.bin", "47.5,8.25,12.5\n47.6,8.3,20\n47.55,8.2,5\n");
        var (code, output, _) = Run("info", path, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal(Sha256(path), r.GetProperty("sha256").GetString());
        Assert.Equal(new FileInfo(path).Length, r.GetProperty("bytes").GetInt64());
        Assert.Equal(3, r.GetProperty("sampleCount").GetInt64());
        Assert.Equal(2.0, r.GetProperty("durationS").GetDouble());
        Assert.Equal(8.2, r.GetProperty("bounds").GetProperty("minLongitudeDeg").GetDouble());
        Assert.Equal(47.6, r.GetProperty("bounds").GetProperty("maxLatitudeDeg").GetDouble());
        Assert.Equal(20, r.GetProperty("maxHeightAboveTakeoffM").GetDouble());
        Assert.Equal("2024-05-06T07:08:09.000Z", r.GetProperty("startUtc").GetString());
    }

    [Fact]
    public void Inspect_counts_records_and_lists_damage()
    {
        var path = WriteSynthetic("a.bin", "1,2,3\nbad\n4,5,6\n");
        var (code, output, _) = Run("inspect", path, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetProperty("recordCounts").GetProperty("POS").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("damage").GetProperty("corrupt").GetInt64());
        Assert.Equal("corrupt", doc.RootElement.GetProperty("diagnostics")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void Strict_turns_damage_into_exit_2_with_the_offset()
    {
        var path = WriteSynthetic("a.bin", "1,2,3\nbad\n");
        var (code, _, err) = Run("decode", path, "--strict");
        Assert.Equal(2, code);
        Assert.Contains("damage at byte 13", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("inspect")]
    [InlineData("decode")]
    public void Unreadable_inputs_exit_2_with_one_line(string verb)
    {
        var empty = Path.Combine(_dir, "empty");
        File.WriteAllBytes(empty, []);
        var unknown = Path.Combine(_dir, "unknown");
        File.WriteAllBytes(unknown, [0x7f, 0x45, 0x4c, 0x46, 2, 1]);
        foreach (var (input, reason) in new[] { (Path.Combine(_dir, "missing"), "no such file"), (_dir, "directory"), (empty, "empty"), (unknown, "unsupported format") })
        {
            var (code, output, err) = Run(verb, input);
            Assert.Equal(2, code);
            Assert.Contains(reason, err, StringComparison.Ordinal);
            Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("", output);
        }
    }

    [Fact]
    public void Info_json_on_an_unknown_format_still_gives_the_hash_and_the_magic_bytes()
    {
        var unknown = Path.Combine(_dir, "unknown");
        File.WriteAllBytes(unknown, [0x7f, 0x45, 0x4c, 0x46, 2, 1]);
        var (code, output, err) = Run("info", unknown, "--json");
        Assert.Equal(2, code);
        Assert.Contains("unsupported format", err, StringComparison.Ordinal);
        Assert.Contains("7f454c460201", err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(Sha256(unknown), doc.RootElement.GetProperty("sha256").GetString());
    }

    [Fact]
    public void Usage_errors_exit_1()
    {
        var path = WriteSynthetic("a.bin", "1,2,3\n");
        Assert.Equal(1, Run("decode", path, "--format", "png").Code);
        Assert.Equal(1, Run("frobnicate").Code);
        Assert.Equal(1, Run("decode", path, "--signing-key", "zz").Code);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
