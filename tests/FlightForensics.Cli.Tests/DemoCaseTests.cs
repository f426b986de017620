using System.Text.Json;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// The demo case in logs/ (made by tools/FlightForensics.DemoCase): the check must find what the flights were
/// built to do. The expectations come from how the flights were laid out (logs/README.md), not from a run.
/// </summary>
public sealed class DemoCaseTests
{
    private static readonly string Logs = Path.Combine(Samples.RepositoryRoot, "logs");
    private static readonly string Layer = Path.Combine(Logs, "demoville-infrastructure.geojson");

    private static JsonDocument Check(string log)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["check", Path.Combine(Logs, log), "--infra", Layer, "--json"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        return JsonDocument.Parse(stdout.ToString());
    }

    private static HashSet<string> Ids(JsonDocument doc, string section) =>
        doc.RootElement.GetProperty(section).EnumerateArray().Select(e => e.GetProperty("featureId").GetString()!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Quadcopter_overflies_the_water_works_and_the_substation_only()
    {
        using var doc = Check("demoville-quadcopter.tlog");
        Assert.Equal(["demoville/substation", "demoville/water-works"], Ids(doc, "overflights").Order(StringComparer.Ordinal));
        foreach (var o in doc.RootElement.GetProperty("overflights").EnumerateArray())
        {
            // Planned at 30-35 m above takeoff over both sites.
            var h = o.GetProperty("minHeightAboveTakeoffM").GetDouble();
            Assert.InRange(h, 25, 40);
            Assert.True(o.GetProperty("durationS").GetDouble() > 1);
        }
    }

    [Fact]
    public void Dji_flight_photographs_the_prison_from_outside_and_crosses_the_railway()
    {
        using var doc = Check("demoville-dji-flight.txt");
        var overflown = Ids(doc, "overflights");
        var captured = Ids(doc, "captures");
        Assert.Equal(["demoville/rail-line"], overflown);
        Assert.Contains("demoville/prison", captured);
        Assert.DoesNotContain("demoville/prison", overflown);
        var prison = doc.RootElement.GetProperty("captures").EnumerateArray().First(c => c.GetProperty("featureId").GetString() == "demoville/prison");
        Assert.Equal("photo", prison.GetProperty("kind").GetString());
        // Hover point 120 m east of the fence at 50 m: the slant range to the nearest fence is about 130 m.
        Assert.InRange(prison.GetProperty("slantRangeM").GetDouble(), 120, 145);
    }

    /// <summary>A GeoJSON Polygon (first ring) as an NTS polygon, X longitude, Y latitude.</summary>
    private static NetTopologySuite.Geometries.Polygon Polygon(JsonElement geometry)
    {
        Assert.Equal("Polygon", geometry.GetProperty("type").GetString());
        var ring = geometry.GetProperty("coordinates")[0].EnumerateArray()
            .Select(p => new NetTopologySuite.Geometries.Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray();
        return new NetTopologySuite.Geometries.GeometryFactory().CreatePolygon(ring);
    }

    [Fact]
    public void Every_capture_of_the_prison_draws_a_footprint_that_intersects_the_prison()
    {
        using var layer = JsonDocument.Parse(File.ReadAllText(Layer));
        var prison = Polygon(layer.RootElement.GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("id").GetString() == "demoville/prison").GetProperty("geometry"));
        using var doc = Check("demoville-dji-flight.txt");
        var captures = doc.RootElement.GetProperty("captures").EnumerateArray()
            .Where(c => c.GetProperty("featureId").GetString() == "demoville/prison").ToList();

        Assert.NotEmpty(captures);
        Assert.All(captures, c =>
        {
            var footprint = Polygon(c.GetProperty("footprint"));
            Assert.True(footprint.Intersects(prison));
            // The hover point is outside the prison, east of it: the camera stands outside its own view of the prison.
            var camera = new NetTopologySuite.Geometries.Point(c.GetProperty("cameraLongitudeDeg").GetDouble(), c.GetProperty("cameraLatitudeDeg").GetDouble());
            Assert.False(prison.Contains(camera));
            Assert.True(camera.X > prison.EnvelopeInternal.MaxX);
        });
    }

    [Fact]
    public void The_three_prison_photos_are_one_episode_whose_coverage_meets_the_prison()
    {
        using var layer = JsonDocument.Parse(File.ReadAllText(Layer));
        var prison = Polygon(layer.RootElement.GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("id").GetString() == "demoville/prison").GetProperty("geometry"));
        using var doc = Check("demoville-dji-flight.txt");

        var episode = doc.RootElement.GetProperty("captureEpisodes").EnumerateArray().Single(e => e.GetProperty("featureId").GetString() == "demoville/prison");
        // Generator: photos every 50 frames (5 s) of the 15 s hover, from frame 25: 3 photos, 10 s apart end to end.
        Assert.Equal(3, episode.GetProperty("photos").GetInt32());
        Assert.Equal(0, episode.GetProperty("videoFrames").GetInt32());
        Assert.Equal(10.0, episode.GetProperty("durationS").GetDouble(), 3);
        var coverage = Polygon(episode.GetProperty("coverage"));
        var seen = coverage.Intersection(prison).Area / prison.Area;
        Assert.True(seen > 0);
        // Same hover point and pose for the three photos: the union is one footprint, and the fraction is its share of the prison.
        Assert.Equal(seen, episode.GetProperty("coverageFraction").GetDouble(), 2);
        Assert.InRange(episode.GetProperty("minSlantRangeM").GetDouble(), 120, 145);
    }

