using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// Writes decoded telemetry as it streams out of a decoder, so that exporting a 1 GB log needs
/// no more memory than one sample. Begin, then samples in order, then End with the bookkeeping.
/// </summary>
public interface ITelemetryExporter : IDisposable
{
    void Begin(EvidenceFile evidence, ExportProvenance provenance);
    void WriteSample(in TelemetrySample sample);

    /// <summary>Writes what is only known at the end (identity, events, diagnostics) and flushes.</summary>
    void End(FlightLogSink bookkeeping);
}

/// <summary>Where an export came from: which decoder and which tool wrote it.</summary>
public sealed record ExportProvenance(string FormatId, string DecoderName, string DecoderVersion)
{
    public string ToolName { get; init; } = FlightForensics.Core.ToolInfo.Name;
    public string ToolVersion { get; init; } = FlightForensics.Core.ToolInfo.Version;
}

/// <summary>A sink that hands every sample to an exporter as it is decoded.</summary>
public sealed class ExportingSink(ITelemetryExporter exporter, DecodeOptions? options = null) : FlightLogSink(options)
{
    private readonly ITelemetryExporter _exporter = exporter ?? throw new ArgumentNullException(nameof(exporter));

    protected override void OnSample(in TelemetrySample sample) => _exporter.WriteSample(sample);
}

/// <summary>The output formats of <c>decode --format</c>.</summary>
public static class TelemetryExporters
{
    public static IReadOnlyList<string> FormatNames { get; } = ["csv", "json", "geojson", "kml", "gpx"];

    /// <summary>An exporter writing to <paramref name="output"/> (left open by the exporter's Dispose).</summary>
    public static ITelemetryExporter Create(string format, Stream output, ExportOptions? options = null) => format switch
    {
        "csv" when options?.CsvColumns == CsvColumnSet.Standard => new StandardCsvTelemetryExporter(output),
        "csv" => new CsvTelemetryExporter(output, options ?? ExportOptions.Default),
        "json" => new JsonTelemetryExporter(output, options ?? ExportOptions.Default),
        "geojson" => new GeoJsonTelemetryExporter(output, options ?? ExportOptions.Default),
        "kml" => new KmlTelemetryExporter(output, options ?? ExportOptions.Default),
        "gpx" => new GpxTelemetryExporter(output, options ?? ExportOptions.Default),
        _ => throw new ArgumentException($"unknown export format '{format}' (known: {string.Join(", ", FormatNames)})", nameof(format)),
    };
}

public sealed record ExportOptions
{
    public static ExportOptions Default { get; } = new();

    /// <summary>CSV: a first line starting with <c>#</c> carrying the input's SHA-256 and the tool version.</summary>
    public bool CsvProvenanceComment { get; init; }

    /// <summary>CSV: the contract's columns (default) or the DJI log viewers' "Standard" names and units.</summary>
    public CsvColumnSet CsvColumns { get; init; } = CsvColumnSet.Contract;

    /// <summary>JSON: indent for humans (default compact).</summary>
    public bool Indented { get; init; }
}
