using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// GeoJSON (RFC 7946): the track as one LineString feature (positions only; the z value is the MSL
/// altitude when the source states one, otherwise 2D) whose <c>coordTimes</c> property gives each position's
/// UTC time (null where the sample has none), and one Point feature per event that has a position.
/// </summary>
public sealed class GeoJsonTelemetryExporter(Stream output, ExportOptions options) : ITelemetryExporter
{
    private readonly Utf8JsonWriter _w = new(output, JsonParts.WriterOptions(options?.Indented ?? false));
    private long _positions;

    // One entry per position, written after the coordinates (GeoJSON has no per-vertex properties).
    private readonly List<string?> _coordTimes = [];

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        _w.WriteStartObject();
        _w.WriteString("type", "FeatureCollection");
        _w.WritePropertyName("evidence");
        JsonParts.WriteEvidence(_w, evidence, provenance, null);
        _w.WritePropertyName("features");
        _w.WriteStartArray();
        _w.WriteStartObject();
        _w.WriteString("type", "Feature");
        _w.WriteString("id", "track");
        _w.WritePropertyName("geometry");
        _w.WriteStartObject();
        _w.WriteString("type", "LineString");
        _w.WritePropertyName("coordinates");
        _w.WriteStartArray();
    }

    public void WriteSample(in TelemetrySample sample)
    {
        if (!sample.HasPosition)
        {
            return;
        }

        _positions++;
        _coordTimes.Add(sample.TimeUtc is { } t ? NumberFormat.Utc(t) : null);
        _w.WriteStartArray();
        _w.WriteRawValue(NumberFormat.Coordinate(sample.LongitudeDegrees!.Value), skipInputValidation: true);
        _w.WriteRawValue(NumberFormat.Coordinate(sample.LatitudeDegrees!.Value), skipInputValidation: true);
        if (sample.AltitudeMslMeters is double msl && double.IsFinite(msl))
        {
            _w.WriteRawValue(NumberFormat.Measure(msl), skipInputValidation: true);
        }

        _w.WriteEndArray();
        if (_w.BytesPending > 1 << 16)
        {
            _w.Flush();
        }
    }

    public void End(FlightLogSink bookkeeping)
    {
        ArgumentNullException.ThrowIfNull(bookkeeping);
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WritePropertyName("properties");
        _w.WriteStartObject();
        _w.WriteString("kind", "track");
        _w.WriteNumber("positions", _positions);
        JsonParts.WriteStringOrNull(_w, "startUtc", bookkeeping.Summary.FirstUtc is { } a ? NumberFormat.Utc(a) : null);
        JsonParts.WriteStringOrNull(_w, "endUtc", bookkeeping.Summary.LastUtc is { } b ? NumberFormat.Utc(b) : null);
        _w.WriteString("altitudeReference", "z is altitude above mean sea level where the source states it");
        _w.WriteStartArray("coordTimes");
        foreach (var time in _coordTimes)
        {
            if (time is null)
            {
                _w.WriteNullValue();
            }
            else
            {
                _w.WriteStringValue(time);
            }
        }

        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.WriteEndObject();

        int index = 0;
        foreach (var e in bookkeeping.Events)
        {
            index++;
            if (e.LatitudeDegrees is not double lat || e.LongitudeDegrees is not double lon)
            {
                continue;
            }

            _w.WriteStartObject();
            _w.WriteString("type", "Feature");
            _w.WriteString("id", $"event-{index}");
            _w.WritePropertyName("geometry");
            _w.WriteStartObject();
            _w.WriteString("type", "Point");
            _w.WritePropertyName("coordinates");
            _w.WriteStartArray();
            _w.WriteRawValue(NumberFormat.Coordinate(lon), skipInputValidation: true);
            _w.WriteRawValue(NumberFormat.Coordinate(lat), skipInputValidation: true);
            _w.WriteEndArray();
            _w.WriteEndObject();
            _w.WritePropertyName("properties");
            JsonParts.WriteEvent(_w, e);
            _w.WriteEndObject();
        }

        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.Flush();
    }

    public void Dispose() => _w.Dispose();
}
