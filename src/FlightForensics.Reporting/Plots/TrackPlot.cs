using System.Globalization;
using FlightForensics.Core.Model;
using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>A camera's ground footprint to draw on the map: its outline in lat/lon (at least three corners).</summary>
public sealed record PlotFootprint(IReadOnlyList<LonLat> Outline);

/// <summary>
/// The track map, drawn by ScottPlot: the flight coloured by height, start, end, home, the planned mission,
/// infrastructure features by category colour with labels that do not overlap, overflight segments highlighted,
/// closest approaches, photo positions and camera footprints, a metric scale bar, a north arrow, a legend and the
/// OSM attribution when OSM features are shown. Axes are metres in <see cref="MapProjection"/> with equal units.
/// </summary>
public static class TrackPlot
{
    /// <summary>The map as SVG text (deterministic).</summary>
    public static string RenderSvg(FlightLog log, IReadOnlyList<ReportFeature>? features, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        Render(log, features, findings, options).ToSvg();

    /// <summary>
    /// The map. <paramref name="footprints"/> are the camera footprints to draw; when null, those of the capture
    /// findings are drawn.
    /// </summary>
    public static PlotImage Render(FlightLog log, IReadOnlyList<ReportFeature>? features, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null, IReadOnlyList<PlotFootprint>? footprints = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= PlotOptions.Default;
        return Render(log, FlightSeries.From(log, options.Height), features ?? [], findings ?? [], options, footprints);
    }

    internal static PlotImage Render(FlightLog log, FlightSeries series, IReadOnlyList<ReportFeature> features, IReadOnlyList<ReportFinding> findings, PlotOptions options, IReadOnlyList<PlotFootprint>? footprints = null)
    {
        PlotFonts.Ensure();
        int width = (int)Math.Max(320, options.MapWidthPixels), height = (int)Math.Max(240, options.MapHeightPixels);
        footprints ??= [.. findings.Where(f => f.Kind == FindingKind.Capture && f.Footprint.Count >= 3).Select(f => new PlotFootprint(f.Footprint))];
        footprints = [.. footprints.Where(f => f.Outline.Count(p => p.IsValid) >= 3)];
        var plot = MapDecorations.NewPlot(options.Title ?? $"Track of {log.Evidence.FileName}", Subtitle(log));

        var missionPoints = log.Events
            .Where(e => e.Kind == FlightEventKind.MissionItem && e.LatitudeDegrees is double && e.LongitudeDegrees is double)
            .Select(e => new LonLat(e.LongitudeDegrees!.Value, e.LatitudeDegrees!.Value)).Where(Usable).ToList();
        var photos = PhotoPositions(log);
        LonLat? home = log.Home is { } h && new LonLat(h.LongitudeDegrees, h.LatitudeDegrees) is var hp && Usable(hp) ? hp : null;

        var flightPositions = series.Positions.Concat(missionPoints).Concat(photos.Select(p => p.Position))
            .Concat(home is LonLat hh ? [hh] : []).Concat(footprints.SelectMany(f => f.Outline)).Where(p => p.IsValid).ToList();
        var featurePositions = features.SelectMany(f => f.Geometry.AllPositions()).Where(p => p.IsValid).ToList();
        var notes = new List<string>();
        if (flightPositions.Count == 0 && featurePositions.Count == 0)
        {
            notes.Add($"{series.TotalSamples.ToString(CultureInfo.InvariantCulture)} samples, none with a valid position.");
            return MapDecorations.NoFix(plot, width, height, "No position fix in this log: there is no track to draw.", notes);
        }

        var named = new HashSet<string>(findings.Select(f => f.FeatureId), StringComparer.Ordinal);
        var projection = MapProjection.Centered(flightPositions.Count > 0 ? SampleForCenter(flightPositions) : featurePositions);
        var frame = MapFrame.Fit(projection, flightPositions, featurePositions,
            [.. features.Where(f => named.Contains(f.Id)).SelectMany(f => f.Geometry.AllPositions()).Where(p => p.IsValid)]);
        if (projection.CenterIsPolar)
        {
            notes.Add("The map is centred on a pole: north has no single direction, so no north arrow is drawn.");
        }

        var ordered = features.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var legend = new MapLegend(series.HeightLabel);
        var heights = series.PositionHeights.Where(double.IsFinite).ToList();
        var ticks = heights.Count > 0 ? NiceTicks.For(heights.Min(), heights.Max(), 7) : null;
        legend.HeightClasses(ticks);
        legend.Symbols(home is not null, missionPoints.Count > 0, findings, photos.Count > 0, footprints.Count > 0);
        legend.Categories(ordered);
        var view = MapDecorations.Layout(plot, legend, frame, width, height);
        double pixelsPerMeter = view.PixelsPerMeter;

        bool osm = false;
        foreach (var feature in ordered)
        {
            osm |= feature.IsOpenStreetMap;
            MapLayers.AddFeature(plot, feature, frame);
        }

        foreach (var footprint in footprints)
        {
            MapLayers.AddFootprint(plot, footprint, frame);
        }

        if (missionPoints.Count > 0)
        {
            MapLayers.AddMission(plot, missionPoints, frame);
        }

        // Overflight highlight under the track, from all samples in each interval (not the decimated track).
        foreach (var finding in findings.Where(f => f.Kind == FindingKind.Overflight))
        {
            double t0 = series.SecondsOf(finding.EntryUtc, finding.EntryElapsedSeconds);
            double t1 = series.SecondsOf(finding.ExitUtc, finding.ExitElapsedSeconds);
            if (double.IsFinite(t0) && double.IsFinite(t1))
            {
                var inside = Enumerable.Range(0, series.Positions.Length).Where(i => series.PositionSeconds[i] >= t0 && series.PositionSeconds[i] <= t1);
                MapLayers.AddOverflight(plot, [.. inside.Select(i => frame.Project(series.Positions[i]))], pixelsPerMeter, options.MaxDrawnPoints);
            }
        }

        int drawn = MapLayers.AddTrack(plot, series, frame, ticks, pixelsPerMeter, options.MaxDrawnPoints);
        if (drawn < series.Positions.Length)
        {
            notes.Add($"Track drawn through {drawn.ToString(CultureInfo.InvariantCulture)} of {series.Positions.Length.ToString(CultureInfo.InvariantCulture)} positions (points under half a pixel apart merged for drawing only); findings use every sample.");
        }

        foreach (var finding in findings.Where(f => f.Kind == FindingKind.Proximity && f.ClosestPosition is { IsValid: true }))
        {
            MapLayers.Point(plot, frame.Project(finding.ClosestPosition!.Value), MarkerShape.FilledDiamond, 10, Palette.Proximity);
        }

        foreach (var (position, _) in photos)
        {
            MapLayers.Point(plot, frame.Project(position), MarkerShape.OpenSquare, 7, Palette.Capture);
        }

        if (home is LonLat homePosition)
        {
            MapLayers.Point(plot, frame.Project(homePosition), MarkerShape.FilledTriangleUp, 13, Palette.Home);
        }

        if (series.Positions.Length > 0)
        {
            MapLayers.Point(plot, frame.Project(series.Positions[0]), MarkerShape.FilledCircle, 11, Palette.Start);
            MapLayers.Point(plot, frame.Project(series.Positions[^1]), MarkerShape.FilledSquare, 10, Palette.End);
        }

        // Labels last, so they sit on top of everything they name; features a finding names first.
        var labels = new List<PixelRect>();
        int dropped = MapLabels.Place(plot, [.. ordered.OrderBy(f => named.Contains(f.Id) ? 0 : 1)], frame, view, labels);
        if (dropped > 0)
        {
            notes.Add($"{dropped.ToString(CultureInfo.InvariantCulture)} feature label(s) left out where they would cover another label.");
        }

        if (!projection.CenterIsPolar)
        {
            MapDecorations.AddNorthArrow(plot, view);
        }

        var scale = MapDecorations.AddScaleBar(plot, view);
        if (osm)
        {
            MapDecorations.AddAttribution(plot, "Features © OpenStreetMap contributors, ODbL");
        }

        MapDecorations.AddNotes(plot, notes);
        return new PlotImage(plot, width, height, notes, legend.Entries) { ScaleBar = scale, View = view, LabelBoxes = labels };
    }

    private static bool Usable(LonLat p) => p.IsValid && !(p.LatitudeDegrees == 0 && p.LongitudeDegrees == 0);

    private static string Subtitle(FlightLog log)
    {
        var start = log.StartUtc ?? log.Summary.FirstUtc;
        return $"{(start is { } s ? "Start " + Exports.NumberFormat.Utc(s) + " · " : "")}SHA-256 {Shorten(log.Evidence.Sha256, 16)} · {log.FormatId}";
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
            if (e.Kind == FlightEventKind.Photo && e.LatitudeDegrees is double lat && e.LongitudeDegrees is double lon && new LonLat(lon, lat) is var p && Usable(p))
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

    internal static string FormatInterval(ReportFinding f)
    {
        string a = f.EntryUtc is { } e ? Exports.NumberFormat.Utc(e) : f.EntryElapsedSeconds is double es ? Exports.NumberFormat.Seconds(es) + " s" : "?";
        string b = f.ExitUtc is { } x ? Exports.NumberFormat.Utc(x) : f.ExitElapsedSeconds is double xs ? Exports.NumberFormat.Seconds(xs) + " s" : "?";
        return $"{a} – {b}";
    }

    internal static string Measure(double? value) => value is double v && double.IsFinite(v) ? Exports.NumberFormat.Measure(Math.Round(v, 1)) : "?";

    /// <summary>
    /// Text for a plot: at most <paramref name="max"/> characters, and characters XML cannot carry (controls, lone
    /// surrogates) replaced by U+FFFD. Skia's SVG writer escapes markup but passes those through, which would make
    /// the SVG unreadable; names and file names come from evidence and layers, so every text goes through here.
    /// </summary>
    internal static string Shorten(string? text, int max)
    {
        text ??= "";
        text = text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (c < 0x20 || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
