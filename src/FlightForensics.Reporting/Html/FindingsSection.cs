using System.Globalization;
using FlightForensics.Reporting.Exports;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Findings" section: the findings table (most severe first) and the analysis's method notes.</summary>
internal static class FindingsSection
{
    public static void Write(TextWriter w, IReadOnlyList<ReportFinding> findings, string? methodNote, IReadOnlyList<string> methodNotes)
    {
        w.Write("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (findings.Count == 0)
        {
            w.Write("<p id=\"no-findings\">No findings: the analysis reported no overflight, close approach or capture.</p>\n");
        }
        else
        {
            w.Write("<table id=\"findings-table\">\n<thead><tr><th>Severity</th><th>Kind</th><th>Feature</th><th>Category</th><th>Entry (UTC)</th><th>Exit (UTC)</th><th>Duration (s)</th><th>Min height above takeoff (m)</th><th>Min height above ground (m)</th><th>Closest approach (m)</th><th>Slant range (m)</th><th>Photo / note</th></tr></thead>\n<tbody>\n");
            foreach (var f in findings)
            {
                string sev = f.Severity.ToString().ToLowerInvariant();
                string kind = f.Kind.ToString().ToLowerInvariant();
                string entry = f.EntryUtc is not null ? T(f.EntryUtc) : f.EntryElapsedSeconds is double es ? NumberFormat.Seconds(es) + " s (log clock)" : "";
                string exit = f.ExitUtc is not null ? T(f.ExitUtc) : f.ExitElapsedSeconds is double xs ? NumberFormat.Seconds(xs) + " s (log clock)" : "";
                w.Write($"<tr class=\"sev-{sev}\" data-severity=\"{sev}\" data-kind=\"{kind}\"><td>{sev}</td><td>{kind}</td><td><bdi>{H(f.FeatureName)}</bdi><br><span class=\"muted hash\">{H(f.FeatureId)}</span></td><td>{H(f.Category)}</td>");
                w.Write($"<td class=\"num\">{H(entry)}</td><td class=\"num\">{H(exit)}</td><td class=\"num\">{(f.DurationSeconds is double d ? d.ToString("0.0##", CultureInfo.InvariantCulture) : "")}</td>");
                w.Write($"<td class=\"num\">{M(f.MinHeightAboveTakeoffMeters)}</td><td class=\"num\">{M(f.MinHeightAboveGroundMeters)}</td><td class=\"num\">{M(f.ClosestApproachMeters)}</td><td class=\"num\">{M(f.SlantRangeMeters)}</td>");
                w.Write($"<td>{H(string.Join(" · ", new[] { f.PhotoReference, f.Note }.Where(x => !string.IsNullOrEmpty(x))))}</td></tr>\n");
            }

            w.Write("</tbody>\n</table>\n");
        }

        if (methodNote is not null)
        {
            w.Write($"<p class=\"note\">{H(methodNote)}</p>\n");
        }

        if (methodNotes.Count > 0)
        {
            // The analysis's own statements (assumptions, skipped moments), word for word as check prints them.
            w.Write("<ul class=\"note\" id=\"method-notes\">\n");
            foreach (var note in methodNotes)
            {
                w.Write($"<li>{H(note)}</li>\n");
            }

            w.Write("</ul>\n");
        }

        w.Write("</section>\n");
    }
}
