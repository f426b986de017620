using System.CommandLine;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>decode FILE [--format csv|json|geojson|kml|gpx] [-o OUT]</c>: normalised samples, streamed from the
/// decoder to the output so that memory does not grow with the log.
/// </summary>
public static class DecodeVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong([.. TelemetryExporters.FormatNames]);
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: stdout). Written under a temporary name, renamed when complete." };
        var comment = new Option<bool>("--provenance-comment") { Description = "CSV: start with a '#' line carrying the input's SHA-256 and the tool version." };
        var sidecar = new Option<bool>("--no-sidecar") { Description = "With -o: do not write OUT.provenance.json beside the output." };
        var fetchKeychains = new Option<bool>("--fetch-keychains")
        {
            Description = "DJI v13+: with DJI_API_KEY set, ask DJI's keychain service for the keys (sends only the file's key-storage ciphertexts, version and department) and save them beside the output for offline reuse.",
        };
        var columns = new Option<string>("--columns")
        {
            Description = "CSV column names: 'contract' (default) or 'standard' (the DJI log viewers' Standard CSV: feet, mph, ms, UTC).",
            DefaultValueFactory = _ => "contract",
        };
        columns.AcceptOnlyFromAmong("contract", "standard");
        var keychainUrl = new Option<string?>("--keychain-url") { Description = "Keychain service endpoint (default DJI's; also DJI_KEYCHAIN_URL)." };
        var command = new Command("decode", "Normalised telemetry samples (CSV on stdout by default).");
        common.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(comment);
        command.Options.Add(sidecar);
        command.Options.Add(columns);
        command.Options.Add(fetchKeychains);
        command.Options.Add(keychainUrl);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            var formatName = parse.GetValue(format)!;
            var outPath = parse.GetValue(output);

            bool standardColumns = parse.GetValue(columns) == "standard";
            if (standardColumns && formatName != "csv")
            {
                throw new CliUsageException("--columns applies to --format csv only");
            }

            if (standardColumns && parse.GetValue(comment))
            {
                throw new CliUsageException("--provenance-comment is not available with --columns standard (viewers expect the header first; the provenance sidecar still records the evidence)");
            }

            // Identify first, so that an unsupported or unreadable file fails before any output exists.
            var (evidence, decoder, match) = context.Reader.Identify(path);
            // Every file this run may write, checked against the evidence before any is written.
            var guard = EvidenceGuard.For([path, parse.GetValue(common.Keychains)]);
            bool writesSidecar = outPath is not null && outPath != "-" && !parse.GetValue(sidecar);
            OutputPlan.Ensure(guard, (outPath, "output"), (writesSidecar ? outPath + ProvenanceSidecar.Suffix : null, "provenance sidecar"),
                (parse.GetValue(fetchKeychains) ? KeychainFetch.SavedPath(outPath, evidence) : null, "keychains file"));
            options = KeychainFetch.Apply(context, path, evidence, match, decoder.FormatId, options with { DjiApiKey = context.GetEnvironmentVariable(KeychainFetch.ApiKeyVariable) },
                parse.GetValue(fetchKeychains), outPath, parse.GetValue(keychainUrl));
            using var target = OutputTarget.Open(context, outPath, guard);
            var exportOptions = new ExportOptions
            {
                CsvProvenanceComment = parse.GetValue(comment),
                CsvColumns = standardColumns ? CsvColumnSet.Standard : CsvColumnSet.Contract,
            };
            var provenance = new ExportProvenance(decoder.FormatId, decoder.DecoderName, decoder.DecoderVersion);
            ExportingSink sink;
            using (var exporter = TelemetryExporters.Create(formatName, target.Stream, exportOptions))
            {
                sink = new ExportingSink(exporter, options);
                exporter.Begin(evidence, provenance);
                context.Reader.Decode(path, sink, options);
                exporter.End(sink);
            }

            target.Commit();
            if (target.Path is string written && !parse.GetValue(sidecar))
            {
                ProvenanceSidecar.Write(written, evidence, provenance, sink);
            }

            context.Stderr.WriteLine(
                $"decoded {evidence.FileName} ({decoder.FormatId}, sha256 {evidence.Sha256}): {sink.Summary.Count} samples, {sink.Events.Count} events, {sink.Diagnostics.Count + sink.DiagnosticsNotStored} diagnostics");
            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>OUT.provenance.json: which evidence (SHA-256) and which tool produced an output file.</summary>
public static class ProvenanceSidecar
{
    /// <summary>Appended to the output's name.</summary>
    public const string Suffix = ".provenance.json";

    public static void Write(string outputPath, EvidenceFile evidence, ExportProvenance provenance, Core.Decoding.FlightLogSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var outputSha256 = HashFile(outputPath);
        AtomicFile.Write(outputPath + Suffix, stream =>
        {
            using var w = new System.Text.Json.Utf8JsonWriter(stream, JsonParts.WriterOptions(indented: true));
            w.WriteStartObject();
            w.WriteString("output", Path.GetFileName(outputPath));
            w.WriteString("outputSha256", outputSha256);
            w.WritePropertyName("evidence");
            JsonParts.WriteEvidence(w, evidence, provenance, sink.FormatVersion);
            w.WritePropertyName("damage");
            JsonParts.WriteDamage(w, sink.Damage);
            w.WriteEndObject();
        });
    }

    private static string HashFile(string path)
    {
        using var s = EvidenceFile.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s));
    }
}
