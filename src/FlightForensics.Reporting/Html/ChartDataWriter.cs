using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Html;

/// <summary>The interactive height chart's part of ff-data: decimated samples, finding intervals and photo times.</summary>
internal static class ChartDataWriter
{
    public static void Write(Utf8JsonWriter j, FlightLog log, FlightSeries series, IReadOnlyList<ReportFinding> findings)
    {
        if (series.ProfileSeconds.Length == 0)
        {
            return;
        }

        // uPlot needs ascending x; a damaged clock that steps back is drawn in time order.
        var order = Enumerable.Range(0, series.ProfileSeconds.Length).OrderBy(i => series.ProfileSeconds[i]).ThenBy(i => i).ToArray();
        var xs = order.Select(i => series.ProfileSeconds[i]).ToArray();
        var ys = order.Select(i => series.ProfileHeights[i]).ToArray();
        var keep = Decimation.MinMaxPerColumn(xs, ys, xs[0], xs[^1], 2000);
        j.WriteStartObject("chart");
        j.WriteString("label", series.HeightLabel);
        j.WriteStartArray("t");
        foreach (var i in keep)
        {
            j.WriteNumberValue(Math.Round(xs[i], 3));
        }

        j.WriteEndArray();
        j.WriteStartArray("h");
        foreach (var i in keep)
        {
            j.WriteNumberValue(Math.Round(ys[i], 2));
        }

        j.WriteEndArray();
        j.WriteStartArray("intervals");
        foreach (var f in findings.Where(f => f.Kind is FindingKind.Overflight or FindingKind.Proximity))
        {
            double t0 = series.SecondsOf(f.EntryUtc, f.EntryElapsedSeconds), t1 = series.SecondsOf(f.ExitUtc, f.ExitElapsedSeconds);
            if (double.IsFinite(t0) && double.IsFinite(t1))
            {
                j.WriteStartArray();
                j.WriteNumberValue(Math.Round(t0, 3));
                j.WriteNumberValue(Math.Round(t1, 3));
                j.WriteStringValue(f.Kind == FindingKind.Overflight ? "overflight" : "proximity");
                j.WriteEndArray();
            }
        }

        j.WriteEndArray();
        j.WriteStartArray("photos");
        foreach (var e in log.Events.Where(e => e.Kind == FlightEventKind.Photo))
        {
            double t = series.SecondsOf(e.TimeUtc, e.ElapsedSeconds);
            if (double.IsFinite(t))
            {
                j.WriteNumberValue(Math.Round(t, 3));
            }
        }

        j.WriteEndArray();
        if (keep.Count < xs.Length)
        {
            j.WriteString("note", $"Interactive chart shows {keep.Count.ToString(CultureInfo.InvariantCulture)} of {xs.Length.ToString(CultureInfo.InvariantCulture)} samples (first/min/max/last per column; drawing only).");
        }

        j.WriteEndObject();
    }
}
