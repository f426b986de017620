using FlightForensics.Core.Model;
using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>The map's data layers as ScottPlot plottables, in metres of <see cref="MapFrame"/>.</summary>
internal static class MapLayers
{
    public static void AddFeature(Plot plot, ReportFeature feature, MapFrame frame)
    {
        var color = Palette.ForCategory(feature.Category);
        foreach (var polygon in feature.Geometry.Polygons)
        {
            for (int r = 0; r < polygon.Count; r++)
            {
                var ring = polygon[r].Where(p => p.IsValid).Select(frame.Project).ToArray();
                if (ring.Length < 3)
                {
                    continue;
                }

                if (r == 0)
                {
                    var shape = plot.Add.Polygon(ring);
                    shape.FillColor = color.WithAlpha(0.25);
                    shape.LineColor = color;
                    shape.LineWidth = 1.2f;
                }
                else
                {
                    // A hole: its outline, over the outer fill (ScottPlot polygons have one ring).
                    Line(plot, [.. ring, ring[0]], color, 1.2f);
                }
            }
        }

        foreach (var line in feature.Geometry.Lines)
        {
            var points = line.Where(p => p.IsValid).Select(frame.Project).ToArray();
            if (points.Length >= 2)
            {
                Line(plot, points, color, 2);
            }
        }

        foreach (var point in feature.Geometry.Points.Where(p => p.IsValid))
        {
            Point(plot, frame.Project(point), MarkerShape.FilledDiamond, 9, color);
        }
    }

    public static void AddFootprint(Plot plot, PlotFootprint footprint, MapFrame frame)
    {
        var shape = plot.Add.Polygon([.. footprint.Outline.Where(p => p.IsValid).Select(frame.Project)]);
        shape.FillColor = Palette.Capture.WithAlpha(0.12);
        shape.LineColor = Palette.Capture;
        shape.LineWidth = 1;
        shape.LinePattern = LinePattern.Dashed;
    }

    public static void AddMission(Plot plot, List<LonLat> missionPoints, MapFrame frame)
    {
        var points = missionPoints.Select(frame.Project).ToArray();
        var line = plot.Add.ScatterLine(points, Palette.Mission);
        line.LineWidth = 1.5f;
        line.LinePattern = LinePattern.Dashed;
        line.MarkerShape = MarkerShape.OpenCircle;
        line.MarkerSize = 6;
        line.MarkerLineWidth = 1.5f;
        line.MarkerLineColor = Palette.Mission;
        if (points.Length == 1)
        {
            line.LineWidth = 0;
        }
    }

    public static void AddOverflight(Plot plot, List<Coordinates> points, double pixelsPerMeter, int maxPoints)
    {
        var kept = Decimation.ByPixel([.. points.Select(c => ToPixels(c, pixelsPerMeter))], maxPoints).Select(p => FromPixels(p, pixelsPerMeter)).ToArray();
        if (kept.Length == 0)
        {
            return;
        }

        if (kept.Length == 1)
        {
            Point(plot, kept[0], MarkerShape.FilledCircle, 12, Palette.Overflight.WithAlpha(0.45));
            return;
        }

        Line(plot, kept, Palette.Overflight.WithAlpha(0.45), 9);
    }

    /// <summary>The track in runs of one height class each; returns how many positions were drawn.</summary>
    public static int AddTrack(Plot plot, FlightSeries series, MapFrame frame, TickSet? ticks, double pixelsPerMeter, int maxPoints)
    {
        // One colour class per interval between nice ticks, so the legend reads 20–30, 30–40 ...
        int classes = ticks is null ? 1 : Math.Max(1, ticks.Values.Count - 1);
        int ClassOf(double h) => ticks is null || !double.IsFinite(h) ? -1
            : Math.Clamp((int)Math.Floor((h - ticks.Min) / ticks.Step), 0, classes - 1);
        Color ColorOf(int cls) => cls < 0 ? Palette.NoHeight : Palette.RampColor(cls, classes);

        var projected = new Coordinates[series.Positions.Length];
        for (int i = 0; i < projected.Length; i++)
        {
            projected[i] = frame.Project(series.Positions[i]);
        }

        var keep = Decimation.TrackIndices(projected.Length, i => ToPixels(projected[i], pixelsPerMeter), i => ClassOf(series.PositionHeights[i]), maxPoints);
        if (keep.Count == 1)
        {
            Point(plot, projected[keep[0]], MarkerShape.FilledCircle, 6, ColorOf(ClassOf(series.PositionHeights[keep[0]])));
            return 1;
        }

        var run = new List<Coordinates>();
        int runClass = int.MinValue;
        for (int k = 1; k < keep.Count; k++)
        {
            int a = keep[k - 1], b = keep[k];
            double ha = series.PositionHeights[a], hb = series.PositionHeights[b];
            double mid = double.IsFinite(ha) && double.IsFinite(hb) ? (ha + hb) / 2 : double.IsFinite(ha) ? ha : hb;
            int cls = ClassOf(mid);
            if (cls != runClass)
            {
                Flush();
                runClass = cls;
                run.Add(projected[a]);
            }

            run.Add(projected[b]);
        }

        Flush();
        return keep.Count;

        void Flush()
        {
            if (run.Count >= 2)
            {
                Line(plot, [.. run], ColorOf(runClass), 2.2f);
            }

            run.Clear();
        }
    }

    public static void Point(Plot plot, Coordinates at, MarkerShape shape, float size, Color color)
    {
        var marker = plot.Add.Marker(at, shape, size, color);
        bool open = shape is MarkerShape.OpenSquare or MarkerShape.OpenCircle;
        marker.MarkerLineWidth = open ? 1.5f : 1;
        if (!open)
        {
            // A white rim keeps filled symbols apart from the track under them.
            marker.MarkerLineColor = Palette.White;
        }
    }

    private static void Line(Plot plot, Coordinates[] points, Color color, float width)
    {
        var line = plot.Add.ScatterLine(points, color);
        line.LineWidth = width;
        line.MarkerSize = 0;
    }

    private static PixelPoint ToPixels(Coordinates c, double pixelsPerMeter) => new(c.X * pixelsPerMeter, -c.Y * pixelsPerMeter);

    private static Coordinates FromPixels(PixelPoint p, double pixelsPerMeter) => new(p.X / pixelsPerMeter, -p.Y / pixelsPerMeter);
}
