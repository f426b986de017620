using System.Globalization;
using FlightForensics.Core.Model;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Diagnostics" section: damage counters and the listed diagnostics.</summary>
internal static class DiagnosticsSection
{
    public static void Write(TextWriter w, FlightLog log, ReportOptions options)
    {
        w.Write("<section id=\"diagnostics\">\n<h2>Diagnostics (damage and oddities in the evidence)</h2>\n");
        var d = log.Damage;
        w.Write($"<p>{(d.Any ? "The decoder met damage in this file." : "The decoder met no damage in this file.")} CRC failures {d.CrcFailures.ToString(CultureInfo.InvariantCulture)}, resyncs {d.Resyncs.ToString(CultureInfo.InvariantCulture)} ({d.ResyncSkippedBytes.ToString(CultureInfo.InvariantCulture)} bytes skipped), truncated bytes {d.TruncatedBytes.ToString(CultureInfo.InvariantCulture)}, corrupt structures {d.Corrupt.ToString(CultureInfo.InvariantCulture)}, time going backwards {d.TimeBackwards.ToString(CultureInfo.InvariantCulture)}, time jumps {d.TimeJumps.ToString(CultureInfo.InvariantCulture)}, gaps {d.Gaps.ToString(CultureInfo.InvariantCulture)}, unknown records {d.UnknownRecords.ToString(CultureInfo.InvariantCulture)}, invalid values {d.InvalidValues.ToString(CultureInfo.InvariantCulture)}.</p>\n");
        if (log.Diagnostics.Count > 0)
        {
            w.Write("<table id=\"diagnostics-table\">\n<thead><tr><th>Offset</th><th>Offset (hex)</th><th>Kind</th><th>Length</th><th>Message</th></tr></thead>\n<tbody>\n");
            foreach (var diag in log.Diagnostics.Take(options.MaxDiagnosticsListed))
            {
                w.Write($"<tr data-kind=\"{H(diag.Kind.ToName())}\"><td class=\"num\">{diag.Offset.ToString(CultureInfo.InvariantCulture)}</td><td class=\"num\">0x{diag.Offset.ToString("X", CultureInfo.InvariantCulture)}</td><td>{H(diag.Kind.ToName())}</td><td class=\"num\">{diag.Length.ToString(CultureInfo.InvariantCulture)}</td><td>{H(diag.Message)}</td></tr>\n");
            }

            w.Write("</tbody>\n</table>\n");
        }

        long hidden = Math.Max(0, log.Diagnostics.Count - options.MaxDiagnosticsListed) + log.DiagnosticsNotStored;
        if (hidden > 0)
        {
            w.Write($"<p class=\"note\">{hidden.ToString(CultureInfo.InvariantCulture)} more diagnostics are not listed (counted above).</p>\n");
        }

        w.Write("</section>\n");
    }
}
