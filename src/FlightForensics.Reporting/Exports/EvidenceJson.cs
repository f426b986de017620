using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The JSON of <c>info --json</c> (what the evidence is and holds), <c>inspect --json</c> (record counts, damage,
/// diagnostics) and of a file no decoder recognises (its hash is worth having anyway). CONTRACT.md fields.
/// </summary>
public static class EvidenceJson
{
    /// <summary><c>info --json</c>.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="log">The decoded log.</param>
    /// <param name="formatMembers">Members only some formats have (a Remote ID capture's <c>aircraft</c>), written last.</param>
    public static void WriteInfo(Utf8JsonWriter w, FlightLog log, Action<Utf8JsonWriter>? formatMembers = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(log);
        var s = log.Summary;
        w.WriteStartObject();
        WriteIdentity(w, log);
        w.WritePropertyName("vehicle");
        JsonParts.WriteVehicle(w, log.Vehicle);
        JsonParts.WriteUtcOrNull(w, "startUtc", log.StartUtc);
        JsonParts.WriteUtcOrNull(w, "endUtc", s.LastUtc);
        JsonParts.WriteNumberOrNull(w, "durationS", s.DurationSeconds, 3);
        w.WriteNumber("sampleCount", s.Count);
        w.WriteNumber("samplesWithPosition", s.WithPosition);
        w.WritePropertyName("bounds");
        if (s.Bounds is GeoBounds b)
        {
            w.WriteStartObject();
            w.WritePropertyName("minLatitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MinLatitude), skipInputValidation: true);
            w.WritePropertyName("minLongitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MinLongitude), skipInputValidation: true);
            w.WritePropertyName("maxLatitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MaxLatitude), skipInputValidation: true);
            w.WritePropertyName("maxLongitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MaxLongitude), skipInputValidation: true);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("home");
        JsonParts.WriteHome(w, log.Home);
        JsonParts.WriteNumberOrNull(w, "maxHeightAboveTakeoffM", s.MaxHeightAboveTakeoffMeters);
        JsonParts.WriteNumberOrNull(w, "maxAltitudeMslM", s.MaxAltitudeMslMeters);
        JsonParts.WriteNumberOrNull(w, "maxGroundSpeedMps", s.MaxGroundSpeedMetersPerSecond);
        w.WriteNumber("eventCount", log.Events.Count);
        w.WriteNumber("attachmentCount", log.Attachments.Count);
        w.WritePropertyName("damage");
        JsonParts.WriteDamage(w, log.Damage);
        w.WriteNumber("diagnosticCount", log.Diagnostics.Count + log.DiagnosticsNotStored);
        formatMembers?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary><c>inspect --json</c>: at most <paramref name="maxDiagnostics"/> diagnostics are listed.</summary>
    public static void WriteInspect(Utf8JsonWriter w, FlightLog log, int maxDiagnostics)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(log);
        w.WriteStartObject();
        WriteIdentity(w, log);
        w.WritePropertyName("recordCounts");
        w.WriteStartObject();
        foreach (var (name, count) in log.RecordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(name, count);
        }

        w.WriteEndObject();
        w.WritePropertyName("damage");
        JsonParts.WriteDamage(w, log.Damage);
        w.WriteNumber("sampleCount", log.Summary.Count);
        w.WriteNumber("eventCount", log.Events.Count);
        w.WritePropertyName("attachments");
        w.WriteStartArray();
        foreach (var a in log.Attachments)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteString("mediaType", a.MediaType);
            w.WriteNumber("offset", a.Offset);
            w.WriteNumber("length", a.Length);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("diagnosticCount", log.Diagnostics.Count + log.DiagnosticsNotStored);
        w.WritePropertyName("diagnostics");
        w.WriteStartArray();
        foreach (var d in log.Diagnostics.Take(maxDiagnostics))
        {
            JsonParts.WriteDiagnostic(w, d);
        }

        w.WriteEndArray();
        foreach (var (group, counters) in log.FormatCounters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(group);
            w.WriteStartObject();
            foreach (var (name, value) in counters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary><c>info --json</c> for a file no decoder recognises: its identity and the magic bytes seen.</summary>
    public static void WriteUnsupported(Utf8JsonWriter w, EvidenceFile evidence, UnsupportedFormatException ex)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(ex);
        w.WriteStartObject();
        w.WriteString("file", evidence.FileName);
        w.WriteNumber("bytes", evidence.Bytes);
        w.WriteString("sha256", evidence.Sha256);
        w.WriteNull("format");
        w.WriteString("error", "unsupported format");
        w.WriteString("magic", ex.MagicHex);
        w.WriteString("tool", ToolInfo.NameAndVersion);
        w.WriteEndObject();
    }

    /// <summary>The fields every per-file JSON starts with: the file, its hash, format, decoder and tool.</summary>
    private static void WriteIdentity(Utf8JsonWriter w, FlightLog log)
    {
        w.WriteString("file", log.Evidence.FileName);
        w.WriteNumber("bytes", log.Evidence.Bytes);
        w.WriteString("sha256", log.Evidence.Sha256);
        w.WriteString("format", log.FormatId);
        JsonParts.WriteStringOrNull(w, "formatVersion", log.FormatVersion);
        w.WriteString("decoder", $"{log.DecoderName} {log.DecoderVersion}");
        w.WriteString("tool", ToolInfo.NameAndVersion);
    }
}
