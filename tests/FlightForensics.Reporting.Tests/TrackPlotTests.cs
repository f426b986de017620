using System.Xml.Linq;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Plots;
using ScottPlot;
using ScottPlot.Plottables;

namespace FlightForensics.Reporting.Tests;

public class TrackPlotTests
{
    internal static List<Coordinates> PointsOf(IPlottable p) => p switch
    {
        Scatter s => [.. s.Data.GetScatterPoints()],
        Marker m => [m.Location],
        _ => [],
    };

    /// <summary>The track's runs: the scatter lines drawn in the height ramp's colours (or the no-height grey).</summary>
    private static List<Scatter> TrackRuns(PlotImage image)
    {
        var ramp = new[] { "#440154", "#46327E", "#365C8D", "#277F8E", "#1FA187", "#4AC16D", "#A0DA39", "#E6C81A", "#9E9E9E" };
        return [.. image.Plot.GetPlottables<Scatter>().Where(s => ramp.Contains(s.LineColor.ToHex()[..7], StringComparer.OrdinalIgnoreCase) && s.LineWidth > 2 && s.LineWidth < 3)];
    }

    private static PlotImage Spiral(IReadOnlyList<PlotFootprint>? footprints = null) =>
        TrackPlot.Render(SyntheticFlights.Spiral(), SyntheticFlights.Features(), SyntheticFlights.Findings(), footprints: footprints);

    [Fact]
    public void Golden_Synthetic_spiral_with_features_and_findings()
    {
        var image = Spiral();
        GoldenFile.Dump("track-spiral.png", image.ToPng());
        GoldenFile.AssertMatches("track-spiral.svg", image.ToSvg());
    }

    [Fact]
    public void Golden_Synthetic_spiral_profile()
    {
        var image = AltitudeProfile.Render(SyntheticFlights.Spiral(), SyntheticFlights.Findings());
        GoldenFile.Dump("profile-spiral.png", image.ToPng());
        GoldenFile.AssertMatches("profile-spiral.svg", image.ToSvg());
    }

