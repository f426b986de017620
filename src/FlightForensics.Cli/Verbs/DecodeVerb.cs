using System.CommandLine;
using FlightForensics.Application.Workflows;
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
            var decode = DecodeWorkflow.Start(context.Reader, new DecodeWorkflowOptions
            {
                Path = parse.GetValue(common.File)!,
                Decode = common.ToDecodeOptions(parse),
                Format = parse.GetValue(format)!,
                OutputPath = parse.GetValue(output),
                StandardColumns = parse.GetValue(columns) == "standard",
                ProvenanceComment = parse.GetValue(comment),
                Sidecar = !parse.GetValue(sidecar),
                FetchKeychains = parse.GetValue(fetchKeychains),
                KeychainUrl = parse.GetValue(keychainUrl),
            }, context.Stderr, context.GetEnvironmentVariable);
            using var target = OutputTarget.Open(context, parse.GetValue(output), decode.Guard);
            var sink = decode.Export(target.Stream);
            target.Commit();
            decode.Finish(target.Path, sink);
            context.Stderr.WriteLine(decode.Describe(sink));
            return ExitCodes.Success;
        }));
        return command;
    }
}
