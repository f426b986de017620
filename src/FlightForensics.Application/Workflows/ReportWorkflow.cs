using System.Globalization;
using FlightForensics.Application.Media;
using FlightForensics.Application.Provenance;
using FlightForensics.Core.Decoding;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting;
using FlightForensics.Reporting.External;
using FlightForensics.Reporting.Html;
using FlightForensics.Verification;
using FlightForensics.Verification.Model;

namespace FlightForensics.Application.Workflows;

/// <summary>The report's settings: the case, where it goes, and how it is shown.</summary>
public sealed record ReportWorkflowOptions
{
    public required CaseOptions Case { get; init; }

    /// <summary>The report file: .html/.htm, or .pdf (printed with headless Chromium).</summary>
    public required string OutputPath { get; init; }

    /// <summary>Optional base-map tile URL template; without it the report makes no request.</summary>
    public string? TileUrl { get; init; }

    /// <summary>No interactive map and chart (SVG only).</summary>
    public bool Static { get; init; }

    /// <summary>Other evidence of the same flight (<c>--corroborate</c>: logs, subtitles, Remote ID captures): with
    /// these or with <c>--media</c>, the report gets its "Can it be trusted?" section (verify over all sources).</summary>
    public IReadOnlyList<string> CorroboratePaths { get; init; } = [];
}

/// <summary>What a report run produced: the outcome of writing it and the findings it shows.</summary>
public sealed record ReportOutcome(ToolOutcome Written, IReadOnlyList<ReportFinding> Findings);

/// <summary>
/// The self-contained evidence report: prepares the case, checks it when there is something to check against,
/// assembles the report input (findings, nearby features, thumbnails, the evidence table and the method note),
/// writes the HTML (or PDF) and its provenance sidecar.
/// </summary>
public sealed class ReportWorkflow(FlightLogReader reader)
{
    public static bool IsReportPath(string path) => Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm" or ".pdf";

    public ReportOutcome Run(ReportWorkflowOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outPath = Path.GetFullPath(options.OutputPath);
        if (Path.GetExtension(outPath).Equals(".pdf", StringComparison.OrdinalIgnoreCase) && !Chromium.IsAvailable)
        {
            throw new UsageException("PDF needs headless Chromium (Debian package chromium); write .html instead or install it");
        }

        var prepared = PreparedCase.Prepare(reader, options.Case, cancellationToken);
        var input = BuildInput(prepared, cancellationToken);
        var corroborating = new VerifyWorkflow(reader).Sources(options.CorroboratePaths, options.Case.Decode, cancellationToken);
        input = input with
        {
            Trust = Trust(prepared, corroborating, cancellationToken),
            OtherEvidence = [.. input.OtherEvidence, .. corroborating.DistinctBy(c => c.Log.Evidence.FullPath).Select(c => new ReportEvidence(
                c.Log.Evidence.FileName, c.Log.Evidence.Bytes, c.Log.Evidence.Sha256, "corroborating source (Can it be trusted?)") { Format = c.Log.FormatId })],
        };
        var reportOptions = new ReportOptions { TileUrl = options.TileUrl, Interactive = !options.Static };
        var written = HtmlReport.WriteFile(outPath, input, reportOptions);
        if (!written.Success)
        {
            return new ReportOutcome(written, input.Findings);
        }

        ProvenanceWriter.WriteReport(outPath, [outPath], prepared.Log.Evidence, prepared.Layers, new Dictionary<string, string?>
        {
            ["bufferM"] = ProvenanceWriter.Invariant(options.Case.BufferMeters),
            ["tileUrl"] = options.TileUrl,
            ["static"] = options.Static ? "true" : "false",
            // The "Can it be trusted?" sources beside the flight: file name and SHA-256 of each (also in the evidence table).
            ["corroborate"] = corroborating.Count == 0 ? null : string.Join("; ", corroborating.Select(c => c.Log.Evidence).DistinctBy(e => e.FullPath).Select(e => e.FileName + " sha256:" + e.Sha256)),
        }, HtmlReport.EmbeddedThumbnails(input, reportOptions));
        return new ReportOutcome(written, input.Findings);
    }

