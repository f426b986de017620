using System.Globalization;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;
using FlightForensics.Reporting.Plots;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Event timeline" section, in flight-time order.</summary>
internal static class EventsSection
{
    public static void Write(TextWriter w, FlightLog log, FlightSeries series, ReportOptions options)
    {
        w.Write("<section id=\"events\">\n<h2>Event timeline</h2>\n");
        if (log.Events.Count == 0)
        {
            w.Write("<p class=\"muted\">The log records no events.</p>\n</section>\n");
            return;
        }

        var ordered = log.Events.Select((e, i) => (Event: e, Index: i, Seconds: series.SecondsOf(e.TimeUtc, e.ElapsedSeconds)))
            .OrderBy(x => double.IsFinite(x.Seconds) ? x.Seconds : double.MaxValue).ThenBy(x => x.Index).ToList();
        w.Write("<table id=\"events-table\">\n<thead><tr><th>Time (UTC)</th><th>Flight time</th><th>Event</th><th>Text</th><th>Position</th><th>Offset</th></tr></thead>\n<tbody>\n");
        foreach (var (e, _, seconds) in ordered.Take(options.MaxEventsListed))
        {
            string position = e.LatitudeDegrees is double lat && e.LongitudeDegrees is double lon ? $"{NumberFormat.Coordinate(lat)}, {NumberFormat.Coordinate(lon)}" : "";
            w.Write($"<tr data-kind=\"{H(e.Kind.ToName())}\"><td class=\"num\">{H(T(e.TimeUtc))}</td><td class=\"num\">{(double.IsFinite(seconds) ? FlightSeries.FormatClock(seconds) : "")}</td><td>{H(e.Kind.ToName())}</td><td><bdi>{H(e.Text)}</bdi></td><td class=\"num\">{H(position)}</td><td class=\"num\">{e.SourceOffset.ToString(CultureInfo.InvariantCulture)}</td></tr>\n");
        }

        w.Write("</tbody>\n</table>\n");
        if (ordered.Count > options.MaxEventsListed)
        {
            w.Write($"<p class=\"note\">{(ordered.Count - options.MaxEventsListed).ToString(CultureInfo.InvariantCulture)} more events are not listed here; the JSON export has all of them.</p>\n");
        }

        w.Write("</section>\n");
    }
}
