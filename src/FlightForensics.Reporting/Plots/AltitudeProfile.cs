using System.Globalization;
using FlightForensics.Core.Model;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Height over time, drawn by ScottPlot: one line of the chosen height reference, the overflight (and proximity)
/// intervals shaded, photo times marked as ticks along the top, a legend naming each.
/// </summary>
public static class AltitudeProfile
{
    private const int Left = 64, Right = 230, Top = 40, Bottom = 66;

    public static string RenderSvg(FlightLog log, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        Render(log, findings, options).ToSvg();

    public static PlotImage Render(FlightLog log, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= PlotOptions.Default;
        return Render(log, FlightSeries.From(log, options.Height), findings ?? [], options);
    }

    internal static PlotImage Render(FlightLog log, FlightSeries series, IReadOnlyList<ReportFinding> findings, PlotOptions options)
    {
        PlotFonts.Ensure();
        int width = (int)Math.Max(320, options.ProfileWidthPixels), height = (int)Math.Max(200, options.ProfileHeightPixels);
        var plot = new Plot();
        plot.FigureBackground.Color = Palette.White;
        plot.DataBackground.Color = Palette.White;
        plot.Grid.MajorLineColor = Palette.Grid;
        plot.Axes.Title.Label.Text = TrackPlot.Shorten(options.Title ?? $"Height profile of {log.Evidence.FileName}", 90);
        plot.Axes.Title.Label.FontSize = 14;
        plot.Axes.Title.Label.ForeColor = Palette.Text;
        plot.Layout.Fixed(new PixelPadding(Left, Right, Bottom, Top));
        var notes = new List<string>();
        if (series.ProfileSeconds.Length == 0)
        {
            return MapDecorations.NoFix(plot, width, height, "No timed height in this log: there is no profile to draw.", notes);
        }

        double tMin = series.ProfileSeconds.Min(), tMax = series.ProfileSeconds.Max();
        double dataWidth = width - Left - Right, dataHeight = height - Top - Bottom;
        var xTicks = NiceTicks.ForSeconds(tMin, tMax, Math.Max(2, (int)(dataWidth / 110)));
        var yTicks = NiceTicks.For(Math.Min(0, series.ProfileHeights.Min()), series.ProfileHeights.Max(), 5);
        plot.Axes.SetLimits(xTicks.Min, xTicks.Max, yTicks.Min, yTicks.Max);
        string yFormat = "F" + yTicks.Decimals.ToString(CultureInfo.InvariantCulture);
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. xTicks.Values], [.. xTicks.Values.Select(FlightSeries.FormatClock)]);
        plot.Axes.Left.TickGenerator = new NumericManual([.. yTicks.Values], [.. yTicks.Values.Select(v => v.ToString(yFormat, CultureInfo.InvariantCulture))]);
        string clockFormat = xTicks.Max - xTicks.Min >= 3600 ? "h:mm:ss" : "m:ss";
        plot.Axes.Bottom.Label.Text = series.ClockOriginUtc is { } o ? $"time since {Exports.NumberFormat.Utc(o)} ({clockFormat})" : $"time on the log's clock ({clockFormat})";
        plot.Axes.Left.Label.Text = series.HeightLabel;
        foreach (var label in new[] { plot.Axes.Bottom.Label, plot.Axes.Left.Label })
        {
            label.FontSize = 11;
            label.Bold = false;
            label.ForeColor = Palette.Text;
        }

        var legend = new List<LegendItem> { new() { LabelText = series.HeightLabel, LineColor = Palette.Series, LineWidth = 1.6f } };
        var intervals = findings
            .Where(f => f.Kind is FindingKind.Overflight or FindingKind.Proximity)
            .Select(f => (Finding: f, From: series.SecondsOf(f.EntryUtc, f.EntryElapsedSeconds), To: series.SecondsOf(f.ExitUtc, f.ExitElapsedSeconds)))
            .Where(i => double.IsFinite(i.From) && double.IsFinite(i.To))
            .OrderBy(i => i.From).ThenBy(i => i.Finding.FeatureId, StringComparer.Ordinal).ToList();
        double secondsPerPixel = (xTicks.Max - xTicks.Min) / dataWidth;
        foreach (var (finding, from, to) in intervals)
        {
            var color = finding.Kind == FindingKind.Overflight ? Palette.Overflight : Palette.Proximity;
            double x0 = Math.Clamp(Math.Min(from, to), xTicks.Min, xTicks.Max), x1 = Math.Clamp(Math.Max(from, to), xTicks.Min, xTicks.Max);
            // At least 1.5 px wide, so that a one-sample interval is still visible.
            var band = plot.Add.HorizontalSpan(x0, Math.Max(x1, x0 + (1.5 * secondsPerPixel)), color.WithAlpha(0.16));
            band.LineWidth = 0;
        }

        if (intervals.Any(i => i.Finding.Kind == FindingKind.Overflight))
        {
            legend.Add(new LegendItem { LabelText = "Overflight", FillColor = Palette.Overflight.WithAlpha(0.16) });
        }

        if (intervals.Any(i => i.Finding.Kind == FindingKind.Proximity))
        {
            legend.Add(new LegendItem { LabelText = "Close approach", FillColor = Palette.Proximity.WithAlpha(0.16) });
        }

        var keep = Decimation.MinMaxPerColumn(series.ProfileSeconds, series.ProfileHeights, xTicks.Min, xTicks.Max, (int)dataWidth);
        var line = plot.Add.ScatterLine(keep.Select(i => series.ProfileSeconds[i]).ToArray(), keep.Select(i => series.ProfileHeights[i]).ToArray(), Palette.Series);
        line.LineWidth = 1.6f;
        line.MarkerSize = keep.Count == 1 ? 6 : 0;
        if (keep.Count < series.ProfileSeconds.Length)
        {
            notes.Add($"Line drawn through {keep.Count.ToString(CultureInfo.InvariantCulture)} of {series.ProfileSeconds.Length.ToString(CultureInfo.InvariantCulture)} samples (first/min/max/last per pixel column, drawing only).");
        }

        var photoTimes = PhotoTimes(log, series).Where(p => p.Seconds >= xTicks.Min && p.Seconds <= xTicks.Max).ToList();
        double tickHeight = 9 * (yTicks.Max - yTicks.Min) / dataHeight;
        foreach (var (t, _) in photoTimes)
        {
            var mark = plot.Add.ScatterLine(new[] { t, t }, new[] { yTicks.Max, yTicks.Max - tickHeight }, Palette.Capture);
            mark.LineWidth = 1.5f;
            mark.MarkerSize = 0;
        }

        if (photoTimes.Count > 0)
        {
            legend.Add(new LegendItem { LabelText = $"Photo ({photoTimes.Count.ToString(CultureInfo.InvariantCulture)})", MarkerShape = MarkerShape.VerticalBar, MarkerSize = 9, MarkerLineColor = Palette.Capture, MarkerLineWidth = 1.5f });
        }

        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.FontSize = 10.5f;
        plot.ShowLegend(Edge.Right);
        MapDecorations.AddNotes(plot, notes);
        return new PlotImage(plot, width, height, notes, [.. legend.Select(l => l.LabelText)]) { Intervals = [.. intervals.Select(i => (i.Finding.Kind, i.From, i.To))], PhotoCount = photoTimes.Count };
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