    [Fact]
    public void The_prison_close_approach_lasts_from_entering_to_leaving_its_150_m_buffer()
    {
        // Layout (tools/FlightForensics.DemoCase): prison box E −550…−400, N 420…570 m; climb 50 m at 6 m/s (84 frames,
        // 8.4 s), leg (−250, 150) → (−280, 480) in 553 frames (55.3 s), 15 s hover, the same leg back. The track is within
        // 150 m of the south-east corner (−400, 420) when (150 − 30f)² + (270 − 330f)² = 150², f the fraction of the leg.
        double a = 109_800, b = -187_200, c = 72_900;
        var f = (-b - Math.Sqrt((b * b) - (4 * a * c))) / (2 * a);
        var entry = 8.4 + (f * 55.3);
        var exit = 8.4 + 55.3 + 15 + ((1 - f) * 55.3);

        using var doc = Check("demoville-dji-flight.txt");
        var prison = doc.RootElement.GetProperty("proximity").EnumerateArray().Single(p => p.GetProperty("featureId").GetString() == "demoville/prison");

        // The generator lays the town out with one spherical metres-per-degree figure (DemoTown.ToLatLon); the check
        // measures on the WGS84 ellipsoid. The two differ by about 0.3 % here, 0.5 m on 150 m: 0.1 s at these speeds.
        Assert.InRange(prison.GetProperty("entryElapsedS").GetDouble(), entry - 0.15, entry + 0.15);
        Assert.InRange(prison.GetProperty("exitElapsedS").GetDouble(), exit - 0.15, exit + 0.15);
        Assert.InRange(prison.GetProperty("durationS").GetDouble(), exit - entry - 0.3, exit - entry + 0.3);
        Assert.InRange(prison.GetProperty("durationS").GetDouble(), 58.5, 59.5);
        Assert.Equal(150, prison.GetProperty("bufferM").GetDouble());
        var start = DateTimeOffset.Parse(doc.RootElement.GetProperty("flight").GetProperty("startUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var entryUtc = DateTimeOffset.Parse(prison.GetProperty("entryUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((entryUtc - start).TotalSeconds, entry - 0.15, entry + 0.15);
    }

    [Fact]
    public void Quadcopter_camera_feedback_photos_need_an_assumed_gimbal_pitch_and_then_see_the_sites_below()
    {
        using (var plain = Check("demoville-quadcopter.tlog"))
        {
            Assert.Empty(Ids(plain, "captures"));
            Assert.Contains("2 camera moment(s) skipped: no gimbal pitch in the log", plain.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, CliApp.Run(["check", Path.Combine(Logs, "demoville-quadcopter.tlog"), "--infra", Layer, "--json", "--assume-gimbal-pitch", "-90"], stdout, stderr));
        using var doc = JsonDocument.Parse(stdout.ToString());
        using var layer = JsonDocument.Parse(File.ReadAllText(Layer));
        var captures = doc.RootElement.GetProperty("captures").EnumerateArray().ToList();

        // logs/README.md: one photo over the water works, one over the substation (CAMERA_FEEDBACK with its position).
        Assert.Equal(["demoville/substation", "demoville/water-works"], captures.Select(c => c.GetProperty("featureId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(captures, c =>
        {
            Assert.Equal(-90, c.GetProperty("pitchDeg").GetDouble());
            var site = Polygon(layer.RootElement.GetProperty("features").EnumerateArray()
                .First(f => f.GetProperty("id").GetString() == c.GetProperty("featureId").GetString()).GetProperty("geometry"));
            var camera = new NetTopologySuite.Geometries.Point(c.GetProperty("cameraLongitudeDeg").GetDouble(), c.GetProperty("cameraLatitudeDeg").GetDouble());
            Assert.True(site.Contains(camera));
            Assert.True(Polygon(c.GetProperty("footprint")).Contains(camera));
        });
        Assert.Equal(-90, doc.RootElement.GetProperty("options").GetProperty("assumedGimbalPitchDeg").GetDouble());
        Assert.Contains("2 camera moment(s) without gimbal pitch in the log used the examiner's assumed pitch of -90° (--assume-gimbal-pitch)",
            doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public void An_assumed_gimbal_pitch_beyond_straight_down_is_a_usage_error()
    {
        var stderr = new StringWriter();
        var code = CliApp.Run(["check", Path.Combine(Logs, "demoville-quadcopter.tlog"), "--infra", Layer, "--assume-gimbal-pitch", "-120"], new StringWriter(), stderr);
        Assert.Equal(1, code);
        Assert.Contains("--assume-gimbal-pitch", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_flight_comes_near_the_fuel_depot_the_police_station_or_the_rail_bridge()
    {
        foreach (var log in new[] { "demoville-quadcopter.tlog", "demoville-dji-flight.txt" })
        {
            using var doc = Check(log);
            var all = Ids(doc, "overflights").Concat(Ids(doc, "captures")).Concat(Ids(doc, "proximity")).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain("demoville/fuel-depot", all);
            Assert.DoesNotContain("demoville/police-station", all);
            Assert.DoesNotContain("demoville/rail-bridge", Ids(doc, "overflights"));
        }
    }

    [Fact]
    public void Committed_demo_files_carry_the_hashes_the_check_reports()
    {
        using var doc = Check("demoville-dji-flight.txt");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Logs, "demoville-dji-flight.txt"))));
        Assert.Equal(sha, doc.RootElement.GetProperty("flight").GetProperty("sha256").GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("layers")[0].GetProperty("features").GetInt32());
    }
}

/// <summary>The README's first command, run as written, on the demo case.</summary>
public sealed class ReadmeFirstCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_report_method_section_lists_every_note_of_the_check()
    {
        var logs = Path.Combine(Samples.RepositoryRoot, "logs");
        string[] inputs = [Path.Combine(logs, "demoville-dji-flight.txt"), "--infra", Path.Combine(logs, "demoville-infrastructure.geojson")];
        var json = new StringWriter();
        Assert.Equal(0, CliApp.Run(["check", .. inputs, "--json"], json, new StringWriter()));
        using var doc = JsonDocument.Parse(json.ToString());
        var notes = doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        var report = Path.Combine(_dir, "notes.html");
        Assert.Equal(0, CliApp.Run(["report", .. inputs, "-o", report], new StringWriter(), new StringWriter()));

        var html = File.ReadAllText(report);
        var start = html.IndexOf("<ul class=\"note\" id=\"method-notes\">", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var list = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        var shown = list.Split("<li>").Skip(1).Select(li => System.Net.WebUtility.HtmlDecode(li[..li.IndexOf("</li>", StringComparison.Ordinal)])).ToList();
        Assert.NotEmpty(notes);
        Assert.Equal(notes, shown);

        // The interactive map's data: one footprint per capture, and the prison (a finding) flagged for the first view.
        var dataStart = html.IndexOf("<script type=\"application/json\" id=\"ff-data\">", StringComparison.Ordinal);
        Assert.True(dataStart >= 0);
        dataStart = html.IndexOf('>', dataStart) + 1;
        using var data = JsonDocument.Parse(html[dataStart..html.IndexOf("</script>", dataStart, StringComparison.Ordinal)]);
        var map = data.RootElement.GetProperty("map");
        Assert.Equal(doc.RootElement.GetProperty("captures").GetArrayLength(), map.GetProperty("footprints").GetArrayLength());
        Assert.All(map.GetProperty("footprints").EnumerateArray(), f => Assert.True(f.GetProperty("ring").GetArrayLength() >= 4));
        var prison = map.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "demoville/prison");
        Assert.True(prison.GetProperty("finding").GetBoolean());
        var found = new[] { "overflights", "proximity", "captures" }.SelectMany(k => doc.RootElement.GetProperty(k).EnumerateArray())
            .Select(f => f.GetProperty("featureId").GetString()).ToHashSet(StringComparer.Ordinal);
        Assert.All(map.GetProperty("features").EnumerateArray(), f => Assert.Equal(found.Contains(f.GetProperty("id").GetString()), f.GetProperty("finding").GetBoolean()));
        Assert.Contains("'Camera footprints'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plot_draws_one_footprint_per_capture()
    {
        var logs = Path.Combine(Samples.RepositoryRoot, "logs");
        var svg = Path.Combine(_dir, "map.svg");
        Assert.Equal(0, CliApp.Run(["plot", Path.Combine(logs, "demoville-dji-flight.txt"), "--infra", Path.Combine(logs, "demoville-infrastructure.geojson"), "-o", svg],
            new StringWriter(), new StringWriter()));
        // Six captures (three photos, each seeing the prison and the railway): six footprint polygons. ScottPlot writes
        // the SVG, so footprints are found by their fill: the capture purple (#984ea3) at 12 % opacity (30/255), which
        // nothing else on the map uses; one more fill of that kind is the legend's "Camera footprint" swatch.
        var text = File.ReadAllText(svg);
        Assert.Equal(6 + 1, System.Text.RegularExpressions.Regex.Count(text, "fill=\"#984EA3\" fill-opacity=\"0\\.117"));
        Assert.Contains("Camera footprint", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_report_command_writes_the_report_and_names_what_it_found()
    {
        var readme = File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "README.md"));
        var line = readme.Split('\n').First(l => l.StartsWith("dotnet run --project src/FlightForensics.Cli -- ", StringComparison.Ordinal));
        var args = line["dotnet run --project src/FlightForensics.Cli -- ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("report", args[0]);
        // Paths in the README are relative to the repository root; the report goes to a temporary folder here.
        var resolved = args.Select((a, i) => i > 0 && args[i - 1] == "-o" ? Path.Combine(_dir, a) : a.StartsWith("logs/", StringComparison.Ordinal) ? Path.Combine(Samples.RepositoryRoot, a) : a).ToArray();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = CliApp.Run(resolved, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        var report = Path.Combine(_dir, "demo-report.html");
        Assert.True(File.Exists(report));
        var err = stderr.ToString();
        Assert.Contains($"report: {report}", err, StringComparison.Ordinal);
        Assert.Contains("overflight of Demoville Branch Railway", err, StringComparison.Ordinal);
        Assert.Contains("capture of Demoville Correctional Facility", err, StringComparison.Ordinal);
        Assert.DoesNotContain("overflight of Demoville Correctional Facility", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Fuel Depot", err, StringComparison.Ordinal);
        var html = File.ReadAllText(report);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Samples.RepositoryRoot, "logs", "demoville-dji-flight.txt"))));
        Assert.Contains(sha, html, StringComparison.Ordinal);
        Assert.Contains("Demoville Correctional Facility", html, StringComparison.Ordinal);
    }
}
