using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Geo;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The contract's <c>check --json</c> and <c>layers --json</c> documents. Contract fields first; extra fields
/// (source offsets, positions, notes, options) after them. Order of findings is the engine's (by time).
/// </summary>
public static class CheckJson
{
    public static void Write(Utf8JsonWriter w, CheckResult result, CheckJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        options ??= new CheckJsonOptions();
        w.WriteStartObject();
        w.WriteString("tool", ToolInfo.NameAndVersion);
        w.WritePropertyName("flight");
        w.WriteStartObject();
        w.WriteString("file", result.Flight.File);
        w.WriteString("sha256", result.Flight.Sha256);
        w.WriteString("format", result.Flight.Format);
        Utc(w, "startUtc", result.Flight.StartUtc);
        Utc(w, "endUtc", result.Flight.EndUtc);
        w.WriteEndObject();

        w.WritePropertyName("layers");
        w.WriteStartArray();
        foreach (var l in result.Layers)
        {
            w.WriteStartObject();
            w.WriteString("file", l.File);
            w.WriteString("sha256", l.Sha256);
            w.WriteNumber("features", l.Features);
            w.WriteString("format", l.Format);
            w.WriteNumber("featuresNearTrack", l.FeaturesNearTrack);
            JsonParts.WriteStringOrNull(w, "attribution", l.Attribution);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WritePropertyName("overflights");
        w.WriteStartArray();
        foreach (var o in result.Overflights)
        {
            w.WriteStartObject();
            Feature(w, o.Feature);
            w.WriteString("layer", o.Feature.Layer);
            Utc(w, "entryUtc", o.EntryUtc);
            Utc(w, "exitUtc", o.ExitUtc);
            JsonParts.WriteNumberOrNull(w, "durationS", o.DurationSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "minHeightAboveTakeoffM", o.MinHeightAboveTakeoffMeters, 2);
            JsonParts.WriteNumberOrNull(w, "minHeightAboveGroundM", o.MinHeightAboveGroundMeters, 2);
            JsonParts.WriteNumberOrNull(w, "entrySeconds", o.EntrySeconds, 3);
            JsonParts.WriteNumberOrNull(w, "exitSeconds", o.ExitSeconds, 3);
            Coordinate(w, "entryLatitudeDeg", o.EntryLatitude);
            Coordinate(w, "entryLongitudeDeg", o.EntryLongitude);
            Coordinate(w, "exitLatitudeDeg", o.ExitLatitude);
            Coordinate(w, "exitLongitudeDeg", o.ExitLongitude);
            w.WriteBoolean("startedInside", o.StartedInside);
            w.WriteBoolean("endedInside", o.EndedInside);
            JsonParts.WriteNumberOrNull(w, "areaExpansionM", o.AreaExpansionMeters, 2);
            w.WriteNumber("firstSourceOffset", o.FirstSourceOffset);
            w.WriteNumber("lastSourceOffset", o.LastSourceOffset);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WritePropertyName("proximity");
        w.WriteStartArray();
        foreach (var p in result.Proximity)
        {
            w.WriteStartObject();
            Feature(w, p.Feature);
            w.WriteString("layer", p.Feature.Layer);
            w.WriteNumber("closestApproachM", Math.Round(p.ClosestApproachMeters, 2));
            Utc(w, "atUtc", p.AtUtc);
            JsonParts.WriteNumberOrNull(w, "atSeconds", p.AtSeconds, 3);
            w.WriteNumber("bufferM", Math.Round(p.BufferMeters, 2));
            JsonParts.WriteNumberOrNull(w, "heightAboveTakeoffM", p.HeightAboveTakeoffMeters, 2);
            Coordinate(w, "latitudeDeg", p.Latitude);
            Coordinate(w, "longitudeDeg", p.Longitude);
            w.WriteNumber("sourceOffset", p.SourceOffset);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WritePropertyName("captures");
        w.WriteStartArray();
        foreach (var c in result.Captures)
        {
            w.WriteStartObject();
            Feature(w, c.Feature);
            w.WriteString("layer", c.Feature.Layer);
            Utc(w, "utc", c.Utc);
            w.WriteString("kind", c.Kind);
            w.WriteNumber("slantRangeM", Math.Round(c.SlantRangeMeters, 2));
            Utc(w, "lastUtc", c.LastUtc);
            JsonParts.WriteNumberOrNull(w, "seconds", c.Seconds, 3);
            JsonParts.WriteNumberOrNull(w, "groundSampleDistanceM", c.GroundSampleDistanceMeters, 4);
            w.WriteBoolean("oblique", c.Oblique);
            w.WriteString("heightReference", c.HeightReference);
            w.WriteNumber("heightM", Math.Round(c.HeightMeters, 2));
            w.WriteNumber("gimbalPitchDeg", Math.Round(c.GimbalPitchDegrees, 2));
            w.WriteNumber("gimbalYawDeg", Math.Round(c.GimbalYawDegrees, 2));
            w.WriteNumber("frames", c.Frames);
            w.WriteNumber("sourceOffset", c.SourceOffset);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("projection", result.Projection);
        w.WriteString("taxonomy", result.Taxonomy);
        w.WriteNumber("trackPoints", result.TrackPoints);
        w.WritePropertyName("options");
        w.WriteStartObject();
        JsonParts.WriteNumberOrNull(w, "bufferM", options.BufferMetersOverride, 2);
        w.WriteEndObject();
        w.WritePropertyName("notes");
        w.WriteStartArray();
        foreach (var n in result.Notes)
        {
            w.WriteStringValue(n);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteLayerSummary(Utf8JsonWriter w, LayerSummary s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("file", s.File);
        w.WriteNumber("bytes", s.Bytes);
        w.WriteString("sha256", s.Sha256);
        w.WriteString("format", s.Format);
        w.WriteNumber("features", s.Features);
        Histogram(w, "byCategory", s.ByCategory);
        Histogram(w, "bySubcategory", s.BySubcategory);
        Histogram(w, "byGeometry", s.ByGeometry);
        w.WritePropertyName("bounds");
        if (s.Bounds is { } b)
        {
            w.WriteStartObject();
            Coordinate(w, "minLatitudeDeg", b.MinLatitude);
            Coordinate(w, "minLongitudeDeg", b.MinLongitude);
            Coordinate(w, "maxLatitudeDeg", b.MaxLatitude);
            Coordinate(w, "maxLongitudeDeg", b.MaxLongitude);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("sourceCounts");
        w.WriteStartObject();
        foreach (var (k, v) in s.SourceCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteNumber("skippedObjects", s.SkippedObjects);
        JsonParts.WriteStringOrNull(w, "attribution", s.Attribution);
        w.WriteString("taxonomy", s.Taxonomy);
        w.WritePropertyName("companions");
        w.WriteStartArray();
        foreach (var c in s.Companions)
        {
            w.WriteStartObject();
            w.WriteString("file", c.FileName);
            w.WriteNumber("bytes", c.Bytes);
            w.WriteString("sha256", c.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("diagnostics");
        w.WriteStartArray();
        foreach (var d in s.Diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("kind", d.Kind.ToName());
            w.WriteString("location", d.Location);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("tool", ToolInfo.NameAndVersion);
        w.WriteEndObject();
    }

    private static void Feature(Utf8JsonWriter w, FeatureReference f)
    {
        w.WriteString("featureId", f.FeatureId);
        JsonParts.WriteStringOrNull(w, "name", f.Name);
        w.WriteString("category", f.Category);
        JsonParts.WriteStringOrNull(w, "subcategory", f.Subcategory);
        w.WriteString("geometry", f.Geometry);
        w.WriteString("layerSha256", f.LayerSha256);
    }

    private static void Histogram(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, int> values)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        foreach (var (k, v) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
    }

    private static void Utc(Utf8JsonWriter w, string name, DateTimeOffset? value) =>
        JsonParts.WriteStringOrNull(w, name, value is { } t ? NumberFormat.Utc(t) : null);

    private static void Coordinate(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(NumberFormat.Coordinate(value), skipInputValidation: true);
    }
}

/// <summary>The options of a check, recorded in its output.</summary>
public sealed record CheckJsonOptions
{
    public double? BufferMetersOverride { get; init; }
}
