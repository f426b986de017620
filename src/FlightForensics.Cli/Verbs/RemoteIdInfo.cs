using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.RemoteId;
using FlightForensics.RemoteId.Messages;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary>The contract's <c>info --json</c> <c>"aircraft"</c> array of a <c>remoteid-capture</c>.</summary>
public static class RemoteIdInfo
{
    public const string FormatId = "remoteid-capture";

    /// <summary>Reads the capture once more (read-only) for its per-aircraft view.</summary>
    public static IReadOnlyList<AircraftTrack> ReadAircraft(string path)
    {
        using var stream = EvidenceFile.OpenRead(path);
        return RemoteIdCapture.Read(stream, new FlightLogSink()).Aircraft;
    }

    public static void WriteAircraft(Utf8JsonWriter w, IReadOnlyList<AircraftTrack> aircraft)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(aircraft);
        w.WritePropertyName("aircraft");
        w.WriteStartArray();
        foreach (var a in aircraft)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            WriteIntOrNull(w, "idType", a.IdType);
            WriteIntOrNull(w, "uaType", a.UaType);
            w.WriteString("protocol", a.Protocol);
            w.WriteString("transport", RemoteIdNames.Transport(a.Transport));
            w.WriteString("transmitter", RemoteIdNames.Mac(a.Transmitter));
            w.WriteNumber("messages", a.Messages);
            w.WriteNumber("locations", a.Locations);
            JsonParts.WriteStringOrNull(w, "firstUtc", a.FirstUtc is { } f ? NumberFormat.Utc(f) : null);
            JsonParts.WriteStringOrNull(w, "lastUtc", a.LastUtc is { } l ? NumberFormat.Utc(l) : null);
            WritePosition(w, "operator", a.Operator);
            WritePosition(w, "home", a.Home);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, string name, BroadcastPosition? p)
    {
        w.WritePropertyName(name);
        if (p is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WritePropertyName("latitudeDeg");
        w.WriteRawValue(NumberFormat.Coordinate(p.LatitudeDegrees), skipInputValidation: true);
        w.WritePropertyName("longitudeDeg");
        w.WriteRawValue(NumberFormat.Coordinate(p.LongitudeDegrees), skipInputValidation: true);
        JsonParts.WriteNumberOrNull(w, "altitudeMslM", p.AltitudeMeters);
        w.WriteEndObject();
    }

    private static void WriteIntOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