    [Fact]
    public void Synthetic_spiral_map_has_every_layer_the_issue_asks_for()
    {
        var image = Spiral();
        foreach (var entry in new[] { "Start", "End", "Home point", "Planned mission", "Overflight", "Closest approach", "Photo", "Camera footprint", "Features", "power", "water", "power line", "telecom" })
        {
            Assert.Contains(entry, image.Legend);
        }

        // Every legend row shows a symbol: a marker, a line or a filled box.
        var items = image.Plot.Legend.ManualItems.Where(i => !i.LabelBold).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i.MarkerSize > 0 || i.LineWidth > 0 || i.FillColor.Alpha > 0, i.LabelText));
        Assert.NotEmpty(TrackRuns(image));
        // Four features, each labelled; five photos as open squares; the attribution for the OSM features.
        Assert.Equal(4, image.LabelBoxes.Count);
        Assert.Equal(5, image.Plot.GetPlottables<Marker>().Count(m => m.MarkerShape == MarkerShape.OpenSquare));
        Assert.Contains(image.Plot.GetPlottables<Annotation>(), a => a.Text.Contains("OpenStreetMap", StringComparison.Ordinal));
        Assert.Single(image.Plot.GetPlottables<Arrow>()); // the north arrow
        var svg = image.ToSvg();
        Assert.Contains("OpenStreetMap", svg, StringComparison.Ordinal);
        Assert.Contains("Camera footprint", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_footprint_given_by_the_caller_is_drawn_as_outline_and_translucent_fill()
    {
        var corners = new[] { SyntheticFlights.At(52, 13, -60, -60), SyntheticFlights.At(52, 13, -60, -20), SyntheticFlights.At(52, 13, -100, -20), SyntheticFlights.At(52, 13, -100, -60) };
        var image = TrackPlot.Render(SyntheticFlights.Spiral(), [], [], footprints: [new PlotFootprint(corners)]);
        Assert.Contains("Camera footprint", image.Legend);
        var polygon = Assert.Single(image.Plot.GetPlottables<ScottPlot.Plottables.Polygon>());
        Assert.InRange(polygon.FillColor.Alpha, 1, 254);
        Assert.True(polygon.LineWidth > 0);
        Assert.Equal(4, polygon.Coordinates.Length);
        // The corners are 40 m apart (the fixture's own offsets); in the map's metres they must be too.
        Assert.Equal(40, polygon.Coordinates[0].Distance(polygon.Coordinates[1]), 0.5);
        Assert.Equal(40, polygon.Coordinates[1].Distance(polygon.Coordinates[2]), 0.5);
        // No footprint, no legend entry.
        Assert.DoesNotContain("Camera footprint", TrackPlot.Render(SyntheticFlights.Spiral(), [], []).Legend);
    }

    [Fact]
    public void Synthetic_map_extent_includes_every_feature_a_finding_names()
    {
        // A zone 6 km away with a finding must be on the map; one 6 km away without a finding only widens it to the limit.
        var far = new ReportFeature("far", "Far zone", "military", new ReportGeometry { Points = [SyntheticFlights.At(52, 13, 0, 6000)] });
        var other = new ReportFeature("other", "Other zone", "military", new ReportGeometry { Points = [SyntheticFlights.At(52, 13, 0, -6000)] });
        var finding = new ReportFinding { FeatureId = "far", FeatureName = "Far zone", Category = "military", Kind = FindingKind.Proximity, Severity = FindingSeverity.Low, ClosestApproachMeters = 5800 };
        var image = TrackPlot.Render(SyntheticFlights.Spiral(), [far, other], [finding]);
        var limits = image.Plot.Axes.GetLimits();
        Assert.True(limits.Right > 6000 - 200, $"right edge {limits.Right} m");
        Assert.True(limits.Left > -6000 + 1000, $"left edge {limits.Left} m");
    }

    [Fact]
    public void Scale_bar_length_matches_the_distance_it_claims()
    {
        var image = Spiral();
        var (label, meters) = image.ScaleBar!.Value;
        double claimed = label.EndsWith(" km", StringComparison.Ordinal) ? double.Parse(label[..^3], System.Globalization.CultureInfo.InvariantCulture) * 1000 : double.Parse(label[..^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(claimed, meters);
        // The bar as drawn spans that many metres of the axes...
        var bar = image.Plot.GetPlottables<Scatter>().Single(s => s.Data.GetScatterPoints().Count == 4 && s.LineColor.ToHex().StartsWith("#1A1A1A", StringComparison.OrdinalIgnoreCase));
        var points = bar.Data.GetScatterPoints();
        Assert.Equal(claimed, points[2].X - points[1].X, 1e-6);
        // ...and ScottPlot draws a metre east as long as a metre north, at the scale the layers were thinned with.
        _ = image.ToPng();
        var render = image.Plot.LastRender;
        double xScale = render.DataRect.Width / render.AxisLimits.HorizontalSpan, yScale = render.DataRect.Height / render.AxisLimits.VerticalSpan;
        Assert.Equal(xScale, yScale, 1e-3 * xScale);
        Assert.Equal(image.View!.PixelsPerMeter, xScale, 1e-3 * xScale);
        // Two points 1 km apart east-west by the fixture's own geodesy are 1 km apart on the axes.
        var frame = MapProjection.Centered([SyntheticFlights.At(52, 13, 0, 0)]);
        var (ea, _) = frame.Forward(SyntheticFlights.At(52, 13, 0, -500).LatitudeDegrees, SyntheticFlights.At(52, 13, 0, -500).LongitudeDegrees);
        var (eb, _) = frame.Forward(SyntheticFlights.At(52, 13, 0, 500).LatitudeDegrees, SyntheticFlights.At(52, 13, 0, 500).LongitudeDegrees);
        Assert.Equal(1000, eb - ea, 1.0);
    }

    [Fact]
    public void Same_input_gives_same_bytes()
    {
        Assert.Equal(Spiral().ToSvg(), Spiral().ToSvg());
        Assert.Equal(Spiral().ToPng(), Spiral().ToPng());
        var image = Spiral();
        Assert.Equal(image.ToSvg(), image.ToSvg()); // the same figure drawn twice: Skia's clip ids renumbered
        var profile = AltitudeProfile.Render(SyntheticFlights.Spiral(), SyntheticFlights.Findings());
        Assert.Equal(profile.ToPng(), AltitudeProfile.Render(SyntheticFlights.Spiral(), SyntheticFlights.Findings()).ToPng());
    }

    [Fact]
    public void Png_is_drawn_in_process_at_the_plot_size()
    {
        var bytes = Spiral().ToPng();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // Width and height in the IHDR chunk (big-endian at offsets 16 and 20).
        Assert.Equal(960, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(720, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
    }

    [Fact]
    public void Bad_input_no_position_fix_says_so()
    {
        var samples = Enumerable.Range(0, 50).Select(i => new TelemetrySample
        {
            TimeUtc = SyntheticFlights.Start.AddSeconds(i), LatitudeDegrees = 0, LongitudeDegrees = 0, HeightAboveTakeoffMeters = i,
        });
        var log = SyntheticFlights.Build(samples);
        var image = TrackPlot.Render(log, [], []);
        Assert.Contains(image.Notes, n => n.Contains("No position fix", StringComparison.Ordinal));
        Assert.Contains("No position fix", image.ToSvg(), StringComparison.Ordinal);
        Assert.Empty(TrackRuns(image));
        // The profile still has heights to show.
        Assert.Single(AltitudeProfile.Render(log, []).Plot.GetPlottables<Scatter>());
    }

    [Fact]
    public void Bad_input_empty_log_draws_messages_not_exceptions()
    {
        var log = SyntheticFlights.Build([]);
        Assert.Contains("No position fix", TrackPlot.RenderSvg(log, null, null), StringComparison.Ordinal);
        Assert.Contains("no profile to draw", AltitudeProfile.RenderSvg(log, null), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, (byte)'P' }, TrackPlot.Render(log, null, null).ToPng()[..2]);
    }

    [Fact]
    public void Bad_input_single_sample_draws_a_point_and_a_100_m_frame()
    {
        var log = SyntheticFlights.Build([new TelemetrySample { TimeUtc = SyntheticFlights.Start, LatitudeDegrees = 48.1, LongitudeDegrees = 11.5, HeightAboveTakeoffMeters = 12 }]);
        var image = TrackPlot.Render(log, [], []);
        var svg = image.ToSvg();
        GoldenFile.Dump("single.png", image.ToPng());
        Assert.Contains(image.Plot.GetPlottables<Marker>(), m => m.MarkerShape == MarkerShape.FilledCircle && m.MarkerFillColor.ToHex().StartsWith("#1A9850", StringComparison.OrdinalIgnoreCase));
        // The frame is at least 100 m wide, so the bar is tens of metres, not kilometres or centimetres.
        Assert.Matches("^[1-9]0? m$", image.ScaleBar!.Value.Label);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.Single(AltitudeProfile.Render(log, []).Plot.GetPlottables<Scatter>());
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
        var image = TrackPlot.Render(SyntheticFlights.Build(samples), [], []);
        GoldenFile.Dump("antimeridian.png", image.ToPng());
        var points = TrackRuns(image).SelectMany(PointsOf).Select(c => image.View!.PixelOf(c)).ToList();
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
        var image = TrackPlot.Render(SyntheticFlights.Build(samples), [], []);
        GoldenFile.Dump("pole.png", image.ToPng());
        Assert.Empty(image.Plot.GetPlottables<Arrow>());
        Assert.Contains(image.Notes, n => n.Contains("pole", StringComparison.Ordinal));
        var points = TrackRuns(image).SelectMany(PointsOf).ToList();
        // A circle of 55 m radius around the pole: drawn as a ring, so its width and height are alike.
        double w = points.Max(p => p.X) - points.Min(p => p.X), h = points.Max(p => p.Y) - points.Min(p => p.Y);
        Assert.InRange(w / h, 0.95, 1.05);
        Assert.DoesNotContain("NaN", image.ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_markup_in_feature_names_is_escaped()
    {
        const string evil = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;";
        var svg = TrackPlot.RenderSvg(SyntheticFlights.Spiral(), SyntheticFlights.Features(substationName: evil), SyntheticFlights.Findings());
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", svg, StringComparison.Ordinal);
        // Still well-formed XML, and the name is there as text.
        var doc = XDocument.Parse(svg);
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("<script>alert(1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_control_characters_and_lone_surrogates_in_names_keep_the_svg_well_formed()
    {
        const string evil = "Sub\u0001station \ud800 <b>&";
        var features = SyntheticFlights.Features(substationName: evil);
        features[0] = features[0] with { Category = "power\u0002" };
        var log = SyntheticFlights.Spiral(name: "evil\u0003name.tlog");
        var svg = TrackPlot.RenderSvg(log, features, SyntheticFlights.Findings());
        var doc = XDocument.Parse(svg);
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("Sub\uFFFDstation \uFFFD <b>&", StringComparison.Ordinal));
        XDocument.Parse(AltitudeProfile.RenderSvg(log, SyntheticFlights.Findings()));
    }

    [Fact]
    public void Synthetic_crowded_labels_never_overlap_and_the_ones_left_out_are_counted()
    {
        // Twenty named points 3 m apart: their labels cannot all fit.
        var features = Enumerable.Range(0, 20).Select(i => new ReportFeature($"p{i}", $"Mast number {i}", "telecom", new ReportGeometry { Points = [SyntheticFlights.At(52, 13, 0, i * 3)] })).ToList();
        var image = TrackPlot.Render(SyntheticFlights.Spiral(), features, []);
        var boxes = image.LabelBoxes;
        Assert.NotEmpty(boxes);
        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                bool overlap = boxes[i].Left < boxes[j].Right && boxes[j].Left < boxes[i].Right && boxes[i].Top < boxes[j].Bottom && boxes[j].Top < boxes[i].Bottom;
                Assert.False(overlap, $"labels {i} and {j} overlap");
            }
        }

        Assert.Contains(image.Notes, n => n.StartsWith($"{20 - boxes.Count} feature label(s) left out", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_one_million_samples_draws_a_bounded_track_and_says_so()
    {
        var log = SyntheticFlights.Spiral(samplesPerSecond: 100, seconds: 10_000);
        Assert.True(log.Samples.Count >= 1_000_000);
        var options = PlotOptions.Default;
        var image = TrackPlot.Render(log, SyntheticFlights.Features(), SyntheticFlights.Findings(), options);
        int vertices = TrackRuns(image).Sum(s => s.Data.GetScatterPoints().Count);
        Assert.InRange(vertices, 100, options.MaxDrawnPoints + 100);
        Assert.Contains(image.Notes, n => n.Contains("of 1000001 positions", StringComparison.Ordinal) && n.Contains("findings use every sample", StringComparison.Ordinal));
        var svg = image.ToSvg();
        Assert.True(svg.Length < 3_000_000, $"SVG is {svg.Length} characters");

        var profile = AltitudeProfile.Render(log, SyntheticFlights.Findings(), options);
        var line = profile.Plot.GetPlottables<Scatter>().Single(s => s.Data.GetScatterPoints().Count > 2);
        Assert.InRange(line.Data.GetScatterPoints().Count, 100, 4 * 960);
        Assert.Contains(profile.Notes, n => n.Contains("of 1000001 samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_shades_overflight_intervals_at_their_times()
    {
        var image = AltitudeProfile.Render(SyntheticFlights.Spiral(), SyntheticFlights.Findings());
        // The fixture's overflight is 100..112 s after the first sample, its proximity 78..90 s.
        var spans = image.Plot.GetPlottables<HorizontalSpan>().Select(s => (s.X1, s.X2)).ToList();
        Assert.Contains(spans, s => Math.Abs(s.X1 - 100) < 1e-9 && Math.Abs(s.X2 - 112) < 1e-9);
        Assert.Contains(spans, s => Math.Abs(s.X1 - 78) < 1e-9 && Math.Abs(s.X2 - 90) < 1e-9);
        Assert.Contains("Overflight", image.Legend);
        Assert.Contains("Photo (5)", image.Legend);
        // Five photo ticks: two-point vertical segments.
        Assert.Equal(5, image.Plot.GetPlottables<Scatter>().Count(s => s.Data.GetScatterPoints() is { Count: 2 } p && p[0].X == p[1].X));
    }
}
