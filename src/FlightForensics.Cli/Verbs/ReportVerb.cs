using FlightForensics.Core.Evidence;
using System.CommandLine;
using System.Globalization;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting;
using FlightForensics.Reporting.External;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>report FILE --infra LAYER ... -o OUT.html|OUT.pdf</c>: the self-contained evidence report (offline HTML;
/// PDF by printing it with headless Chromium, Debian package chromium).
/// </summary>
public static class ReportVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var infra = CheckVerb.InfraOption(required: false);
        var output = new Option<string>("--output", "-o") { Description = "Report file: .html, or .pdf (needs chromium).", Required = true };
        var buffer = new Option<double?>("--buffer-m") { Description = "Close-approach distance in metres for every feature (default: per category)." };
        var tiles = new Option<string?>("--tile-url") { Description = "Optional base-map tile URL template for readers who are online (the report makes no request without it)." };
        var noJs = new Option<bool>("--static") { Description = "No interactive map and chart (SVG only)." };
        var media = new MediaOptions();
        var command = new Command("report", "The evidence report: one self-contained HTML file (or PDF).");
        common.AddTo(command);
        media.AddTo(command);
        command.Options.Add(infra);
        command.Options.Add(output);
        command.Options.Add(buffer);
        command.Options.Add(tiles);
        command.Options.Add(noJs);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var layerPaths = parse.GetValue(infra) ?? [];
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            var ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (ext is not (".html" or ".htm" or ".pdf"))
            {
                throw new CliUsageException("-o must end in .html or .pdf");
            }

            var guard = EvidenceGuard.For([path, .. layerPaths, .. media.Paths(parse), parse.GetValue(common.Keychains)]);
            OutputPlan.Ensure(guard, (outPath, "report"), (outPath + ProvenanceSidecar.Suffix, "provenance manifest"));

            if (ext == ".pdf" && !Chromium.IsAvailable)
            {
                throw new CliUsageException("PDF needs headless Chromium (Debian package chromium); write .html instead or install it");
            }

            var decodeOptions = common.ToDecodeOptions(parse);
            var (log, layers) = AnalysisFactory.ReadLogAndLayers(context, path, decodeOptions, layerPaths);
            var checkOptions = media.Apply(new CheckOptions { BufferMetersOverride = parse.GetValue(buffer) }, parse, context, decodeOptions, out _);
            List<ReportFinding> findings = [];
            List<ReportFeature> features = [];
            List<ReportEvidence> mediaEvidence = [];
            var mediaNote = "";
            IReadOnlyList<ReportThumbnail> thumbnails = [];
            var thumbnailNote = "";
            if (layers.Count > 0 || checkOptions.Media.Count > 0)
            {
                var result = InfrastructureCheck.Run(log, layers, checkOptions);
                findings = GeoReportMapping.Findings(result);
                features = GeoReportMapping.FeaturesNear(layers, result, log.Summary.Bounds);
                foreach (var m in result.Media)
                {
                    var input = checkOptions.Media.FirstOrDefault(i => i.File == m.File && i.Sha256 == m.Sha256);
                    var role = m.Matched
                        ? string.Create(CultureInfo.InvariantCulture, $"media ({m.Kind}), matched: camera clock {m.ClockOffsetSeconds:+0.0;-0.0;0} s from the flight clock ({m.OffsetSource}), residual {(m.ResidualMeters is double r ? r.ToString("0.0", CultureInfo.InvariantCulture) + " m" : "n/a")}, {m.Frames} frame(s)")
                        : $"media ({m.Kind}), NOT matched: {m.Reason}";
                    mediaEvidence.Add(new ReportEvidence(m.File, input?.Log?.Evidence.Bytes ?? 0, m.Sha256, role) { Format = m.Format });
                }

                var selection = ReportThumbnails.Collect(result, checkOptions.Media);
                thumbnails = selection.Thumbnails;
                if (selection.Thumbnails.Count + selection.LeftOut + selection.PairsWithoutThumbnail > 0)
                {
                    thumbnailNote = string.Create(CultureInfo.InvariantCulture,
                        $" Thumbnails: {selection.Thumbnails.Count} shown (the photos' own EXIF thumbnails, one per photo and captured feature)")
                        + (selection.LeftOut > 0 ? string.Create(CultureInfo.InvariantCulture, $", {selection.LeftOut} more left out (at most {ReportThumbnails.DefaultMax})") : "")
                        + (selection.PairsWithoutThumbnail > 0 ? string.Create(CultureInfo.InvariantCulture, $", {selection.PairsWithoutThumbnail} capture(s) of a photo without a usable thumbnail") : "")
                        + (selection.Problems.Count > 0 ? " (" + string.Join("; ", selection.Problems) + ")" : "") + ".";
                }

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

            var reportInput = new ReportInput
            {
                Log = log,
                Features = features,
                Findings = findings,
                Thumbnails = thumbnails,
                OtherEvidence = [.. layers.Select(l => new ReportEvidence(l.FileName, l.Bytes, l.Sha256, "infrastructure layer") { Format = l.Format }), .. mediaEvidence],
                MethodNote = (layers.Count == 0
                    ? "No infrastructure layer was given: the report shows the flight only."
                    : string.Create(CultureInfo.InvariantCulture,
                        $"Checked against {layers.Count} layer(s), {layers.Sum(l => l.Features.Count)} feature(s); close-approach distance {(checkOptions.BufferMetersOverride is double b ? $"{b:0.#} m for every feature" : "per category (taxonomy)")}; camera footprints {(checkOptions.Terrain is null ? "on flat ground" : "against the elevation model")}. {GeoReportMapping.SeverityRuleText}")) + mediaNote + thumbnailNote,
            };
            var options = new ReportOptions { TileUrl = parse.GetValue(tiles), Interactive = !parse.GetValue(noJs) };
            var written = HtmlReport.WriteFile(outPath, reportInput, options);
            if (!written.Success)
            {
                context.Stderr.WriteLine($"flightforensics: {written.Message}");
                return ExitCodes.InputError;
            }

            ReportManifest.Write(outPath, [outPath], log.Evidence, layers, new Dictionary<string, string?>
            {
                ["bufferM"] = ReportManifest.Invariant(parse.GetValue(buffer)),
                ["tileUrl"] = parse.GetValue(tiles),
                ["static"] = parse.GetValue(noJs) ? "true" : "false",
            }, HtmlReport.EmbeddedThumbnails(reportInput, options));
            int overflights = findings.Count(f => f.Kind == FindingKind.Overflight);
            int captures = findings.Count(f => f.Kind == FindingKind.Capture);
            int near = findings.Count(f => f.Kind == FindingKind.Proximity);
            context.Stderr.WriteLine($"report: {outPath}");
            context.Stderr.WriteLine($"found: {overflights} overflight(s), {captures} camera capture(s), {near} close approach(es)"
                + (findings.Count > 0 ? " - " + string.Join("; ", findings.Where(f => f.Kind != FindingKind.Proximity)
                    .GroupBy(f => (f.Kind, f.FeatureName)).Select(g => $"{g.Key.Kind.ToString().ToLowerInvariant()} of {g.Key.FeatureName}")) : ""));
            return ExitCodes.Success;
        }));
        return command;
    }
}
