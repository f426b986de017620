using System.Globalization;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Scene;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Height over time: one line of the chosen height reference, the overflight (and proximity)
/// intervals shaded, photo times marked as ticks along the top.
/// </summary>
public static class AltitudeProfile
{
    private const double Left = 64, Right = 20, Top = 52, Bottom = 62;

    public static string RenderSvg(FlightLog log, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        SvgWriter.Write(BuildScene(log, findings, options));

    public static Scene.Scene BuildScene(FlightLog log, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= PlotOptions.Default;
        return BuildScene(log, FlightSeries.From(log, options.Height), findings ?? [], options);
    }

    internal static Scene.Scene BuildScene(FlightLog log, FlightSeries series, IReadOnlyList<ReportFinding> findings, PlotOptions options)
    {
        double width = Math.Max(320, options.ProfileWidthPixels), height = Math.Max(200, options.ProfileHeightPixels);
        var scene = new Scene.Scene(width, height)
        {
            Title = $"Height profile of {log.Evidence.FileName}",
            Description = $"Evidence {log.Evidence.FileName}, SHA-256 {log.Evidence.Sha256}; drawn by {FlightForensics.Core.ToolInfo.NameAndVersion}",
        };
        scene.Add(new SceneText(new ScenePoint(10, 22), TrackPlot.Shorten(options.Title ?? $"Height profile of {log.Evidence.FileName}", 90), 15, Palette.Text) { Bold = true, CssClass = "title" });
        var plot = new SceneRectangle(Left, Top, width - Left - Right, height - Top - Bottom, new Fill(SceneColor.White), new Stroke(Palette.Grid, 1));
        if (series.ProfileSeconds.Length == 0)
        {
            scene.Add(plot);
            scene.Add(new SceneText(new ScenePoint(plot.X + (plot.Width / 2), plot.Y + (plot.Height / 2)), "No timed height in this log: there is no profile to draw.", 14, Palette.Muted) { Anchor = TextAnchor.Middle, CssClass = "no-data" });
            return scene;
        }

        double tMin = series.ProfileSeconds.Min(), tMax = series.ProfileSeconds.Max();
        var photoTimes = PhotoTimes(log, series);
        var intervals = findings
            .Where(f => f.Kind is FindingKind.Overflight or FindingKind.Proximity)
            .Select(f => (Finding: f, From: series.SecondsOf(f.EntryUtc, f.EntryElapsedSeconds), To: series.SecondsOf(f.ExitUtc, f.ExitElapsedSeconds)))
            .Where(i => double.IsFinite(i.From) && double.IsFinite(i.To))
            .OrderBy(i => i.From).ThenBy(i => i.Finding.FeatureId, StringComparer.Ordinal).ToList();
        var xTicks = NiceTicks.ForSeconds(tMin, tMax, (int)(plot.Width / 110));
        var yTicks = NiceTicks.For(Math.Min(0, series.ProfileHeights.Min()), series.ProfileHeights.Max(), 5);
        double X(double t) => plot.X + ((t - xTicks.Min) / (xTicks.Max - xTicks.Min) * plot.Width);
        double Y(double h) => plot.Y + plot.Height - ((h - yTicks.Min) / (yTicks.Max - yTicks.Min) * plot.Height);

        scene.Add(plot);
        var grid = new List<SceneElement>();
        foreach (var t in xTicks.Values)
        {
            grid.Add(new ScenePolyline([new ScenePoint(X(t), plot.Y), new ScenePoint(X(t), plot.Y + plot.Height)], new Stroke(Palette.Grid, 1)));
            grid.Add(new SceneText(new ScenePoint(X(t), plot.Y + plot.Height + 16), FlightSeries.FormatClock(t), 10.5, Palette.Text) { Anchor = TextAnchor.Middle });
        }

        foreach (var h in yTicks.Values)
        {
            grid.Add(new ScenePolyline([new ScenePoint(plot.X, Y(h)), new ScenePoint(plot.X + plot.Width, Y(h))], new Stroke(Palette.Grid, 1)));
            grid.Add(new SceneText(new ScenePoint(plot.X - 6, Y(h) + 4), h.ToString("F" + yTicks.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), 10.5, Palette.Text) { Anchor = TextAnchor.End });
        }

        scene.Add(new SceneGroup(grid) { CssClass = "axes" });
        string clockFormat = xTicks.Max - xTicks.Min >= 3600 ? "h:mm:ss" : "m:ss";
        string clockName = series.ClockOriginUtc is { } o ? $"time since {Exports.NumberFormat.Utc(o)} ({clockFormat})" : $"time on the log's clock ({clockFormat})";
        scene.Add(new SceneText(new ScenePoint(plot.X + (plot.Width / 2), height - 28), clockName, 11, Palette.Text) { Anchor = TextAnchor.Middle, CssClass = "x-label" });
        scene.Add(new SceneText(new ScenePoint(10, Top - 10), series.HeightLabel, 11, Palette.Text) { CssClass = "y-label" });

        var shading = new List<SceneElement>();
        foreach (var (finding, from, to) in intervals)
        {
            double x0 = Math.Clamp(X(Math.Min(from, to)), plot.X, plot.X + plot.Width), x1 = Math.Clamp(X(Math.Max(from, to)), plot.X, plot.X + plot.Width);
            var color = finding.Kind == FindingKind.Overflight ? Palette.Overflight : Palette.Proximity;
            shading.Add(new SceneRectangle(x0, plot.Y, Math.Max(1.5, x1 - x0), plot.Height, new Fill(color, 0.16), null)
            {
                CssClass = finding.Kind == FindingKind.Overflight ? "overflight" : "proximity",
                Title = $"{(finding.Kind == FindingKind.Overflight ? "Overflight of" : "Close to")} {finding.FeatureName}: {TrackPlot.FormatInterval(finding)}",
            });
        }

        scene.Add(new SceneGroup(shading) { CssClass = "intervals" });
        var keep = Decimation.MinMaxPerColumn(series.ProfileSeconds, series.ProfileHeights, xTicks.Min, xTicks.Max, (int)plot.Width);
        var points = keep.Select(i => new ScenePoint(X(series.ProfileSeconds[i]), Y(series.ProfileHeights[i]))).ToList();
        if (points.Count == 1)
        {
            scene.Add(new SceneCircle(points[0], 3, new Fill(Palette.Series), null) { CssClass = "series" });
        }
        else
        {
            scene.Add(new ScenePolyline(points, new Stroke(Palette.Series, 1.6) { RoundJoins = true }) { CssClass = "series", Title = series.HeightLabel });
        }

        var marks = new List<SceneElement>();
        foreach (var (t, label) in photoTimes.Where(p => p.Seconds >= xTicks.Min && p.Seconds <= xTicks.Max))
        {
            marks.Add(new ScenePolyline([new ScenePoint(X(t), plot.Y), new ScenePoint(X(t), plot.Y + 9)], new Stroke(Palette.Capture, 1.5)) { Title = label });
        }

        scene.Add(new SceneGroup(marks) { CssClass = "photos" });
        var notes = new List<string>();
        if (keep.Count < series.ProfileSeconds.Length)
        {
            notes.Add($"Line drawn through {keep.Count.ToString(CultureInfo.InvariantCulture)} of {series.ProfileSeconds.Length.ToString(CultureInfo.InvariantCulture)} samples (first/min/max/last per pixel column, drawing only).");
        }

        var legend = new List<string>();
        if (intervals.Any(i => i.Finding.Kind == FindingKind.Overflight))
        {
            legend.Add("red band: overflight");
        }

        if (intervals.Any(i => i.Finding.Kind == FindingKind.Proximity))
        {
            legend.Add("orange band: close approach");
        }

        if (photoTimes.Count > 0)
        {
            legend.Add($"purple ticks: {photoTimes.Count.ToString(CultureInfo.InvariantCulture)} photos");
        }

        if (legend.Count > 0)
        {
            scene.Add(new SceneText(new ScenePoint(width - Right, 22), string.Join(" · ", legend), 10.5, Palette.Muted) { Anchor = TextAnchor.End, CssClass = "legend" });
        }

        if (notes.Count > 0)
        {
            scene.Add(new SceneText(new ScenePoint(10, height - 8), notes[0], 10, Palette.Muted) { CssClass = "note" });
        }

        return scene;
    }

    private static List<(double Seconds, string Label)> PhotoTimes(FlightLog log, FlightSeries series)
    {
        var list = new List<(double, string)>();
        foreach (var e in log.Events.Where(e => e.Kind == FlightEventKind.Photo))
        {
            double t = series.SecondsOf(e.TimeUtc, e.ElapsedSeconds);
            if (double.IsFinite(t))
            {
                list.Add((t, $"Photo at {FlightSeries.FormatClock(t)} (offset {e.SourceOffset.ToString(CultureInfo.InvariantCulture)})"));
            }
        }

        if (list.Count == 0)
        {
            foreach (var s in log.Samples.Where(s => s.PhotoTaken == true))
            {
                double t = series.SecondsOf(s.TimeUtc, s.ElapsedSeconds);
                if (double.IsFinite(t))
                {
                    list.Add((t, $"Photo at {FlightSeries.FormatClock(t)} (offset {s.SourceOffset.ToString(CultureInfo.InvariantCulture)})"));
                }
            }
        }

        return list;
    }
}
