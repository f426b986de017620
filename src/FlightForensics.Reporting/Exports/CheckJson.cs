using System.Text.Json;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// Writes <see cref="CheckResult"/> and <see cref="LayerSummary"/> as the JSON of the contract's <c>check --json</c> and
/// <c>layers --json</c> (contract fields first, then additions; the mapping is in docs/geo.md), with the helpers and
/// the UTC format of every other JSON output (<see cref="JsonParts"/>).
/// </summary>
public static class CheckJson
{
    /// <param name="w">The writer.</param>
    /// <param name="result">The analysis result.</param>
    /// <param name="options">The options the check ran with, recorded so that the result can be reproduced.</param>
    public static void WriteCheck(Utf8JsonWriter w, CheckResult result, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        w.WriteString("tool", FlightForensics.Core.ToolInfo.NameAndVersion);
        if (options is not null)
        {
            w.WriteStartObject("options");
            JsonParts.WriteNumberOrNull(w, "bufferM", options.BufferMetersOverride, 2);
            JsonParts.WriteNumberOrNull(w, "maxSegmentGapS", options.MaxSegmentGapSeconds, 3);
            w.WriteBoolean("camera", options.Camera.Enabled);
            JsonParts.WriteNumberOrNull(w, "cameraFocalLength35mm", options.Camera.FocalLength35mm, 2);
            JsonParts.WriteNumberOrNull(w, "cameraMaxGroundRangeM", options.Camera.MaxGroundRangeMeters, 1);
            JsonParts.WriteNumberOrNull(w, "assumedGimbalPitchDeg", options.Camera.AssumedGimbalPitchDegrees, 2);
            w.WriteStartArray("dem");
            foreach (var file in options.Terrain?.Files ?? [])
            {
                w.WriteStringValue(file);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartObject("flight");
        w.WriteString("file", result.Flight.File);
        w.WriteString("sha256", result.Flight.Sha256);
        w.WriteString("format", result.Flight.Format);
        JsonParts.WriteUtcOrNull(w, "startUtc", result.Flight.StartUtc);
        JsonParts.WriteUtcOrNull(w, "endUtc", result.Flight.EndUtc);
        w.WriteEndObject();

        w.WriteStartArray("layers");
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

        w.WriteStartArray("overflights");
        foreach (var o in result.Overflights)
        {
            w.WriteStartObject();
            Feature(w, o.Feature, withLayer: true);
            JsonParts.WriteUtcOrNull(w, "entryUtc", o.EntryUtc);
            JsonParts.WriteUtcOrNull(w, "exitUtc", o.ExitUtc);
            JsonParts.WriteNumberOrNull(w, "durationS", o.DurationSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "minHeightAboveTakeoffM", o.MinHeightAboveTakeoffMeters, 2);
            JsonParts.WriteNumberOrNull(w, "minHeightAboveGroundM", o.MinHeightAboveGroundMeters, 2);
            Extras(w, o.Feature);
            JsonParts.WriteNumberOrNull(w, "entryElapsedS", o.EntrySeconds, 3);
            JsonParts.WriteNumberOrNull(w, "exitElapsedS", o.ExitSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "entryLatitudeDeg", o.EntryLatitude, 7);
            JsonParts.WriteNumberOrNull(w, "entryLongitudeDeg", o.EntryLongitude, 7);
            JsonParts.WriteNumberOrNull(w, "exitLatitudeDeg", o.ExitLatitude, 7);
            JsonParts.WriteNumberOrNull(w, "exitLongitudeDeg", o.ExitLongitude, 7);
            w.WriteNumber("firstSampleIndex", o.FirstSampleIndex);
            w.WriteNumber("lastSampleIndex", o.LastSampleIndex);
            w.WriteNumber("firstSourceOffset", o.FirstSourceOffset);
            w.WriteNumber("lastSourceOffset", o.LastSourceOffset);
            w.WriteBoolean("startedInside", o.StartedInside);
            w.WriteBoolean("endedInside", o.EndedInside);
            JsonParts.WriteNumberOrNull(w, "areaExpansionM", o.AreaExpansionMeters, 2);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("proximity");
        foreach (var p in result.Proximity)
        {
            w.WriteStartObject();
            Feature(w, p.Feature, withLayer: false);
            JsonParts.WriteNumberOrNull(w, "closestApproachM", p.ClosestApproachMeters, 2);
            JsonParts.WriteUtcOrNull(w, "atUtc", p.AtUtc);
            JsonParts.WriteUtcOrNull(w, "entryUtc", p.EntryUtc);
            JsonParts.WriteUtcOrNull(w, "exitUtc", p.ExitUtc);
            JsonParts.WriteNumberOrNull(w, "durationS", p.DurationSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "bufferM", p.BufferMeters, 2);
            w.WriteString("layer", p.Feature.Layer);
            Extras(w, p.Feature);
            JsonParts.WriteNumberOrNull(w, "atElapsedS", p.AtSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "entryElapsedS", p.EntrySeconds, 3);
            JsonParts.WriteNumberOrNull(w, "exitElapsedS", p.ExitSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "heightAboveTakeoffM", p.HeightAboveTakeoffMeters, 2);
            JsonParts.WriteNumberOrNull(w, "latitudeDeg", p.Latitude, 7);
            JsonParts.WriteNumberOrNull(w, "longitudeDeg", p.Longitude, 7);
            w.WriteNumber("sampleIndex", p.SampleIndex);
            w.WriteNumber("sourceOffset", p.SourceOffset);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("captures");
        foreach (var c in result.Captures)
        {
            w.WriteStartObject();
            Feature(w, c.Feature, withLayer: false);
            JsonParts.WriteUtcOrNull(w, "utc", c.Utc);
            w.WriteString("kind", c.Kind);
            JsonParts.WriteNumberOrNull(w, "slantRangeM", c.SlantRangeMeters, 2);
            GeoJsonGeometry.WriteAreal(w, "footprint", c.Footprint);
            JsonParts.WriteNumberOrNull(w, "cameraLatitudeDeg", c.CameraLatitudeDegrees, 7);
            JsonParts.WriteNumberOrNull(w, "cameraLongitudeDeg", c.CameraLongitudeDegrees, 7);
            JsonParts.WriteNumberOrNull(w, "cameraAltitudeMslM", c.CameraAltitudeMslMeters, 2);
            JsonParts.WriteNumberOrNull(w, "headingDeg", c.GimbalYawDegrees, 2);
            JsonParts.WriteNumberOrNull(w, "pitchDeg", c.GimbalPitchDegrees, 2);
            JsonParts.WriteNumberOrNull(w, "horizontalFovDeg", c.HorizontalFovDegrees, 2);
            JsonParts.WriteNumberOrNull(w, "verticalFovDeg", c.VerticalFovDegrees, 2);
            w.WriteString("fovSource", c.FovSource);
            w.WriteBoolean("unbounded", c.Unbounded);
            w.WriteString("layer", c.Feature.Layer);
            Extras(w, c.Feature);
            JsonParts.WriteUtcOrNull(w, "lastUtc", c.LastUtc);
            JsonParts.WriteNumberOrNull(w, "elapsedS", c.Seconds, 3);
            JsonParts.WriteNumberOrNull(w, "groundSampleDistanceM", c.GroundSampleDistanceMeters, 4);
            w.WriteBoolean("oblique", c.Oblique);
            w.WriteString("heightReference", c.HeightReference);
            JsonParts.WriteNumberOrNull(w, "heightM", c.HeightMeters, 2);
            JsonParts.WriteNumberOrNull(w, "gimbalPitchDeg", c.GimbalPitchDegrees, 2);
            JsonParts.WriteNumberOrNull(w, "gimbalYawDeg", c.GimbalYawDegrees, 2);
            w.WriteNumber("frames", c.Frames);
            w.WriteNumber("sourceOffset", c.SourceOffset);
            JsonParts.WriteNumberOrNull(w, "gimbalRollDeg", c.GimbalRollDegrees, 2);
            w.WriteString("ground", c.Ground);
            JsonParts.WriteStringOrNull(w, "mediaFile", c.MediaFile);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("captureEpisodes");
        foreach (var e in result.CaptureEpisodes)
        {
            w.WriteStartObject();
            Feature(w, e.Feature, withLayer: false);
            JsonParts.WriteUtcOrNull(w, "startUtc", e.StartUtc);
            JsonParts.WriteUtcOrNull(w, "endUtc", e.EndUtc);
            JsonParts.WriteNumberOrNull(w, "durationS", e.DurationSeconds, 3);
            w.WriteNumber("videoFrames", e.VideoFrames);
            w.WriteNumber("photos", e.Photos);
            JsonParts.WriteNumberOrNull(w, "minSlantRangeM", e.MinSlantRangeMeters, 2);
            JsonParts.WriteNumberOrNull(w, "coverageFraction", e.CoverageFraction, 4);
            GeoJsonGeometry.WriteAreal(w, "coverage", e.Coverage);
            w.WriteString("layer", e.Feature.Layer);
            Extras(w, e.Feature);
            JsonParts.WriteNumberOrNull(w, "startElapsedS", e.StartSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "endElapsedS", e.EndSeconds, 3);
            w.WriteNumber("captures", e.Captures);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("media");
        foreach (var m in result.Media)
        {
            w.WriteStartObject();
            w.WriteString("file", m.File);
            w.WriteString("sha256", m.Sha256);
            w.WriteString("format", m.Format);
            w.WriteString("kind", m.Kind);
            JsonParts.WriteNumberOrNull(w, "clockOffsetS", m.ClockOffsetSeconds, 3);
            JsonParts.WriteStringOrNull(w, "offsetSource", m.OffsetSource);
            JsonParts.WriteNumberOrNull(w, "residualM", m.ResidualMeters, 2);
            w.WriteBoolean("matched", m.Matched);
            w.WriteString("reason", m.Reason);
            JsonParts.WriteStringOrNull(w, "clockBasis", m.ClockBasis);
            JsonParts.WriteUtcOrNull(w, "firstUtc", m.FirstUtc);
            JsonParts.WriteUtcOrNull(w, "lastUtc", m.LastUtc);
            w.WriteNumber("samples", m.Samples);
            w.WriteNumber("positionedSamples", m.PositionedSamples);
            w.WriteNumber("residualSamples", m.ResidualSamples);
            w.WriteNumber("frames", m.Frames);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        AirspaceJson.Write(w, result.Airspace);
        w.WriteString("projection", result.Projection);
        w.WriteString("taxonomy", result.Taxonomy);
        w.WriteNumber("trackPoints", result.TrackPoints);
        w.WriteStartArray("attribution");
        foreach (var a in result.Layers.Select(l => l.Attribution).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            w.WriteStringValue(a);
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
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
        Counts(w, "byCategory", s.ByCategory);
        Counts(w, "bySubcategory", s.BySubcategory);
        Counts(w, "byGeometry", s.ByGeometry);
        if (s.Bounds is { } b)
        {
            w.WriteStartObject("bounds");
            JsonParts.WriteNumberOrNull(w, "minLatitudeDeg", b.MinLatitude, 7);
            JsonParts.WriteNumberOrNull(w, "minLongitudeDeg", b.MinLongitude, 7);
            JsonParts.WriteNumberOrNull(w, "maxLatitudeDeg", b.MaxLatitude, 7);
            JsonParts.WriteNumberOrNull(w, "maxLongitudeDeg", b.MaxLongitude, 7);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("bounds");
        }

        w.WriteStartObject("sourceCounts");
        foreach (var (k, v) in s.SourceCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteNumber("skippedObjects", s.SkippedObjects);
        JsonParts.WriteStringOrNull(w, "truncated", s.Truncated);
        JsonParts.WriteStringOrNull(w, "attribution", s.Attribution);
        w.WriteString("taxonomy", s.Taxonomy);
        w.WriteStartArray("companions");
        foreach (var c in s.Companions)
        {
            w.WriteStartObject();
            w.WriteString("file", c.FileName);
            w.WriteNumber("bytes", c.Bytes);
            w.WriteString("sha256", c.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("diagnostics");
        foreach (var d in s.Diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("kind", Geo.Model.LayerDiagnosticKindNames.ToName(d.Kind));
            w.WriteString("location", d.Location);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Feature(Utf8JsonWriter w, FeatureReference f, bool withLayer)
    {
        w.WriteString("featureId", f.FeatureId);
        JsonParts.WriteStringOrNull(w, "name", f.Name);
        w.WriteString("category", f.Category);
        if (withLayer)
        {
            w.WriteString("layer", f.Layer);
        }
    }

    private static void Extras(Utf8JsonWriter w, FeatureReference f)
    {
        JsonParts.WriteStringOrNull(w, "subcategory", f.Subcategory);
        w.WriteString("geometry", f.Geometry);
        w.WriteString("layerSha256", f.LayerSha256);
    }

    private static void Counts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, int> counts)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in counts)
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
    }
}
