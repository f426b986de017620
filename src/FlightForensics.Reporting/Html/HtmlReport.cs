using System.Globalization;
using System.Text;
using FlightForensics.Core;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting.Exports;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Html;

/// <summary>
/// One self-contained HTML file: evidence, vehicle, summary, findings by severity, the SVG map and profile,
/// the event timeline, capture thumbnails and the diagnostics; then, inlined, Leaflet and uPlot for an
/// interactive map and chart over the same data. A Content-Security-Policy forbids every network request
/// (unless a tile URL is given), and every string from the evidence is HTML-escaped or passed as JSON and
/// inserted with textContent. With JavaScript off the static SVGs carry the whole picture.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report as UTF-8 to <paramref name="output"/> (left open).</summary>
    public static void Write(Stream output, ReportInput input, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Write(writer, input, options);
    }

    public static string WriteToString(ReportInput input, ReportOptions? options = null)
    {
        var sb = new StringBuilder(1 << 18);
        using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            Write(writer, input, options);
        }

        return sb.ToString();
    }

    /// <summary>Writes the report to a file; a <c>.pdf</c> path prints it with headless Chromium (see <see cref="External.Chromium"/>).</summary>
    public static External.ToolOutcome WriteFile(string path, ReportInput input, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            AtomicFile.Write(path, file => Write(file, input, options));
            return External.ToolOutcome.Ok($"wrote {Path.GetFullPath(path)}");
        }

        if (!External.Chromium.IsAvailable)
        {
            return External.ToolOutcome.Failed(External.Chromium.MissingMessage);
        }

        // The intermediate HTML and the PDF are made in a private folder (mode 0700) and only the finished PDF is
        // moved into place: nothing beside the user's output (a notes.html next to notes.pdf) is ever replaced.
        var work = Directory.CreateTempSubdirectory("ff-report-");
        try
        {
            var html = Path.Combine(work.FullName, "report.html");
            var pdf = Path.Combine(work.FullName, "report.pdf");
            using (var file = File.Create(html))
            {
                Write(file, input, options);
            }

            var printed = External.Chromium.TryPrintToPdf(html, pdf);
            if (printed.Success)
            {
                AtomicFile.CopyInto(pdf, path);
            }

            return printed;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public static void Write(TextWriter w, ReportInput input, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(input);
        options ??= ReportOptions.Default;
        var log = input.Log;
        var series = FlightSeries.From(log, options.Plot.Height);
        var findings = SortFindings(input.Findings);
        var assets = options.Interactive ? ReportAssets.Current : null;
        string title = options.Title ?? $"Flight report: {log.Evidence.FileName}";
        var analysisUtc = input.AnalysisUtc ?? log.DecodedAtUtc;

        // Every style and script block is known before the page is written, so the policy can allow exactly those
        // (by SHA-256) and nothing inline else: an escaping mistake that let a name from the evidence become markup
        // still could not run a script or load anything (issue #24). Tiles are images, and only with --tile-url.
        var styles = new List<string> { "\n" + ReportAssets.ReportStyle };
        var scripts = new List<string>();
        if (assets is not null)
        {
            styles.Add($"\n/* Leaflet {H(assets.LeafletVersion)} (BSD-2-Clause) */\n{assets.LeafletCss}\n");
            styles.Add($"\n/* uPlot {H(assets.UplotVersion)} (MIT) */\n{assets.UplotCss}\n");
            scripts.Add($"\n/* Leaflet {H(assets.LeafletVersion)}, BSD-2-Clause, see the licences section */\n{assets.LeafletJs}\n");
            scripts.Add($"\n/* uPlot {H(assets.UplotVersion)}, MIT, see the licences section */\n{assets.UplotJs}\n");
            scripts.Add($"\n{ReportAssets.ReportScript}");
        }

        // The HTML parser turns CR LF and CR into LF before the browser hashes a block (Leaflet's CSS has CR LF):
        // written as the browser will read them, so the hashes match.
        styles = [.. styles.Select(ContentSecurityPolicy.AsParsed)];
        scripts = [.. scripts.Select(ContentSecurityPolicy.AsParsed)];

        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy.For(styles, scripts, options.TileUrl is not null)}\">\n");
        w.Write($"<meta name=\"generator\" content=\"{H(ToolInfo.NameAndVersion)}\">\n");
        w.Write($"<title>{H(title)}</title>\n");
        foreach (var style in styles)
        {
            w.Write($"<style>{style}</style>\n");
        }

        w.Write("</head>\n<body>\n<header>\n");
        if (options.TestOnlyRawMarkup is string raw)
        {
            w.Write(raw); // never set outside tests: stands for an escaping mistake the policy must contain
        }

        w.Write($"<h1>{H(title)}</h1>\n");
        w.Write($"<p class=\"muted\">Analysis {H(NumberFormat.Utc(analysisUtc))} · {H(ToolInfo.NameAndVersion)} · every time in UTC · heights in metres</p>\n</header>\n");

        EvidenceSection.Write(w, input, analysisUtc);
        VehicleSection.Write(w, log.Vehicle);
        SummarySection.Write(w, log, series);
        FindingsSection.Write(w, findings, input.MethodNote, input.MethodNotes);

        var manifest = new List<ManifestPart>();
        FiguresSection.Write(w, input, series, findings, options, assets, manifest);

        TrustSection.Write(w, input.Trust, assets is not null, (id, type, text) => ReportManifest.HashedPart(manifest, id, type, text));

        CapturesSection.Write(w, input, options, manifest);
        EventsSection.Write(w, log, series, options);
        DiagnosticsSection.Write(w, log, options);
        LicencesSection.Write(w, assets, input.Features.Any(f => f.IsOpenStreetMap));

        if (assets is not null)
        {
            w.Write("<script type=\"application/json\" id=\"ff-data\">");
            w.Write(ReportManifest.HashedPart(manifest, "ff-data", "application/json", InteractiveData.Build(log, series, input.Features, findings, options)));
            w.Write("</script>\n");
            foreach (var script in scripts)
            {
                w.Write($"<script>{script}</script>\n");
            }
        }

        ReportManifest.Write(w, manifest);
        w.Write("</body>\n</html>\n");
        w.Flush();
    }

    /// <summary>
    /// The thumbnails the report embeds (JPEG or PNG, not empty, within <see cref="ReportOptions.MaxThumbnailBytes"/>),
    /// in report order, with the id of their <c>img</c> element and the SHA-256 of the exact bytes embedded: the
    /// ff-manifest lists them, and the CLI's provenance file too.
    /// </summary>
    public static IReadOnlyList<EmbeddedThumbnail> EmbeddedThumbnails(ReportInput input, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= ReportOptions.Default;
        var list = new List<EmbeddedThumbnail>();
        foreach (var t in input.Thumbnails)
        {
            if (t.MediaType is "image/jpeg" or "image/png" && t.Data.Length > 0 && t.Data.Length <= options.MaxThumbnailBytes)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"thumb-{list.Count + 1}");
                list.Add(new EmbeddedThumbnail(id, t.Name, t.FeatureId, t.MediaType, t.Data.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(t.Data))));
            }
        }

        return list;
    }

    /// <summary>Most severe first, then by entry time, then by feature id (stable and deterministic).</summary>
    public static IReadOnlyList<ReportFinding> SortFindings(IReadOnlyList<ReportFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.EntryUtc ?? DateTimeOffset.MaxValue)
            .ThenBy(f => f.EntryElapsedSeconds ?? double.MaxValue)
            .ThenBy(f => f.FeatureId, StringComparer.Ordinal)
            .ThenBy(f => f.Kind)
            .ToList();
    }

    /// <summary>HTML-escapes any text (markup characters and XML-invalid characters).</summary>
    internal static string H(string? text) => MarkupText.Escape(text);

    internal static string M(double? meters) => meters is double v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "";

    internal static string T(DateTimeOffset? utc) => utc is { } t ? NumberFormat.Utc(t) : "";
}
