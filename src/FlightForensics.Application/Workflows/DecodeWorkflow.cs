using FlightForensics.Application.Provenance;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Workflows;

/// <summary>The decode's settings: the evidence, the export format and where it goes.</summary>
public sealed record DecodeWorkflowOptions
{
    public required string Path { get; init; }
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>An export format of <see cref="TelemetryExporters.FormatNames"/>.</summary>
    public string Format { get; init; } = "csv";

    /// <summary>The output file; null or "-" for stdout.</summary>
    public string? OutputPath { get; init; }

    /// <summary>CSV: the viewers' Standard columns instead of the contract's.</summary>
    public bool StandardColumns { get; init; }

    /// <summary>CSV: a first '#' line with the input's SHA-256 and the tool version.</summary>
    public bool ProvenanceComment { get; init; }

    /// <summary>With an output file: OUT.provenance.json beside it.</summary>
    public bool Sidecar { get; init; } = true;

    /// <summary>DJI v13+: ask DJI's keychain service for the keys (needs DJI_API_KEY).</summary>
    public bool FetchKeychains { get; init; }

    /// <summary>The keychain service endpoint; null: DJI_KEYCHAIN_URL or DJI's.</summary>
    public string? KeychainUrl { get; init; }

    public bool WritesToFile => OutputPath is not null && OutputPath != "-";
}

/// <summary>
/// Normalised samples, streamed from the decoder to the output so that memory does not grow with the log. Run in
/// three steps so that a front end owns where the bytes go: <see cref="Start"/> (identify the evidence, check every
/// planned output against the inputs, fetch keychains if asked), <see cref="Export"/> into a stream, then
/// <see cref="Finish"/> once the output is in place (the provenance sidecar).
/// </summary>
public sealed class DecodeWorkflow
{
    private readonly FlightLogReader _reader;
    private readonly DecodeWorkflowOptions _options;

    private DecodeWorkflow(FlightLogReader reader, DecodeWorkflowOptions options, EvidenceFile evidence, IFlightLogDecoder decoder, DecodeOptions decode, EvidenceGuard guard)
    {
        _reader = reader;
        _options = options;
        Evidence = evidence;
        Decoder = decoder;
        Decode = decode;
        Guard = guard;
    }

    public EvidenceFile Evidence { get; }
    public IFlightLogDecoder Decoder { get; }

    /// <summary>The options the decode runs with (keychains added when fetched).</summary>
    public DecodeOptions Decode { get; }

    /// <summary>The run's inputs, which no output may be.</summary>
    public EvidenceGuard Guard { get; }

    /// <summary>
    /// Identifies the evidence, checks every planned output against the inputs, and runs the keychain flow, which
    /// reports on <c>messages</c> (stderr) and reads DJI_API_KEY and DJI_KEYCHAIN_URL through <c>environment</c>.
    /// </summary>
    public static DecodeWorkflow Start(FlightLogReader reader, DecodeWorkflowOptions options, TextWriter messages, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.StandardColumns && options.Format != "csv")
        {
            throw new UsageException("--columns applies to --format csv only");
        }

        if (options.StandardColumns && options.ProvenanceComment)
        {
            throw new UsageException("--provenance-comment is not available with --columns standard (viewers expect the header first; the provenance sidecar still records the evidence)");
        }

        // Identify first, so that an unsupported or unreadable file fails before any output exists.
        var (evidence, decoder, match) = reader.Identify(options.Path);
        // Every file this run may write, checked against the evidence before any is written.
        var guard = EvidenceGuard.For([options.Path, options.Decode.DjiKeychainsPath]);
        OutputPlan.Ensure(guard, (options.OutputPath, "output"),
            (options.WritesToFile && options.Sidecar ? ProvenanceWriter.PathFor(options.OutputPath!) : null, "provenance sidecar"),
            (options.FetchKeychains ? KeychainFetch.SavedPath(options.OutputPath, evidence) : null, "keychains file"));
        var decode = KeychainFetch.Apply(messages, environment, options.Path, evidence, match, decoder.FormatId,
            options.Decode with { DjiApiKey = environment(KeychainFetch.ApiKeyVariable) }, options.FetchKeychains, options.OutputPath, options.KeychainUrl);
        return new DecodeWorkflow(reader, options, evidence, decoder, decode, guard);
    }

    private ExportProvenance Provenance => new(Decoder.FormatId, Decoder.DecoderName, Decoder.DecoderVersion);

    /// <summary>Decodes the evidence into the export format on <paramref name="output"/>; returns the sink (counts, damage).</summary>
    public ExportingSink Export(Stream output)
    {
        var exportOptions = new ExportOptions
        {
            CsvProvenanceComment = _options.ProvenanceComment,
            CsvColumns = _options.StandardColumns ? CsvColumnSet.Standard : CsvColumnSet.Contract,
        };
        using var exporter = TelemetryExporters.Create(_options.Format, output, exportOptions);
        var sink = new ExportingSink(exporter, Decode);
        exporter.Begin(Evidence, Provenance);
        _reader.Decode(_options.Path, sink, Decode);
        exporter.End(sink);
        return sink;
    }

    /// <summary>After the output is in place at <paramref name="writtenPath"/> (null for stdout): its provenance sidecar.</summary>
    public void Finish(string? writtenPath, ExportingSink sink)
    {
        if (writtenPath is not null && _options.Sidecar)
        {
            ProvenanceWriter.WriteExport(writtenPath, Evidence, Provenance, sink);
        }
    }

    /// <summary>The one-line account of the decode.</summary>
    public string Describe(ExportingSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return $"decoded {Reporting.Text.TerminalText.Safe(Evidence.FileName)} ({Decoder.FormatId}, sha256 {Evidence.Sha256}): {sink.Summary.Count} samples, {sink.Events.Count} events, {sink.Diagnostics.Count + sink.DiagnosticsNotStored} diagnostics";
    }
}
