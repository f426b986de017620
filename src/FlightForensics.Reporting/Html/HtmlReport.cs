using FlightForensics.Core.Evidence;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Model;
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
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

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
                File.Move(pdf, path, overwrite: true);
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

        WriteEvidence(w, input, analysisUtc);
        WriteVehicle(w, log.Vehicle);
        WriteSummary(w, log, series);
        WriteFindings(w, findings, input.MethodNote, input.MethodNotes);

        var mapSvg = TrackPlot.Render(log, series, input.Features, findings, options.Plot).ToSvg("map");
        var profileSvg = AltitudeProfile.Render(log, series, findings, options.Plot).ToSvg("profile");
        w.Write("<section id=\"map\">\n<h2>Map</h2>\n");
        if (assets is not null)
        {
            w.Write("<div id=\"ff-map\" class=\"interactive\" hidden></div>\n");
        }

        w.Write("<p id=\"ff-map-note\" class=\"note\" hidden></p>\n<figure class=\"static-fallback\" id=\"static-map\">\n");
        var manifest = new List<ManifestPart>();
        w.Write(HashedPart(manifest, "static-map", "image/svg+xml", mapSvg));
        w.Write("</figure>\n</section>\n");
        w.Write("<section id=\"profile\">\n<h2>Height profile</h2>\n");
        if (assets is not null)
        {
            w.Write("<div id=\"ff-chart\" class=\"interactive\" hidden></div>\n");
        }

        w.Write("<p id=\"ff-chart-note\" class=\"note\" hidden></p>\n<figure class=\"static-fallback\" id=\"static-profile\">\n");
        w.Write(HashedPart(manifest, "static-profile", "image/svg+xml", profileSvg));
        w.Write("</figure>\n</section>\n");
        if (assets is null && options.Interactive)
        {
            w.Write("<p class=\"note\">This build of the tool carries no Leaflet/uPlot; the static map and profile above are the whole picture.</p>\n");
        }

        TrustSection.Write(w, input.Trust, assets is not null, (id, type, text) => HashedPart(manifest, id, type, text));

        WriteThumbnails(w, input, options, manifest);
        WriteEvents(w, log, series, options);
        WriteDiagnostics(w, log, options);
        WriteLicences(w, assets, input.Features.Any(f => f.IsOpenStreetMap));

        if (assets is not null)
        {
            w.Write("<script type=\"application/json\" id=\"ff-data\">");
            w.Write(HashedPart(manifest, "ff-data", "application/json", BuildData(log, series, input.Features, findings, options)));
            w.Write("</script>\n");
            foreach (var script in scripts)
            {
                w.Write($"<script>{script}</script>\n");
            }
        }

        WriteManifest(w, manifest);
        w.Write("</body>\n</html>\n");
        w.Flush();
    }

    /// <summary>One entry of the ff-manifest: a text part (SVG, JSON) or an embedded thumbnail with the photo it came from.</summary>
    private sealed record ManifestPart(string Id, string MediaType, string Sha256, EmbeddedThumbnail? Thumbnail = null);

    /// <summary>Notes the SHA-256 of a part's UTF-8 bytes, exactly as embedded, for the manifest; returns the part.</summary>
    private static string HashedPart(List<ManifestPart> manifest, string id, string mediaType, string text)
    {
        manifest.Add(new ManifestPart(id, mediaType, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))));
        return text;
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

    /// <summary>
    /// The manifest of embedded parts (issue: evidence-grade robustness, Integrity): id of the element holding
    /// each part (its whole text content after the start tag's line break for a figure, after the start tag for
    /// a script), media type and SHA-256, so an examiner can check that no part was altered after the fact.
    /// </summary>
    private static void WriteManifest(TextWriter w, List<ManifestPart> manifest)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, s_json))
        {
            j.WriteStartObject();
            j.WriteString("tool", ToolInfo.NameAndVersion);
            j.WritePropertyName("parts");
            j.WriteStartArray();
            foreach (var (id, mediaType, sha, thumbnail) in manifest)
            {
                j.WriteStartObject();
                j.WriteString("id", id);
                j.WriteString("mediaType", mediaType);
                j.WriteString("sha256", sha);
                if (thumbnail is not null)
                {
                    // An img element's data: URI; the hash is over the decoded image bytes, the photo is named as given.
                    j.WriteString("encoding", "base64");
                    j.WriteNumber("bytes", thumbnail.Bytes);
                    j.WriteString("sourcePhoto", thumbnail.SourcePhoto);
                    if (thumbnail.FeatureId is { } featureId)
                    {
                        j.WriteString("featureId", featureId);
                    }
                }

                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        w.Write("<script type=\"application/json\" id=\"ff-manifest\">");
        w.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        w.Write("</script>\n");
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

    private static string M(double? meters) => meters is double v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "";

    private static string T(DateTimeOffset? utc) => utc is { } t ? NumberFormat.Utc(t) : "";

    private static void WriteEvidence(TextWriter w, ReportInput input, DateTimeOffset analysisUtc)
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

    private static void WriteVehicle(TextWriter w, VehicleIdentity vehicle)
    {
        w.Write("<section id=\"vehicle\">\n<h2>Vehicle</h2>\n");
        var fields = vehicle.KnownFields().ToList();
        if (fields.Count == 0)
        {
            w.Write("<p class=\"muted\">The log states no vehicle identity.</p>\n</section>\n");
            return;
        }

        w.Write("<dl class=\"kv\">\n");
        foreach (var (key, value) in fields)
        {
            w.Write($"<dt>{H(key)}</dt><dd><bdi>{H(value)}</bdi></dd>\n");
        }

        w.Write("</dl>\n</section>\n");
    }

    private static void WriteSummary(TextWriter w, FlightLog log, FlightSeries series)
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

    private static void WriteFindings(TextWriter w, IReadOnlyList<ReportFinding> findings, string? methodNote, IReadOnlyList<string> methodNotes)
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

    private static void WriteThumbnails(TextWriter w, ReportInput input, ReportOptions options, List<ManifestPart> manifest)
    {
        if (input.Thumbnails.Count == 0)
        {
            return;
        }

        var embedded = EmbeddedThumbnails(input, options);
        var next = 0;
        var names = input.Features.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        w.Write("<section id=\"captures\">\n<h2>Photos that captured a feature</h2>\n<div class=\"thumbs\">\n");
        foreach (var t in input.Thumbnails)
        {
            string caption = t.FeatureId is { } id ? $"{t.Name} — {(names.TryGetValue(id, out var n) ? n : id)}" : t.Name;
            bool allowed = t.MediaType is "image/jpeg" or "image/png" && t.Data.Length > 0 && t.Data.Length <= options.MaxThumbnailBytes;
            w.Write("<figure>");
            if (allowed)
            {
                var part = embedded[next++];
                manifest.Add(new ManifestPart(part.Id, part.MediaType, part.Sha256, part));
                w.Write($"<img id=\"{part.Id}\" alt=\"{H(t.Name)}\" src=\"data:{t.MediaType};base64,{Convert.ToBase64String(t.Data)}\">");
            }
            else
            {
                w.Write($"<p class=\"note\">not embedded ({H(t.MediaType)}, {t.Data.Length.ToString(CultureInfo.InvariantCulture)} bytes)</p>");
            }

            w.Write($"<figcaption>{H(caption)}</figcaption></figure>\n");
        }

        w.Write("</div>\n</section>\n");
    }

    private static void WriteEvents(TextWriter w, FlightLog log, FlightSeries series, ReportOptions options)
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

    private static void WriteDiagnostics(TextWriter w, FlightLog log, ReportOptions options)
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

    private static void WriteLicences(TextWriter w, ReportAssets.Bundle? assets, bool osm)
    {
        w.Write("<section id=\"licences\">\n<h2>Licences of embedded components</h2>\n");
        if (osm)
        {
            w.Write("<p>Infrastructure features © OpenStreetMap contributors, available under the Open Database Licence (ODbL).</p>\n");
        }

        if (assets is null)
        {
            w.Write("<p class=\"muted\">No third-party code is embedded in this report.</p>\n</section>\n");
            return;
        }

        w.Write($"<details><summary>Leaflet {H(assets.LeafletVersion)} — BSD-2-Clause</summary><pre>{H(assets.LeafletLicense)}</pre></details>\n");
        w.Write($"<details><summary>uPlot {H(assets.UplotVersion)} — MIT</summary><pre>{H(assets.UplotLicense)}</pre></details>\n");
        w.Write("</section>\n");
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

    /// <summary>The JSON the script reads; JavaScriptEncoder.Default escapes &lt; &gt; &amp; ' so it cannot close its script element.</summary>
    private static string BuildData(FlightLog log, FlightSeries series, IReadOnlyList<ReportFeature> features, IReadOnlyList<ReportFinding> findings, ReportOptions options)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, s_json))
        {
            j.WriteStartObject();
            if (options.TileUrl is not null)
            {
                j.WriteString("tileUrl", options.TileUrl);
                j.WriteString("tileAttribution", options.TileAttribution ?? "");
            }

            j.WriteBoolean("osm", features.Any(f => f.IsOpenStreetMap));
            WriteMapData(j, log, series, features, findings, options);
            WriteChartData(j, log, series, findings);
            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMapData(Utf8JsonWriter j, FlightLog log, FlightSeries series, IReadOnlyList<ReportFeature> features, IReadOnlyList<ReportFinding> findings, ReportOptions options)
    {
        var all = series.Positions.Concat(features.SelectMany(f => f.Geometry.AllPositions())).Where(p => p.IsValid).ToList();
        if (all.Count == 0)
        {
            j.WriteString("mapUnavailable", "No position fix in this log: nothing to show on an interactive map.");
            return;
        }

        if (all.Any(p => Math.Abs(p.LatitudeDegrees) > 85))
        {
            // Leaflet's Web Mercator ends at 85.05°; the static map (azimuthal) has no such limit.
            j.WriteString("mapUnavailable", "Positions beyond 85° latitude cannot be shown on the interactive (Web Mercator) map; the static map below shows them.");
            return;
        }

        // Longitudes are unwrapped around the flight's centre so that a track across ±180° stays continuous.
        double referenceLon = MapProjection.Centered(series.Positions.Length > 0 ? series.Positions : all).CenterLongitudeDegrees;
        double Lon(double lon)
        {
            while (lon - referenceLon > 180)
            {
                lon -= 360;
            }

            while (lon - referenceLon < -180)
            {
                lon += 360;
            }

            return lon;
        }

        void Pos(LonLat p)
        {
            j.WriteStartArray();
            j.WriteNumberValue(Math.Round(p.LatitudeDegrees, 8));
            j.WriteNumberValue(Math.Round(Lon(p.LongitudeDegrees), 8));
            j.WriteEndArray();
        }

        j.WriteStartObject("map");
        var withFinding = findings.Select(f => f.FeatureId).ToHashSet(StringComparer.Ordinal);
        j.WriteStartArray("features");
        foreach (var f in features.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            j.WriteStartObject();
            j.WriteString("id", f.Id);
            // The map's first view takes in every feature with a finding, not only the track.
            j.WriteBoolean("finding", withFinding.Contains(f.Id));
            j.WriteString("name", f.Name);
            j.WriteString("category", f.Category);
            j.WriteString("color", Palette.ForCategory(f.Category).ToHex());
            j.WriteStartArray("polygons");
            foreach (var polygon in f.Geometry.Polygons)
            {
                j.WriteStartArray();
                foreach (var ring in polygon)
                {
                    j.WriteStartArray();
                    foreach (var p in ring.Where(p => p.IsValid))
                    {
                        Pos(p);
                    }

                    j.WriteEndArray();
                }

                j.WriteEndArray();
            }

            j.WriteEndArray();
            j.WriteStartArray("lines");
            foreach (var line in f.Geometry.Lines)
            {
                j.WriteStartArray();
                foreach (var p in line.Where(p => p.IsValid))
                {
                    Pos(p);
                }

                j.WriteEndArray();
            }

            j.WriteEndArray();
            j.WriteStartArray("points");
            foreach (var p in f.Geometry.Points.Where(p => p.IsValid))
            {
                Pos(p);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();

        int n = series.Positions.Length;
        int stride = Math.Max(1, (int)Math.Ceiling(n / (double)Math.Max(2, options.MaxInteractivePoints)));
        var indices = new List<int>();
        for (int i = 0; i < n; i += stride)
        {
            indices.Add(i);
        }

        if (n > 0 && indices[^1] != n - 1)
        {
            indices.Add(n - 1);
        }

        var heights = series.PositionHeights.Where(double.IsFinite).ToList();
        var ticks = heights.Count > 0 ? NiceTicks.For(heights.Min(), heights.Max(), 7) : null;
        int classes = ticks is null ? 1 : Math.Max(1, ticks.Values.Count - 1);
        int ClassOf(double h) => ticks is null || !double.IsFinite(h) ? -1 : Math.Clamp((int)Math.Floor((h - ticks.Min) / ticks.Step), 0, classes - 1);

        j.WriteStartArray("track");
        foreach (var i in indices)
        {
            j.WriteStartArray();
            j.WriteNumberValue(Math.Round(series.Positions[i].LatitudeDegrees, 8));
            j.WriteNumberValue(Math.Round(Lon(series.Positions[i].LongitudeDegrees), 8));
            WriteNumberOrNull(j, series.PositionSeconds[i], 3);
            WriteNumberOrNull(j, series.PositionHeights[i], 2);
            j.WriteEndArray();
        }

        j.WriteEndArray();
        j.WriteStartArray("runs");
        int k = 0;
        while (k < indices.Count - 1)
        {
            int cls = ClassOf(Mid(indices[k], indices[k + 1]));
            int start = k;
            while (k < indices.Count - 1 && ClassOf(Mid(indices[k], indices[k + 1])) == cls)
            {
                k++;
            }

            j.WriteStartObject();
            j.WriteString("color", (cls < 0 ? Palette.NoHeight : Palette.RampColor(cls, classes)).ToHex());
            j.WriteStartArray("points");
            for (int m = start; m <= k; m++)
            {
                Pos(series.Positions[indices[m]]);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        if (stride > 1)
        {
            j.WriteString("note", $"Interactive map shows every {stride.ToString(CultureInfo.InvariantCulture)}th of {n.ToString(CultureInfo.InvariantCulture)} positions (drawing only; findings use every sample).");
        }

        j.WriteStartArray("overflights");
        foreach (var f in findings.Where(f => f.Kind == FindingKind.Overflight))
        {
            double t0 = series.SecondsOf(f.EntryUtc, f.EntryElapsedSeconds), t1 = series.SecondsOf(f.ExitUtc, f.ExitElapsedSeconds);
            j.WriteStartObject();
            j.WriteString("label", $"Overflight of {f.FeatureName}: {TrackPlot.FormatInterval(f)}");
            j.WriteStartArray("points");
            if (double.IsFinite(t0) && double.IsFinite(t1))
            {
                int inInterval = 0;
                for (int i = 0; i < n; i++)
                {
                    if (series.PositionSeconds[i] >= t0 && series.PositionSeconds[i] <= t1 && (inInterval++ % stride == 0))
                    {
                        Pos(series.Positions[i]);
                    }
                }
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("footprints");
        foreach (var f in findings.Where(f => f.Kind == FindingKind.Capture && f.Footprint.Count >= 3))
        {
            j.WriteStartObject();
            j.WriteString("label", $"Camera footprint covering {f.FeatureName}{(f.PhotoReference is { } pr ? " (" + pr + ")" : "")}");
            j.WriteStartArray("ring");
            foreach (var p in f.Footprint.Where(p => p.IsValid))
            {
                Pos(p);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("mission");
        foreach (var e in log.Events.Where(e => e.Kind == FlightEventKind.MissionItem && e.LatitudeDegrees is double && e.LongitudeDegrees is double))
        {
            var p = new LonLat(e.LongitudeDegrees!.Value, e.LatitudeDegrees!.Value);
            if (p.IsValid && !(p.LatitudeDegrees == 0 && p.LongitudeDegrees == 0))
            {
                Pos(p);
            }
        }

        j.WriteEndArray();
        if (log.Home is { } home && new LonLat(home.LongitudeDegrees, home.LatitudeDegrees) is { IsValid: true } hp && !(home.LatitudeDegrees == 0 && home.LongitudeDegrees == 0))
        {
            j.WritePropertyName("home");
            Pos(hp);
        }

        j.WriteStartArray("photos");
        foreach (var e in log.Events.Where(e => e.Kind == FlightEventKind.Photo && e.LatitudeDegrees is double && e.LongitudeDegrees is double))
        {
            var p = new LonLat(e.LongitudeDegrees!.Value, e.LatitudeDegrees!.Value);
            if (p.IsValid)
            {
                j.WriteStartArray();
                j.WriteNumberValue(Math.Round(p.LatitudeDegrees, 8));
                j.WriteNumberValue(Math.Round(Lon(p.LongitudeDegrees), 8));
                j.WriteStringValue($"Photo {T(e.TimeUtc)} (offset {e.SourceOffset.ToString(CultureInfo.InvariantCulture)})");
                j.WriteEndArray();
            }
        }

        j.WriteEndArray();
        j.WriteStartArray("proximity");
        foreach (var f in findings.Where(f => f.Kind == FindingKind.Proximity && f.ClosestPosition is { IsValid: true }))
        {
            var p = f.ClosestPosition!.Value;
            j.WriteStartArray();
            j.WriteNumberValue(Math.Round(p.LatitudeDegrees, 8));
            j.WriteNumberValue(Math.Round(Lon(p.LongitudeDegrees), 8));
            j.WriteStringValue($"Closest approach to {f.FeatureName}: {TrackPlot.Measure(f.ClosestApproachMeters)} m");
            j.WriteEndArray();
        }

        j.WriteEndArray();
        j.WriteEndObject();

        double Mid(int a, int b)
        {
            double ha = series.PositionHeights[a], hb = series.PositionHeights[b];
            return double.IsFinite(ha) && double.IsFinite(hb) ? (ha + hb) / 2 : double.IsFinite(ha) ? ha : hb;
        }
    }

    private static void WriteChartData(Utf8JsonWriter j, FlightLog log, FlightSeries series, IReadOnlyList<ReportFinding> findings)
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

    private static void WriteNumberOrNull(Utf8JsonWriter j, double value, int decimals)
    {
        if (double.IsFinite(value))
        {
            j.WriteNumberValue(Math.Round(value, decimals));
        }
        else
        {
            j.WriteNullValue();
        }
    }
}
