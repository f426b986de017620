using System.Globalization;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;
using FlightForensics.Reporting.Plots;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Flight summary" section: times, counts, extremes, home point and bounds.</summary>
internal static class SummarySection
{
    public static void Write(TextWriter w, FlightLog log, FlightSeries series)
    {
        var s = log.Summary;
        w.Write("<section id=\"summary\">\n<h2>Flight summary</h2>\n<dl class=\"kv\">\n");
        void Row(string name, string value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                w.Write($"<dt>{H(name)}</dt><dd>{H(value)}</dd>\n");
            }
        }

        Row("Start (UTC)", T(log.StartUtc ?? s.FirstUtc));
        Row("First / last sample (UTC)", s.FirstUtc is null ? "" : $"{T(s.FirstUtc)} / {T(s.LastUtc)}");
        Row("Duration", s.DurationSeconds is double d ? $"{FlightSeries.FormatClock(d)} ({d.ToString("0.###", CultureInfo.InvariantCulture)} s)" : "");
        Row("Samples", $"{log.Samples.Count.ToString("N0", CultureInfo.InvariantCulture)} ({series.Positions.Length.ToString("N0", CultureInfo.InvariantCulture)} with a position)");
        Row("Path length (all positions, great circle)", series.Positions.Length > 1 ? $"{M(PathLengthMeters(series.Positions))} m" : "");
        Row("Max height above takeoff", s.MaxHeightAboveTakeoffMeters is double h ? M(h) + " m" : "");
        Row("Max altitude above mean sea level", s.MaxAltitudeMslMeters is double a ? M(a) + " m" : "");
        Row("Max ground speed", s.MaxGroundSpeedMetersPerSecond is double v ? M(v) + " m/s" : "");
        Row("Home point", log.Home is { } home ? $"{NumberFormat.Coordinate(home.LatitudeDegrees)}, {NumberFormat.Coordinate(home.LongitudeDegrees)} (offset {home.SourceOffset.ToString(CultureInfo.InvariantCulture)})" : "");
        Row("Bounds (lat/lon)", s.Bounds is { } b ? $"{NumberFormat.Coordinate(b.MinLatitude)} … {NumberFormat.Coordinate(b.MaxLatitude)}, {NumberFormat.Coordinate(b.MinLongitude)} … {NumberFormat.Coordinate(b.MaxLongitude)}" : "");
        Row("Height used in map and profile", series.HeightLabel);
        Row("Events / diagnostics", $"{log.Events.Count.ToString(CultureInfo.InvariantCulture)} / {(log.Diagnostics.Count + log.DiagnosticsNotStored).ToString(CultureInfo.InvariantCulture)}");
        w.Write("</dl>\n</section>\n");
    }

    private static double PathLengthMeters(LonLat[] positions)
    {
        double total = 0;
        for (int i = 1; i < positions.Length; i++)
        {
            total += GreatCircleMeters(positions[i - 1], positions[i]);
        }

        return total;
    }

    private static double GreatCircleMeters(LonLat a, LonLat b)
    {
        double p1 = a.LatitudeDegrees * Math.PI / 180, p2 = b.LatitudeDegrees * Math.PI / 180;
        double dp = p2 - p1, dl = (b.LongitudeDegrees - a.LongitudeDegrees) * Math.PI / 180;
        double h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * MapProjection.EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