    /// <summary>The report input of a prepared case: everything the HTML shows, nothing written yet.</summary>
    public static ReportInput BuildInput(PreparedCase prepared, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var log = prepared.Log;
        var layers = prepared.Layers;
        var checkOptions = prepared.CheckOptions;
        List<ReportFinding> findings = [];
        List<ReportFeature> features = [];
        List<ReportEvidence> mediaEvidence = [];
        IReadOnlyList<ReportThumbnail> thumbnails = [];
        IReadOnlyList<string> checkNotes = [];
        var mediaNote = "";
        var thumbnailNote = "";
        if (layers.Count > 0 || checkOptions.Media.Count > 0)
        {
            var result = prepared.Check(cancellationToken);
            checkNotes = result.Notes;
            findings = GeoReportMapping.Findings(result);
            features = GeoReportMapping.FeaturesNear(layers, result, log.Summary.Bounds);
            mediaEvidence.AddRange(result.Media.Select(m => MediaEvidence(m, checkOptions.Media)));
            var selection = ReportThumbnails.Collect(result, checkOptions.Media);
            thumbnails = selection.Thumbnails;
            thumbnailNote = ThumbnailNote(selection);
            if (result.Media.Count > 0)
            {
                mediaNote = string.Create(CultureInfo.InvariantCulture,
                    $" Media: {result.Media.Count(m => m.Matched)} of {result.Media.Count} file(s) placed on the flight; camera clock offsets are estimated from position agreement unless the examiner stated one (see the evidence table).");
            }
        }

        if (checkOptions.Terrain is { } dem)
        {
            mediaEvidence.AddRange(dem.Tiles.Select(t => new ReportEvidence(t.FileName, t.Bytes, t.Sha256, "elevation model (SRTM .hgt)") { Format = "srtm-hgt" }));
        }

        return new ReportInput
        {
            Log = log,
            Features = features,
            Findings = findings,
            Thumbnails = thumbnails,
            OtherEvidence = [.. layers.Select(l => new ReportEvidence(l.FileName, l.Bytes, l.Sha256, "infrastructure layer") { Format = l.Format }), .. mediaEvidence],
            MethodNote = MethodNote(prepared) + mediaNote + thumbnailNote,
            MethodNotes = checkNotes,
        };
    }

    /// <summary>
    /// verify over the flight, the other sources (<c>--corroborate</c>, read with <see cref="VerifyWorkflow.Sources"/>)
    /// and the media: null with a single source. The flight is the first source; its findings about itself are listed too.
    /// </summary>
    public static VerifyResult? Trust(PreparedCase prepared, IReadOnlyList<VerifySource> corroborating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(corroborating);
        var media = prepared.CheckOptions.Media.Where(m => m.Log is not null).Select(m => new VerifySource(m.Log!)).ToList();
        if (corroborating.Count == 0 && media.Count == 0)
        {
            return null;
        }

        return new Verifier().VerifySources([new VerifySource(prepared.Log), .. corroborating, .. media], cancellationToken);
    }

    private static ReportEvidence MediaEvidence(MediaMatch m, IReadOnlyList<MediaInput> inputs)
    {
        var input = inputs.FirstOrDefault(i => i.File == m.File && i.Sha256 == m.Sha256);
        var role = m.Matched
            ? string.Create(CultureInfo.InvariantCulture, $"media ({m.Kind}), matched: camera clock {m.ClockOffsetSeconds:+0.0;-0.0;0} s from the flight clock ({m.OffsetSource}), residual {(m.ResidualMeters is double r ? r.ToString("0.0", CultureInfo.InvariantCulture) + " m" : "n/a")}, {m.Frames} frame(s)")
            : $"media ({m.Kind}), NOT matched: {m.Reason}";
        return new ReportEvidence(m.File, input?.Log?.Evidence.Bytes ?? 0, m.Sha256, role) { Format = m.Format };
    }

    private static string ThumbnailNote(ReportThumbnails.Selection selection)
    {
        if (selection.Thumbnails.Count + selection.LeftOut + selection.PairsWithoutThumbnail == 0)
        {
            return "";
        }

        return string.Create(CultureInfo.InvariantCulture,
                $" Thumbnails: {selection.Thumbnails.Count} shown (the photos' own EXIF thumbnails, one per photo and captured feature)")
            + (selection.LeftOut > 0 ? string.Create(CultureInfo.InvariantCulture, $", {selection.LeftOut} more left out (at most {ReportThumbnails.DefaultMax})") : "")
            + (selection.PairsWithoutThumbnail > 0 ? string.Create(CultureInfo.InvariantCulture, $", {selection.PairsWithoutThumbnail} capture(s) of a photo without a usable thumbnail") : "")
            + (selection.Problems.Count > 0 ? " (" + string.Join("; ", selection.Problems) + ")" : "") + ".";
    }

    private static string MethodNote(PreparedCase prepared)
    {
        var layers = prepared.Layers;
        var checkOptions = prepared.CheckOptions;
        return layers.Count == 0
            ? "No infrastructure layer was given: the report shows the flight only."
            : string.Create(CultureInfo.InvariantCulture,
                $"Checked against {layers.Count} layer(s), {layers.Sum(l => l.Features.Count)} feature(s); close-approach distance {(checkOptions.BufferMetersOverride is double b ? $"{b:0.#} m for every feature" : "per category (taxonomy)")}; camera footprints {(checkOptions.Terrain is null ? "on flat ground" : "against the elevation model")}. {GeoReportMapping.SeverityRuleText}");
    }
}
