using System.Globalization;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Scene;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// The track map: the flight coloured by height, start, end, home, the planned mission, infrastructure
/// features coloured by category and labelled, overflight segments highlighted, photo positions and
/// footprints, a metric scale bar, a north arrow and the OSM attribution when OSM features are shown.
/// </summary>
public static class TrackPlot
{
    private const double HeaderPixels = 48;
    private const double FooterPixels = 56;
    private const double LegendPixels = 200;
    private const double MarginPixels = 10;

    /// <summary>The map as SVG text (deterministic).</summary>
    public static string RenderSvg(FlightLog log, IReadOnlyList<ReportFeature>? features, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        SvgWriter.Write(BuildScene(log, features, findings, options));

    /// <summary>The map as a scene, for callers that want to add to it or write it elsewhere.</summary>
    public static Scene.Scene BuildScene(FlightLog log, IReadOnlyList<ReportFeature>? features, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= PlotOptions.Default;
        features ??= [];
        findings ??= [];
        var series = FlightSeries.From(log, options.Height);
        return BuildScene(log, series, features, findings, options);
    }

    internal static Scene.Scene BuildScene(FlightLog log, FlightSeries series, IReadOnlyList<ReportFeature> features, IReadOnlyList<ReportFinding> findings, PlotOptions options)
    {
        double width = Math.Max(320, options.MapWidthPixels), height = Math.Max(240, options.MapHeightPixels);
        var scene = new Scene.Scene(width, height)
        {
            Background = SceneColor.White,
            Title = options.Title ?? $"Track of {log.Evidence.FileName}",
            Description = $"Evidence {log.Evidence.FileName}, SHA-256 {log.Evidence.Sha256}; format {log.FormatId}; drawn by {FlightForensics.Core.ToolInfo.NameAndVersion}",
        };
        var area = new SceneRectangle(MarginPixels, HeaderPixels, width - LegendPixels - (2 * MarginPixels), height - HeaderPixels - FooterPixels, new Fill(Palette.MapBackground), new Stroke(Palette.Grid, 1));
        AddHeader(scene, log, options, width);
        scene.Add(area);

        var missionPoints = log.Events
            .Where(e => e.Kind == FlightEventKind.MissionItem && e.LatitudeDegrees is double && e.LongitudeDegrees is double)
            .Select(e => new LonLat(e.LongitudeDegrees!.Value, e.LatitudeDegrees!.Value)).Where(p => p.IsValid && !(p.LatitudeDegrees == 0 && p.LongitudeDegrees == 0)).ToList();
        var photos = PhotoPositions(log);
        var home = log.Home is { } h && new LonLat(h.LongitudeDegrees, h.LatitudeDegrees) is var hp && hp.IsValid && !(h.LatitudeDegrees == 0 && h.LongitudeDegrees == 0) ? hp : (LonLat?)null;

        // The flight decides the view; features only widen it up to a limit, so that a country-sized
        // zone does not shrink the track to a dot.
        var flightPositions = series.Positions.Concat(missionPoints).Concat(photos.Select(p => p.Position))
            .Concat(home is LonLat hh ? [hh] : []).Concat(findings.SelectMany(f => f.Footprint)).Where(p => p.IsValid).ToList();
        var featurePositions = features.SelectMany(f => f.Geometry.AllPositions()).Where(p => p.IsValid).ToList();
        var notes = new List<string>();
        if (flightPositions.Count == 0 && featurePositions.Count == 0)
        {
            scene.Add(new SceneText(new ScenePoint(area.X + (area.Width / 2), area.Y + (area.Height / 2)), "No position fix in this log: there is no track to draw.", 16, Palette.Muted) { Anchor = TextAnchor.Middle, CssClass = "no-fix" });
            AddFooter(scene, width, height, [$"{series.TotalSamples.ToString(CultureInfo.InvariantCulture)} samples, none with a valid position."], osm: false);
            return scene;
        }

        var projection = MapProjection.Centered(flightPositions.Count > 0 ? SampleForCenter(flightPositions) : featurePositions);
        var view = ViewTransform.Fit(projection, flightPositions, featurePositions, area);
        if (projection.CenterIsPolar)
        {
            notes.Add("The map is centred on a pole: north has no single direction, so no north arrow is drawn.");
        }

        var mapLayer = new List<SceneElement>();
        bool osm = false;
        var categoriesShown = new SortedDictionary<string, SceneColor>(StringComparer.Ordinal);
        foreach (var feature in features.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            var color = Palette.ForCategory(feature.Category);
            categoriesShown.TryAdd(string.IsNullOrWhiteSpace(feature.Category) ? "(no category)" : feature.Category, color);
            osm |= feature.IsOpenStreetMap;
            AddFeature(mapLayer, feature, color, view);
        }

        foreach (var finding in findings.Where(f => f.Kind == FindingKind.Capture && f.Footprint.Count >= 3))
        {
            mapLayer.Add(new ScenePolygon([finding.Footprint.Select(view.Project).ToList()], new Fill(Palette.Capture, 0.12), new Stroke(Palette.Capture, 1) { DashPixels = [4, 3] })
            {
                CssClass = "footprint",
                Title = $"Photo footprint covering {finding.FeatureName}{(finding.PhotoReference is { } pr ? " (" + pr + ")" : "")}",
            });
        }

        if (missionPoints.Count > 0)
        {
            var projected = missionPoints.Select(view.Project).ToList();
            mapLayer.Add(new ScenePolyline(projected, new Stroke(Palette.Mission, 1.5) { DashPixels = [6, 4] }) { CssClass = "mission", Title = "Planned mission" });
            for (int i = 0; i < projected.Count; i++)
            {
                mapLayer.Add(new SceneCircle(projected[i], 3, new Fill(SceneColor.White), new Stroke(Palette.Mission, 1.5)) { CssClass = "mission-item", Title = $"Mission item {i + 1}" });
            }
        }

        // Overflight highlight under the track, from all samples in each interval (not the decimated track).
        foreach (var finding in findings.Where(f => f.Kind == FindingKind.Overflight))
        {
            double t0 = series.SecondsOf(finding.EntryUtc, finding.EntryElapsedSeconds);
            double t1 = series.SecondsOf(finding.ExitUtc, finding.ExitElapsedSeconds);
            if (!double.IsFinite(t0) || !double.IsFinite(t1))
            {
                continue;
            }

            var idx = Enumerable.Range(0, series.Positions.Length).Where(i => series.PositionSeconds[i] >= t0 && series.PositionSeconds[i] <= t1);
            var pts = Decimation.ByPixel(idx.Select(i => view.Project(series.Positions[i])).ToList(), options.MaxDrawnPoints);
            var title = $"Overflight of {finding.FeatureName}: {FormatInterval(finding)}";
            if (pts.Count == 1)
            {
                mapLayer.Add(new SceneCircle(pts[0], 6, new Fill(Palette.Overflight, 0.45), null) { CssClass = "overflight", Title = title });
            }
            else
            {
                mapLayer.Add(new ScenePolyline(pts, new Stroke(Palette.Overflight, 9, 0.45) { RoundJoins = true }) { CssClass = "overflight", Title = title });
            }
        }

        var track = TrackRuns(series, view, options, out int drawn, out var heightTicks);
        mapLayer.Add(new SceneGroup(track) { CssClass = "track", Title = $"Track: {series.Positions.Length.ToString(CultureInfo.InvariantCulture)} positions" });
        if (drawn < series.Positions.Length)
        {
            notes.Add($"Track drawn through {drawn.ToString(CultureInfo.InvariantCulture)} of {series.Positions.Length.ToString(CultureInfo.InvariantCulture)} positions (points under half a pixel apart merged for drawing only); findings use every sample.");
        }

        foreach (var finding in findings.Where(f => f.Kind == FindingKind.Proximity && f.ClosestPosition is { IsValid: true }))
        {
            mapLayer.Add(new SceneMarker(view.Project(finding.ClosestPosition!.Value), MarkerShape.Diamond, 10, new Fill(Palette.Proximity), new Stroke(SceneColor.White, 1))
            {
                CssClass = "proximity",
                Title = $"Closest approach to {finding.FeatureName}: {Measure(finding.ClosestApproachMeters)} m",
            });
        }

        foreach (var (position, label) in photos)
        {
            mapLayer.Add(new SceneMarker(view.Project(position), MarkerShape.Square, 6, new Fill(SceneColor.White), new Stroke(Palette.Capture, 1.5)) { CssClass = "photo", Title = label });
        }

        if (home is LonLat homePosition)
        {
            var p = view.Project(homePosition);
            mapLayer.Add(new SceneMarker(p, MarkerShape.Triangle, 13, new Fill(Palette.Home), new Stroke(SceneColor.White, 1.5)) { CssClass = "home", Title = "Home point as recorded" });
            mapLayer.Add(new SceneText(new ScenePoint(p.X + 9, p.Y + 4), "H", 11, Palette.Home) { Bold = true, Halo = true });
        }

        if (series.Positions.Length > 0)
        {
            mapLayer.Add(new SceneCircle(view.Project(series.Positions[0]), 5, new Fill(Palette.Start), new Stroke(SceneColor.White, 1.5)) { CssClass = "start", Title = "Start (first position)" });
            mapLayer.Add(new SceneMarker(view.Project(series.Positions[^1]), MarkerShape.Square, 10, new Fill(Palette.End), new Stroke(SceneColor.White, 1.5)) { CssClass = "end", Title = "End (last position)" });
        }

        // Labels last, so they sit on top of everything they name.
        foreach (var feature in features.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            if (LabelPoint(feature, view) is ScenePoint lp)
            {
                mapLayer.Add(new SceneText(lp, Shorten(feature.Name, 40), 11, Palette.ForCategory(feature.Category).Darken()) { Anchor = TextAnchor.Middle, Halo = true, CssClass = "feature-label", Title = feature.Name });
            }
        }

        scene.Add(new SceneGroup(mapLayer) { Clip = area with { Fill = null, Stroke = null }, CssClass = "map" });
        if (!projection.CenterIsPolar)
        {
            AddNorthArrow(scene, area);
        }

        AddScaleBar(scene, area, view);
        AddLegend(scene, width, area, series, heightTicks, categoriesShown, missionPoints.Count > 0, photos.Count > 0, findings, home is not null);
        AddFooter(scene, width, height, notes, osm);
        return scene;
    }

    private static IEnumerable<LonLat> SampleForCenter(List<LonLat> positions)
    {
        // The centre needs no more than a few thousand points; a stride keeps it O(1)-ish on 1 M samples.
        int stride = Math.Max(1, positions.Count / 4096);
        for (int i = 0; i < positions.Count; i += stride)
        {
            yield return positions[i];
        }

        yield return positions[^1];
    }

    private static List<(LonLat Position, string Label)> PhotoPositions(FlightLog log)
    {
        var list = new List<(LonLat, string)>();
        foreach (var e in log.Events)
        {
            if (e.Kind == FlightEventKind.Photo && e.LatitudeDegrees is double lat && e.LongitudeDegrees is double lon && new LonLat(lon, lat) is { IsValid: true } p && !(lat == 0 && lon == 0))
            {
                list.Add((p, $"Photo {(e.TimeUtc is { } t ? Exports.NumberFormat.Utc(t) : "")} (offset {e.SourceOffset.ToString(CultureInfo.InvariantCulture)})"));
            }
        }

        if (list.Count > 0)
        {
            return list;
        }

        foreach (var s in log.Samples)
        {
            if (s.PhotoTaken == true && s.HasPosition)
            {
                list.Add((new LonLat(s.LongitudeDegrees!.Value, s.LatitudeDegrees!.Value), $"Photo {(s.TimeUtc is { } t ? Exports.NumberFormat.Utc(t) : "")} (offset {s.SourceOffset.ToString(CultureInfo.InvariantCulture)})"));
            }
        }

        return list;
    }

    private static List<SceneElement> TrackRuns(FlightSeries series, ViewTransform view, PlotOptions options, out int drawn, out TickSet? heightTicks)
    {
        var heights = series.PositionHeights.Where(double.IsFinite).ToList();
        var ticks = heights.Count > 0 ? NiceTicks.For(heights.Min(), heights.Max(), 7) : null;
        heightTicks = ticks;
        // One colour class per interval between nice ticks, so the legend reads 20–30, 30–40 ...
        int classes = ticks is null ? 1 : Math.Max(1, ticks.Values.Count - 1);
        int ClassOf(double h) => ticks is null || !double.IsFinite(h) ? -1
            : Math.Clamp((int)Math.Floor((h - ticks.Min) / ticks.Step), 0, classes - 1);

        var keep = Decimation.TrackIndices(series.Positions.Length, i => view.Project(series.Positions[i]), i => ClassOf(series.PositionHeights[i]), options.MaxDrawnPoints);
        drawn = keep.Count;
        var runs = new List<SceneElement>();
        if (keep.Count == 1)
        {
            runs.Add(new SceneCircle(view.Project(series.Positions[keep[0]]), 3, new Fill(ColorOf(ClassOf(series.PositionHeights[keep[0]]))), null));
            return runs;
        }

        var current = new List<ScenePoint>();
        int currentClass = int.MinValue;
        for (int k = 1; k < keep.Count; k++)
        {
            int a = keep[k - 1], b = keep[k];
            double ha = series.PositionHeights[a], hb = series.PositionHeights[b];
            double mid = double.IsFinite(ha) && double.IsFinite(hb) ? (ha + hb) / 2 : double.IsFinite(ha) ? ha : hb;
            int cls = ClassOf(mid);
            if (cls != currentClass)
            {
                Flush();
                currentClass = cls;
                current.Add(view.Project(series.Positions[a]));
            }

            current.Add(view.Project(series.Positions[b]));
        }

        Flush();
        return runs;

        SceneColor ColorOf(int cls) => cls < 0 ? Palette.NoHeight : Palette.RampColor(cls, classes);

        void Flush()
        {
            if (current.Count >= 2)
            {
                runs.Add(new ScenePolyline([.. current], new Stroke(ColorOf(currentClass), 2.2) { RoundJoins = true }));
            }

            current.Clear();
        }
    }

    private static void AddFeature(List<SceneElement> layer, ReportFeature feature, SceneColor color, ViewTransform view)
    {
        var title = $"{feature.Name} ({feature.Category}; {feature.Id}{(feature.Source is { } s ? "; " + s : "")})";
        var elements = new List<SceneElement>();
        foreach (var polygon in feature.Geometry.Polygons)
        {
            var rings = polygon.Select(r => (IReadOnlyList<ScenePoint>)r.Where(p => p.IsValid).Select(view.Project).ToList()).ToList();
            elements.Add(new ScenePolygon(rings, new Fill(color, 0.25), new Stroke(color, 1.2)));
        }

        foreach (var line in feature.Geometry.Lines)
        {
            elements.Add(new ScenePolyline(line.Where(p => p.IsValid).Select(view.Project).ToList(), new Stroke(color, 2)));
        }

        foreach (var point in feature.Geometry.Points.Where(p => p.IsValid))
        {
            elements.Add(new SceneMarker(view.Project(point), MarkerShape.Diamond, 9, new Fill(color, 0.8), new Stroke(SceneColor.White, 1)));
        }

        layer.Add(new SceneGroup(elements) { CssClass = "feature", Title = title });
    }

    private static ScenePoint? LabelPoint(ReportFeature feature, ViewTransform view)
    {
        var positions = feature.Geometry.Polygons.Count > 0 ? (feature.Geometry.Polygons[0].Count > 0 ? feature.Geometry.Polygons[0][0] : [])
            : feature.Geometry.Lines.Count > 0 ? feature.Geometry.Lines[0]
            : feature.Geometry.Points;
        var pts = positions.Where(p => p.IsValid).Select(view.Project).ToList();
        if (pts.Count == 0 || string.IsNullOrWhiteSpace(feature.Name))
        {
            return null;
        }

        double minX = pts.Min(p => p.X), maxX = pts.Max(p => p.X), minY = pts.Min(p => p.Y);
        // Above the feature's box, where it does not cover the outline's own fill.
        return new ScenePoint((minX + maxX) / 2, minY - 5);
    }

    private static void AddHeader(Scene.Scene scene, FlightLog log, PlotOptions options, double width)
    {
        scene.Add(new SceneText(new ScenePoint(MarginPixels, 22), Shorten(options.Title ?? $"Track of {log.Evidence.FileName}", 90), 17, Palette.Text) { Bold = true, CssClass = "title" });
        var start = log.StartUtc ?? log.Summary.FirstUtc;
        string sub = $"{(start is { } s ? "Start " + Exports.NumberFormat.Utc(s) + " · " : "")}SHA-256 {Shorten(log.Evidence.Sha256, 16)} · {log.FormatId}";
        scene.Add(new SceneText(new ScenePoint(MarginPixels, 40), sub, 11, Palette.Muted) { CssClass = "subtitle" });
        _ = width;
    }

    private static void AddFooter(Scene.Scene scene, double width, double height, IReadOnlyList<string> notes, bool osm)
    {
        double y = height - FooterPixels + 16;
        foreach (var note in notes.Take(3))
        {
            scene.Add(new SceneText(new ScenePoint(MarginPixels, y), note, 10.5, Palette.Muted) { CssClass = "note" });
            y += 14;
        }

        if (osm)
        {
            scene.Add(new SceneText(new ScenePoint(width - MarginPixels, height - 8), "Features © OpenStreetMap contributors, ODbL", 10.5, Palette.Muted) { Anchor = TextAnchor.End, CssClass = "attribution" });
        }
    }

    private static void AddNorthArrow(Scene.Scene scene, SceneRectangle area)
    {
        double x = area.X + 24, y = area.Y + 18;
        // The projection is centred on the flight, so north is straight up at the centre of the map.
        scene.Add(new ScenePolygon([[new ScenePoint(x, y), new ScenePoint(x + 8, y + 24), new ScenePoint(x, y + 19), new ScenePoint(x - 8, y + 24)]], new Fill(Palette.Text), new Stroke(SceneColor.White, 1))
        { CssClass = "north-arrow", Title = "North (true north at the map centre)" });
        scene.Add(new SceneText(new ScenePoint(x, y + 38), "N", 12, Palette.Text) { Anchor = TextAnchor.Middle, Bold = true, Halo = true });
    }

    private static void AddScaleBar(Scene.Scene scene, SceneRectangle area, ViewTransform view)
    {
        double meters = NiceTicks.NiceFloor(area.Width * 0.22 / view.PixelsPerMeter);
        if (meters <= 0)
        {
            return;
        }

        double length = meters * view.PixelsPerMeter;
        double x = area.X + 14, y = area.Y + area.Height - 16;
        string label = meters >= 1000 ? $"{Exports.NumberFormat.Measure(meters / 1000)} km" : $"{Exports.NumberFormat.Measure(meters)} m";
        scene.Add(new SceneRectangle(x - 4, y - 16, length + 8 + (label.Length * 7) + 6, 24, new Fill(SceneColor.White, 0.8), null));
        scene.Add(new ScenePolyline([new ScenePoint(x, y - 5), new ScenePoint(x, y), new ScenePoint(x + length, y), new ScenePoint(x + length, y - 5)], new Stroke(Palette.Text, 2)) { CssClass = "scale-bar", Title = $"Scale: {label} at the map centre" });
        scene.Add(new SceneText(new ScenePoint(x + length + 6, y + 1), label, 11, Palette.Text) { CssClass = "scale-label" });
    }

    private static void AddLegend(Scene.Scene scene, double width, SceneRectangle area, FlightSeries series, TickSet? ticks, SortedDictionary<string, SceneColor> categories, bool mission, bool photos, IReadOnlyList<ReportFinding> findings, bool home)
    {
        double x = width - LegendPixels + 4, y = area.Y + 12;
        var items = new List<SceneElement>();
        items.Add(new SceneText(new ScenePoint(x, y), series.HeightLabel, 11, Palette.Text) { Bold = true });
        y += 8;
        if (ticks is not null)
        {
            int classes = Math.Max(1, ticks.Values.Count - 1);
            double boxHeight = 14;
            for (int i = classes - 1; i >= 0; i--)
            {
                string lo = ticks.Values[Math.Min(i, ticks.Values.Count - 1)].ToString("F" + ticks.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                string hi = ticks.Values[Math.Min(i + 1, ticks.Values.Count - 1)].ToString("F" + ticks.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                items.Add(new SceneRectangle(x, y, 18, boxHeight, new Fill(Palette.RampColor(i, classes)), null));
                items.Add(new SceneText(new ScenePoint(x + 24, y + 11), $"{lo} – {hi}", 10, Palette.Text));
                y += boxHeight;
            }
        }
        else
        {
            items.Add(new SceneRectangle(x, y, 18, 10, new Fill(Palette.NoHeight), null));
            items.Add(new SceneText(new ScenePoint(x + 24, y + 9), "no height in log", 10, Palette.Text));
            y += 12;
        }

        y += 12;
        void Row(SceneElement symbol, string text)
        {
            items.Add(symbol);
            items.Add(new SceneText(new ScenePoint(x + 24, y + 4), text, 10.5, Palette.Text));
            y += 17;
        }

        Row(new SceneCircle(new ScenePoint(x + 9, y), 5, new Fill(Palette.Start), null), "Start");
        Row(new SceneMarker(new ScenePoint(x + 9, y), MarkerShape.Square, 9, new Fill(Palette.End), null), "End");
        if (home)
        {
            Row(new SceneMarker(new ScenePoint(x + 9, y), MarkerShape.Triangle, 11, new Fill(Palette.Home), null), "Home point");
        }

        if (mission)
        {
            Row(new ScenePolyline([new ScenePoint(x, y), new ScenePoint(x + 18, y)], new Stroke(Palette.Mission, 1.5) { DashPixels = [6, 4] }), "Planned mission");
        }

        if (findings.Any(f => f.Kind == FindingKind.Overflight))
        {
            Row(new ScenePolyline([new ScenePoint(x, y), new ScenePoint(x + 18, y)], new Stroke(Palette.Overflight, 8, 0.45)), "Overflight");
        }

        if (findings.Any(f => f.Kind == FindingKind.Proximity && f.ClosestPosition is not null))
        {
            Row(new SceneMarker(new ScenePoint(x + 9, y), MarkerShape.Diamond, 10, new Fill(Palette.Proximity), null), "Closest approach");
        }

        if (photos)
        {
            Row(new SceneMarker(new ScenePoint(x + 9, y), MarkerShape.Square, 6, new Fill(SceneColor.White), new Stroke(Palette.Capture, 1.5)), "Photo");
        }

        if (findings.Any(f => f.Kind == FindingKind.Capture && f.Footprint.Count >= 3))
        {
            Row(new SceneRectangle(x + 2, y - 5, 14, 10, new Fill(Palette.Capture, 0.12), new Stroke(Palette.Capture, 1) { DashPixels = [4, 3] }), "Photo footprint");
        }

        if (categories.Count > 0)
        {
            y += 6;
            items.Add(new SceneText(new ScenePoint(x, y), "Features", 11, Palette.Text) { Bold = true });
            y += 14;
            foreach (var (name, color) in categories.Take(12))
            {
                Row(new SceneRectangle(x + 2, y - 5, 14, 10, new Fill(color, 0.35), new Stroke(color, 1.2)), Shorten(name, 24));
            }

            if (categories.Count > 12)
            {
                items.Add(new SceneText(new ScenePoint(x, y + 4), $"+{(categories.Count - 12).ToString(CultureInfo.InvariantCulture)} more categories", 10, Palette.Muted));
            }
        }

        scene.Add(new SceneGroup(items) { CssClass = "legend" });
    }

    internal static string FormatInterval(ReportFinding f)
    {
        string a = f.EntryUtc is { } e ? Exports.NumberFormat.Utc(e) : f.EntryElapsedSeconds is double es ? Exports.NumberFormat.Seconds(es) + " s" : "?";
        string b = f.ExitUtc is { } x ? Exports.NumberFormat.Utc(x) : f.ExitElapsedSeconds is double xs ? Exports.NumberFormat.Seconds(xs) + " s" : "?";
        return $"{a} – {b}";
    }

    internal static string Measure(double? value) => value is double v && double.IsFinite(v) ? Exports.NumberFormat.Measure(Math.Round(v, 1)) : "?";

    internal static string Shorten(string? text, int max)
    {
        text ??= "";
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    private static SceneColor Darken(this SceneColor c) => new((byte)(c.R * 0.6), (byte)(c.G * 0.6), (byte)(c.B * 0.6));
}

/// <summary>Projection plane (metres) to pixels: uniform scale, y flipped, centred in the map area.</summary>
internal sealed class ViewTransform
{
    private readonly MapProjection _projection;
    private readonly double _centerEast;
    private readonly double _centerNorth;
    private readonly double _centerX;
    private readonly double _centerY;

    private ViewTransform(MapProjection projection, double pixelsPerMeter, double centerEast, double centerNorth, double centerX, double centerY)
    {
        _projection = projection;
        PixelsPerMeter = pixelsPerMeter;
        _centerEast = centerEast;
        _centerNorth = centerNorth;
        _centerX = centerX;
        _centerY = centerY;
    }

    public double PixelsPerMeter { get; }

    public ScenePoint Project(LonLat p)
    {
        var (e, n) = _projection.Forward(p.LatitudeDegrees, p.LongitudeDegrees);
        return new ScenePoint(_centerX + ((e - _centerEast) * PixelsPerMeter), _centerY - ((n - _centerNorth) * PixelsPerMeter));
    }

    public static ViewTransform Fit(MapProjection projection, IReadOnlyList<LonLat> primary, IReadOnlyList<LonLat> secondary, SceneRectangle area)
    {
        var (minE, maxE, minN, maxN) = Extent(projection, primary.Count > 0 ? primary : secondary);
        if (primary.Count > 0 && secondary.Count > 0)
        {
            // Let features widen the view to at most three times the flight's own extent (plus 500 m).
            double spanE = Math.Max(maxE - minE, 100), spanN = Math.Max(maxN - minN, 100);
            double limE = spanE + 500, limN = spanN + 500;
            var (fMinE, fMaxE, fMinN, fMaxN) = Extent(projection, secondary);
            minE = Math.Min(minE, Math.Max(fMinE, minE - limE));
            maxE = Math.Max(maxE, Math.Min(fMaxE, maxE + limE));
            minN = Math.Min(minN, Math.Max(fMinN, minN - limN));
            maxN = Math.Max(maxN, Math.Min(fMaxN, maxN + limN));
        }

        // A single point or a hover still gets a readable 100 m frame.
        double width = Math.Max(maxE - minE, 100), height = Math.Max(maxN - minN, 100);
        double scale = Math.Min(area.Width * 0.9 / width, area.Height * 0.9 / height);
        return new ViewTransform(projection, scale, (minE + maxE) / 2, (minN + maxN) / 2, area.X + (area.Width / 2), area.Y + (area.Height / 2));
    }

    private static (double MinE, double MaxE, double MinN, double MaxN) Extent(MapProjection projection, IReadOnlyList<LonLat> positions)
    {
        double minE = double.MaxValue, maxE = double.MinValue, minN = double.MaxValue, maxN = double.MinValue;
        foreach (var p in positions)
        {
            var (e, n) = projection.Forward(p.LatitudeDegrees, p.LongitudeDegrees);
            minE = Math.Min(minE, e);
            maxE = Math.Max(maxE, e);
            minN = Math.Min(minN, n);
            maxN = Math.Max(maxN, n);
        }

        return positions.Count == 0 ? (0, 0, 0, 0) : (minE, maxE, minN, maxN);
    }
}
