using System.Globalization;
using FlightForensics.Core;
using FlightForensics.Reporting.Exports;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Evidence" section: every file the report rests on, with size, SHA-256, format and decoder.</summary>
internal static class EvidenceSection
{
    public static void Write(TextWriter w, ReportInput input, DateTimeOffset analysisUtc)
    {
        var log = input.Log;
        w.Write("<section id=\"evidence\">\n<h2>Evidence</h2>\n<table id=\"evidence-table\">\n<thead><tr><th>File</th><th>Role</th><th>Size (bytes)</th><th>SHA-256</th><th>Format</th><th>Decoder</th></tr></thead>\n<tbody>\n");
        w.Write($"<tr><td>{H(log.Evidence.FileName)}</td><td>flight log</td><td class=\"num\">{log.Evidence.Bytes.ToString("N0", CultureInfo.InvariantCulture)}</td><td class=\"hash\">{H(log.Evidence.Sha256)}</td>");
        w.Write($"<td>{H(log.FormatId)}{(log.FormatVersion is { } fv ? " " + H(fv) : "")}</td><td>{H(log.DecoderName)} {H(log.DecoderVersion)}</td></tr>\n");
        foreach (var e in input.OtherEvidence)
        {
            w.Write($"<tr><td>{H(e.FileName)}</td><td>{H(e.Role)}</td><td class=\"num\">{e.Bytes.ToString("N0", CultureInfo.InvariantCulture)}</td><td class=\"hash\">{H(e.Sha256)}</td><td>{H(e.Format)}</td><td></td></tr>\n");
        }

        w.Write("</tbody>\n</table>\n<dl class=\"kv\">\n");
        w.Write($"<dt>Analysis time</dt><dd>{H(NumberFormat.Utc(analysisUtc))}</dd>\n");
        w.Write($"<dt>Tool</dt><dd>{H(ToolInfo.NameAndVersion)}</dd>\n");
        w.Write($"<dt>Evidence path</dt><dd>{H(log.Evidence.FullPath)}</dd>\n");
        w.Write($"<dt>Last modified (file system)</dt><dd>{H(NumberFormat.Utc(log.Evidence.LastWriteUtc))}</dd>\n");
        w.Write("</dl>\n</section>\n");
    }
}
