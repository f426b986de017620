using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The JSON pieces shared by <c>decode</c>, <c>info</c>, <c>inspect</c> and the reports, written with
/// <see cref="Utf8JsonWriter"/> (no reflection: trimming-safe, deterministic property order).
/// </summary>
public static class JsonParts
{
    public static void WriteEvidence(Utf8JsonWriter w, EvidenceFile evidence, ExportProvenance provenance, string? formatVersion)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(provenance);
        w.WriteStartObject();
        w.WriteString("file", evidence.FileName);
        w.WriteNumber("bytes", evidence.Bytes);
        w.WriteString("sha256", evidence.Sha256);
        w.WriteString("format", provenance.FormatId);
        WriteStringOrNull(w, "formatVersion", formatVersion);
        w.WriteString("decoder", $"{provenance.DecoderName} {provenance.DecoderVersion}");
        w.WriteString("tool", $"{provenance.ToolName} {provenance.ToolVersion}");
        w.WriteEndObject();
    }

    public static void WriteVehicle(Utf8JsonWriter w, VehicleIdentity vehicle)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(vehicle);
        w.WriteStartObject();
        foreach (var (name, value) in vehicle.KnownFields())
        {
            if (name == "systemId" && vehicle.SystemId is int id)
            {
                w.WriteNumber(name, id);
            }
            else
            {
                w.WriteString(name, value);
            }
        }

        w.WriteEndObject();
    }

    public static void WriteSample(Utf8JsonWriter w, in TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        var columns = SampleColumns.All;
        for (int i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var text = SampleColumns.Format(i, sample);
            if (text is null)
            {
                w.WriteNull(column.JsonName);
            }
            else if (column.Type == SampleColumns.Kind.Number)
            {
                // The text is already invariant and bounded in precision: write it verbatim as a JSON number.
                w.WritePropertyName(column.JsonName);
                w.WriteRawValue(text, skipInputValidation: true);
            }
            else if (column.Type == SampleColumns.Kind.Boolean)
            {
                w.WriteBoolean(column.JsonName, text == "true");
            }
            else
            {
                w.WriteString(column.JsonName, text);
            }
        }

        if (sample.AircraftId is { } aircraft)
        {
            // Multi-aircraft sources only (contract: Remote ID captures); other formats' JSON stays as it was.
            w.WriteString("aircraftId", aircraft);
        }

        if (sample.RemoteControl is { } rc)
        {
            // Beyond the contract's fields (JSON may carry more): only where the source records RC input.
            WriteRemoteControl(w, rc);
        }

        w.WriteEndObject();
    }

    private static void WriteRemoteControl(Utf8JsonWriter w, in RemoteControlInput rc)
    {
        w.WriteStartObject("remoteControl");
        WriteRawNumber(w, "aileronPct", rc.AileronPercent);
        WriteRawNumber(w, "elevatorPct", rc.ElevatorPercent);
        WriteRawNumber(w, "throttlePct", rc.ThrottlePercent);
        WriteRawNumber(w, "rudderPct", rc.RudderPercent);
        if (rc.GimbalWheelPercent is double g)
        {
            WriteRawNumber(w, "gimbalWheelPct", g);
        }

        if (rc.ModeSwitchPosition is int mode)
        {
            w.WriteNumber("modeSwitchPosition", mode);
        }

        if (rc.ReturnHomePressed is bool home)
        {
            w.WriteBoolean("returnHomePressed", home);
        }

        if (rc.ShutterPressed is bool shutter)
        {
            w.WriteBoolean("shutterPressed", shutter);
        }

        if (rc.RecordPressed is bool record)
        {
            w.WriteBoolean("recordPressed", record);
        }

        w.WriteEndObject();
    }

    private static void WriteRawNumber(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(NumberFormat.Measure(value), skipInputValidation: true);
    }

    public static void WriteEvent(Utf8JsonWriter w, FlightEvent e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        WriteUtcOrNull(w, "timeUtc", e.TimeUtc);
        WriteNumberOrNull(w, "elapsedS", e.ElapsedSeconds);
        w.WriteString("kind", e.Kind.ToName());
        w.WriteString("text", e.Text);
        w.WriteNumber("sourceOffset", e.SourceOffset);
        if (e.LatitudeDegrees is double lat && e.LongitudeDegrees is double lon)
        {
            w.WritePropertyName("latitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(lat), skipInputValidation: true);
            w.WritePropertyName("longitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(lon), skipInputValidation: true);
        }

        if (e.AltitudeMslMeters is double msl)
        {
            w.WriteNumber("altitudeMslM", Math.Round(msl, 4));
        }

        if (e.HeightAboveTakeoffMeters is double hat)
        {
            w.WriteNumber("heightAboveTakeoffM", Math.Round(hat, 4));
        }

        w.WriteEndObject();
    }

    public static void WriteDiagnostic(Utf8JsonWriter w, Diagnostic d)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteNumber("offset", d.Offset);
        w.WriteString("kind", d.Kind.ToName());
        w.WriteString("message", d.Message);
        if (d.Length != 0)
        {
            w.WriteNumber("length", d.Length);
        }

        w.WriteEndObject();
    }

    public static void WriteDamage(Utf8JsonWriter w, DamageCounters damage)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(damage);
        w.WriteStartObject();
        w.WriteNumber("crcFailures", damage.CrcFailures);
        w.WriteNumber("resyncs", damage.Resyncs);
        w.WriteNumber("resyncSkippedBytes", damage.ResyncSkippedBytes);
        w.WriteNumber("unknownRecords", damage.UnknownRecords);
        w.WriteNumber("truncatedBytes", damage.TruncatedBytes);
        w.WriteNumber("timeBackwards", damage.TimeBackwards);
        w.WriteNumber("timeJumps", damage.TimeJumps);
        w.WriteNumber("corrupt", damage.Corrupt);
        w.WriteNumber("invalidValues", damage.InvalidValues);
        w.WriteNumber("gaps", damage.Gaps);
        w.WriteEndObject();
    }

    public static void WriteHome(Utf8JsonWriter w, HomePoint? home)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (home is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WritePropertyName("latitudeDeg");
        w.WriteRawValue(NumberFormat.Coordinate(home.LatitudeDegrees), skipInputValidation: true);
        w.WritePropertyName("longitudeDeg");
        w.WriteRawValue(NumberFormat.Coordinate(home.LongitudeDegrees), skipInputValidation: true);
        WriteNumberOrNull(w, "altitudeMslM", home.AltitudeMslMeters);
        w.WriteNumber("sourceOffset", home.SourceOffset);
        w.WriteEndObject();
    }

    /// <summary>Events, diagnostics and counters: the tail every sample-carrying JSON shares.</summary>
    public static void WriteEventsAndDiagnostics(Utf8JsonWriter w, FlightLogSink sink)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sink);
        w.WritePropertyName("events");
        w.WriteStartArray();
        foreach (var e in sink.Events)
        {
            WriteEvent(w, e);
        }

        w.WriteEndArray();
        w.WritePropertyName("damage");
        WriteDamage(w, sink.Damage);
        w.WritePropertyName("diagnostics");
        w.WriteStartArray();
        foreach (var d in sink.Diagnostics)
        {
            WriteDiagnostic(w, d);
        }

        w.WriteEndArray();
        w.WriteNumber("diagnosticsNotStored", sink.DiagnosticsNotStored);
    }

    public static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A UTC time in the one format of every output (<see cref="NumberFormat.Utc"/>), or null.</summary>
    public static void WriteUtcOrNull(Utf8JsonWriter w, string name, DateTimeOffset? value) =>
        WriteStringOrNull(w, name, value is { } t ? NumberFormat.Utc(t) : null);

    public static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, decimals));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static JsonWriterOptions WriterOptions(bool indented) => new()
    {
        Indented = indented,
        // Default encoder: escapes <, >, &, ' so that JSON embedded in HTML reports stays inert.
    };

    public static string ToolString => ToolInfo.NameAndVersion;
}
