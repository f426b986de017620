using System.Globalization;
using System.Xml.Linq;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Tests;

public class TrackPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal static XDocument Parse(string svg) => XDocument.Parse(svg);

    internal static IEnumerable<XElement> WithClass(XDocument doc, string cls) =>
        doc.Descendants().Where(e => (string?)e.Attribute("class") == cls);

    internal static List<(double X, double Y)> PolylinePoints(XElement polyline) =>
        ((string)polyline.Attribute("points")!).Split(' ').Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public void Golden_Synthetic_spiral_with_features_and_findings()
    {
        var svg = TrackPlot.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Features(), SyntheticFlights.Findings());
        GoldenFile.AssertMatches("track-spiral.svg", svg);
    }

    [Fact]
    public void Golden_Synthetic_spiral_profile()
    {
        var svg = AltitudeProfile.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Findings());
        GoldenFile.AssertMatches("profile-spiral.svg", svg);
    }

    [Fact]
    public void Synthetic_spiral_map_has_every_layer_the_issue_asks_for()
    {
        var doc = Parse(TrackPlot.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Features(), SyntheticFlights.Findings()));
        foreach (var cls in new[] { "track", "start", "end", "home", "mission", "feature", "feature-label", "overflight", "proximity", "photo", "footprint", "scale-bar", "north-arrow", "attribution", "legend" })
        {
            Assert.True(WithClass(doc, cls).Any(), $"no element of class {cls}");
        }

        Assert.Equal(4, WithClass(doc, "feature").Count());
        Assert.Equal(5, WithClass(doc, "photo").Count());
        Assert.Contains(WithClass(doc, "attribution"), e => e.Value.Contains("OpenStreetMap", StringComparison.Ordinal));
    }

    [Fact]
    public void Scale_bar_length_matches_the_distance_it_claims()
    {
        // Two features 1 km apart east-west at the flight's latitude; the scale bar label (in m) times
        // pixels-per-metre measured between them must equal the bar's pixel length.
        var log = SyntheticFlights.Spiral();
        var a = SyntheticFlights.At(52, 13, 0, -500);
        var b = SyntheticFlights.At(52, 13, 0, 500);
        var features = new List<ReportFeature>
        {
            new("a", "A", "x", new ReportGeometry { Points = [a] }),
            new("b", "B", "x", new ReportGeometry { Points = [b] }),
        };
        var doc = Parse(TrackPlot.RenderSvg(log, features, []));
        var markers = WithClass(doc, "feature").Select(g => g.Element(Svg + "path")!).Select(p => (string)p.Attribute("d")!).ToList();
        double Cx(string d) => (double.Parse(d[1..].Split(' ')[0], CultureInfo.InvariantCulture) + 0) ; // top vertex x of the diamond
        double pixelsPerKm = Math.Abs(Cx(markers[1]) - Cx(markers[0]));
        var bar = PolylinePoints(WithClass(doc, "scale-bar").Single());
        double barPixels = bar[2].X - bar[1].X;
        var label = WithClass(doc, "scale-label").Single().Value;
        double meters = label.EndsWith(" km", StringComparison.Ordinal) ? double.Parse(label[..^3], CultureInfo.InvariantCulture) * 1000 : double.Parse(label[..^2], CultureInfo.InvariantCulture);
        Assert.Equal(pixelsPerKm * meters / 1000, barPixels, 0.2);
    }

    [Fact]
    public void Same_input_gives_same_bytes()
    {
        var a = TrackPlot.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Features(), SyntheticFlights.Findings());
        var b = TrackPlot.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Features(), SyntheticFlights.Findings());
        Assert.Equal(a, b);
    }

    [Fact]
    public void Bad_input_no_position_fix_says_so()
    {
        var samples = Enumerable.Range(0, 50).Select(i => new TelemetrySample
        {
            TimeUtc = SyntheticFlights.Start.AddSeconds(i), LatitudeDegrees = 0, LongitudeDegrees = 0, HeightAboveTakeoffMeters = i,
        });
        var log = SyntheticFlights.Build(samples);
        var doc = Parse(TrackPlot.RenderSvg(log, [], []));
        Assert.Contains("No position fix", WithClass(doc, "no-fix").Single().Value, StringComparison.Ordinal);
        Assert.Empty(WithClass(doc, "track"));
        // The profile still has heights to show.
        var profile = Parse(AltitudeProfile.RenderSvg(log, []));
        Assert.Single(WithClass(profile, "series"));
    }

    [Fact]
    public void Bad_input_empty_log_draws_messages_not_exceptions()
    {
        var log = SyntheticFlights.Build([]);
        Assert.Contains("No position fix", TrackPlot.RenderSvg(log, null, null), StringComparison.Ordinal);
        Assert.Contains("no profile to draw", AltitudeProfile.RenderSvg(log, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_single_sample_draws_a_point_and_a_100_m_frame()
    {
        var log = SyntheticFlights.Build([new TelemetrySample { TimeUtc = SyntheticFlights.Start, LatitudeDegrees = 48.1, LongitudeDegrees = 11.5, HeightAboveTakeoffMeters = 12 }]);
        var svg = TrackPlot.RenderSvg(log, [], []);
        GoldenFile.Dump("single.svg", svg);
        var doc = Parse(svg);
        Assert.Single(WithClass(doc, "start"));
        Assert.Single(WithClass(doc, "track").Single().Elements(Svg + "circle"));
        // The frame is at least 100 m wide, so the bar is tens of metres, not kilometres or centimetres.
        var label = WithClass(doc, "scale-label").Single().Value;
        Assert.Matches("^[1-9]0? m$", label);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.Single(WithClass(Parse(AltitudeProfile.RenderSvg(log, [])), "series"));
    }

    [Fact]
    public void Bad_input_track_across_the_antimeridian_stays_in_one_piece()
    {
        var samples = Enumerable.Range(0, 200).Select(i => SyntheticFlights.Offset(-16.5, 179.995, 0, (i - 100) * 10)).Select((p, i) => new TelemetrySample
        {
            TimeUtc = SyntheticFlights.Start.AddSeconds(i), LatitudeDegrees = p.Lat, LongitudeDegrees = p.Lon, HeightAboveTakeoffMeters = 50,
        }).ToList();
        Assert.Contains(samples, s => s.LongitudeDegrees < 0);
        Assert.Contains(samples, s => s.LongitudeDegrees > 0);
        var svg = TrackPlot.RenderSvg(SyntheticFlights.Build(samples), [], []);
        GoldenFile.Dump("antimeridian.svg", svg);
        var doc = Parse(svg);
        var points = WithClass(doc, "track").Single().Elements(Svg + "polyline").SelectMany(PolylinePoints).ToList();
        double span = points.Max(p => p.X) - points.Min(p => p.X);
        Assert.True(span < 760, $"track spans {span} px: torn at the antimeridian?");
        Assert.True(span > 500, $"track spans only {span} px");
        var jumps = points.Zip(points.Skip(1)).Max(p => Math.Abs(p.Second.X - p.First.X));
        Assert.True(jumps < 10, $"largest jump {jumps} px");
    }

    [Fact]
    public void Bad_input_flight_over_the_north_pole_draws_and_explains_the_missing_north_arrow()
    {
        var samples = Enumerable.Range(0, 360).Select(i => new TelemetrySample
        {
            TimeUtc = SyntheticFlights.Start.AddSeconds(i), LatitudeDegrees = 89.9995, LongitudeDegrees = i - 180, HeightAboveTakeoffMeters = 30,
        }).ToList();
        var svg = TrackPlot.RenderSvg(SyntheticFlights.Build(samples), [], []);
        GoldenFile.Dump("pole.svg", svg);
        var doc = Parse(svg);
        Assert.Empty(WithClass(doc, "north-arrow"));
        Assert.Contains(WithClass(doc, "note"), e => e.Value.Contains("pole", StringComparison.Ordinal));
        var points = WithClass(doc, "track").Single().Elements(Svg + "polyline").SelectMany(PolylinePoints).ToList();
        // A circle of 55 m radius around the pole: drawn as a ring, so its width and height are alike.
        double w = points.Max(p => p.X) - points.Min(p => p.X), h = points.Max(p => p.Y) - points.Min(p => p.Y);
        Assert.InRange(w / h, 0.95, 1.05);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_markup_in_feature_names_is_escaped()
    {
        const string evil = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;";
        var svg = TrackPlot.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Features(substationName: evil), SyntheticFlights.Findings());
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", svg, StringComparison.Ordinal);
        var doc = Parse(svg);
        Assert.Contains(WithClass(doc, "feature-label"), e => e.Attribute("class") is not null && e.Element(Svg + "title")?.Value == evil);
    }

    [Fact]
    public void Bad_input_one_million_samples_draws_a_bounded_track_and_says_so()
    {
        var log = SyntheticFlights.Spiral(samplesPerSecond: 100, seconds: 10_000);
        Assert.True(log.Samples.Count >= 1_000_000);
        var options = PlotOptions.Default;
        var svg = TrackPlot.RenderSvg(log, SyntheticFlights.Features(), SyntheticFlights.Findings(), options);
        GoldenFile.Dump("million.svg", svg);
        var doc = Parse(svg);
        int vertices = WithClass(doc, "track").Single().Elements(Svg + "polyline").Sum(p => PolylinePoints(p).Count);
        Assert.InRange(vertices, 100, options.MaxDrawnPoints + 100);
        Assert.Contains(WithClass(doc, "note"), e => e.Value.Contains("of 1000001 positions", StringComparison.Ordinal) && e.Value.Contains("findings use every sample", StringComparison.Ordinal));
        Assert.True(svg.Length < 3_000_000, $"SVG is {svg.Length} characters");

        var profile = AltitudeProfile.RenderSvg(log, SyntheticFlights.Findings(), options);
        GoldenFile.Dump("million-profile.svg", profile);
        var pdoc = Parse(profile);
        Assert.InRange(PolylinePoints(WithClass(pdoc, "series").Single()).Count, 100, 4 * 960);
        Assert.Contains("of 1000001 samples", WithClass(pdoc, "note").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_shades_overflight_intervals_at_their_times()
    {
        var doc = Parse(AltitudeProfile.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Findings()));
        var band = WithClass(doc, "overflight").Single();
        var ticks = doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axes").Elements(Svg + "text").ToList();
        // Tick labels 0:00 and 2:00 give the time scale; the 100..112 s band must sit between them accordingly.
        double XOf(string label) => double.Parse((string)ticks.First(t => t.Value == label).Attribute("x")!, CultureInfo.InvariantCulture);
        double x0 = XOf("0:00"), x120 = XOf("2:00");
        double pxPerSecond = (x120 - x0) / 120;
        Assert.Equal(x0 + (100 * pxPerSecond), double.Parse((string)band.Attribute("x")!, CultureInfo.InvariantCulture), 0.5);
        Assert.Equal(12 * pxPerSecond, double.Parse((string)band.Attribute("width")!, CultureInfo.InvariantCulture), 0.5);
        Assert.Equal(5, doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "photos").Elements().Count());
    }
}
