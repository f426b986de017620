using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The contract's decode JSON, streamed: evidence first, samples as they come, then vehicle, events and
/// diagnostics (which are only complete at the end). Property order in a JSON object carries no meaning.
/// </summary>
public sealed class JsonTelemetryExporter(Stream output, ExportOptions options) : ITelemetryExporter
{
    private readonly Utf8JsonWriter _w = new(output, JsonParts.WriterOptions(options?.Indented ?? false));

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        _w.WriteStartObject();
        _w.WritePropertyName("evidence");
        // The format version is only known after decoding; it is repeated at the end under "formatVersion".
        JsonParts.WriteEvidence(_w, evidence, provenance, null);
        _w.WritePropertyName("samples");
        _w.WriteStartArray();
    }

    public void WriteSample(in TelemetrySample sample)
    {
        JsonParts.WriteSample(_w, sample);
        if (_w.BytesPending > 1 << 16)
        {
            _w.Flush();
        }
    }

    public void End(FlightLogSink bookkeeping)
    {
        ArgumentNullException.ThrowIfNull(bookkeeping);
        _w.WriteEndArray();
        JsonParts.WriteStringOrNull(_w, "formatVersion", bookkeeping.FormatVersion);
        _w.WritePropertyName("vehicle");
        JsonParts.WriteVehicle(_w, bookkeeping.Vehicle);
        JsonParts.WriteStringOrNull(_w, "startUtc", (bookkeeping.StartUtc ?? bookkeeping.Summary.FirstUtc) is { } s ? NumberFormat.Utc(s) : null);
        _w.WritePropertyName("home");
        JsonParts.WriteHome(_w, bookkeeping.Home);
        JsonParts.WriteEventsAndDiagnostics(_w, bookkeeping);
        _w.WriteEndObject();
        _w.Flush();
    }

    public void Dispose() => _w.Dispose();
}
