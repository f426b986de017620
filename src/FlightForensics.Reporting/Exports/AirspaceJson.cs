using System.Text.Json;
using FlightForensics.Geo.Analysis;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The <c>airspace</c> array of <c>check --json</c>: the contract's fields first (featureId … heightSource), then
/// additions (what the feed published, the schedule, the samples and bytes that bracket the stay).
/// </summary>
public static class AirspaceJson
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<AirspaceFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(findings);
        w.WriteStartArray("airspace");
        foreach (var a in findings)
        {
            w.WriteStartObject();
            w.WriteString("featureId", a.Feature.FeatureId);
            JsonParts.WriteStringOrNull(w, "name", a.Feature.Name);
            w.WriteString("restriction", a.Restriction);
            w.WriteString("layer", a.Feature.Layer);
            JsonParts.WriteUtcOrNull(w, "entryUtc", a.EntryUtc);
            JsonParts.WriteUtcOrNull(w, "exitUtc", a.ExitUtc);
            JsonParts.WriteNumberOrNull(w, "durationS", a.DurationSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "lowerM", a.LowerMeters, 2);
            JsonParts.WriteStringOrNull(w, "lowerReference", a.LowerReference);
            JsonParts.WriteNumberOrNull(w, "upperM", a.UpperMeters, 2);
            JsonParts.WriteStringOrNull(w, "upperReference", a.UpperReference);
            JsonParts.WriteNumberOrNull(w, "flightMinM", a.FlightMinMeters, 2);
            JsonParts.WriteNumberOrNull(w, "flightMaxM", a.FlightMaxMeters, 2);
            JsonParts.WriteStringOrNull(w, "flightReference", a.FlightReference);
            JsonParts.WriteNumberOrNull(w, "verticalMarginM", a.VerticalMarginMeters, 2);
            w.WriteString("verdict", a.Verdict);
            JsonParts.WriteStringOrNull(w, "heightSource", a.HeightSource);
            JsonParts.WriteStringOrNull(w, "verdictNote", a.VerdictNote);
            w.WriteString("lowerPublished", a.LowerPublished);
            w.WriteString("upperPublished", a.UpperPublished);
            w.WriteBoolean("upperUnlimited", a.UpperUnlimited);
            w.WriteBoolean("imagingProhibited", a.ImagingProhibited);
            w.WriteString("schedule", a.Schedule);
            w.WriteNumber("volume", a.Volume);
            JsonParts.WriteStringOrNull(w, "subcategory", a.Feature.Subcategory);
            w.WriteString("layerSha256", a.Feature.LayerSha256);
            JsonParts.WriteNumberOrNull(w, "entryElapsedS", a.EntrySeconds, 3);
            JsonParts.WriteNumberOrNull(w, "exitElapsedS", a.ExitSeconds, 3);
            w.WriteNumber("firstSampleIndex", a.FirstSampleIndex);
            w.WriteNumber("lastSampleIndex", a.LastSampleIndex);
            w.WriteNumber("firstSourceOffset", a.FirstSourceOffset);
            w.WriteNumber("lastSourceOffset", a.LastSourceOffset);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
