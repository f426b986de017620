using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Plots;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The interactive map's part of ff-data: features, the height-coloured track, overflights, footprints, mission, home, photos and closest approaches.</summary>
internal static class MapDataWriter
{
    public static void Write(Utf8JsonWriter j, FlightLog log, FlightSeries series, IReadOnlyList<ReportFeature> features, IReadOnlyList<ReportFinding> findings, ReportOptions options)
    {
        var all = series.Positions.Concat(features.SelectMany(f => f.Geometry.AllPositions())).Where(p => p.IsValid).ToList();
        if (all.Count == 0)
        {
            j.WriteString("mapUnavailable", "No position fix in this log: nothing to show on an interactive map.");
            return;
        }

        if (all.Any(p => Math.Abs(p.LatitudeDegrees) > 85))
        {
            // Leaflet's Web Mercator ends at 85.05°; the static map (azimuthal) has no such limit.
            j.WriteString("mapUnavailable", "Positions beyond 85° latitude cannot be shown on the interactive (Web Mercator) map; the static map below shows them.");
            return;
        }

        // Longitudes are unwrapped around the flight's centre so that a track across ±180° stays continuous.
        double referenceLon = MapProjection.Centered(series.Positions.Length > 0 ? series.Positions : all).CenterLongitudeDegrees;
        double Lon(double lon)
        {
            while (lon - referenceLon > 180)
            {
                lon -= 360;
            }

            while (lon - referenceLon < -180)
            {
                lon += 360;
            }

            return lon;
        }

        void Pos(LonLat p)
        {
            j.WriteStartArray();
            j.WriteNumberValue(Math.Round(p.LatitudeDegrees, 8));
            j.WriteNumberValue(Math.Round(Lon(p.LongitudeDegrees), 8));
            j.WriteEndArray();
        }

        j.WriteStartObject("map");
        var withFinding = findings.Select(f => f.FeatureId).ToHashSet(StringComparer.Ordinal);
        j.WriteStartArray("features");
        foreach (var f in features.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            j.WriteStartObject();
            j.WriteString("id", f.Id);
            // The map's first view takes in every feature with a finding, not only the track.
            j.WriteBoolean("finding", withFinding.Contains(f.Id));
            j.WriteString("name", f.Name);
            j.WriteString("category", f.Category);
            j.WriteString("color", Palette.ForCategory(f.Category).ToHex());
            j.WriteStartArray("polygons");
            foreach (var polygon in f.Geometry.Polygons)
            {
                j.WriteStartArray();
                foreach (var ring in polygon)
                {
                    j.WriteStartArray();
                    foreach (var p in ring.Where(p => p.IsValid))
                    {
                        Pos(p);
                    }

                    j.WriteEndArray();
                }

                j.WriteEndArray();
            }

            j.WriteEndArray();
            j.WriteStartArray("lines");
            foreach (var line in f.Geometry.Lines)
            {
                j.WriteStartArray();
                foreach (var p in line.Where(p => p.IsValid))
                {
                    Pos(p);
                }

                j.WriteEndArray();
            }

            j.WriteEndArray();
            j.WriteStartArray("points");
            foreach (var p in f.Geometry.Points.Where(p => p.IsValid))
            {
                Pos(p);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();

        int n = series.Positions.Length;
        int stride = Math.Max(1, (int)Math.Ceiling(n / (double)Math.Max(2, options.MaxInteractivePoints)));
        var indices = new List<int>();
        for (int i = 0; i < n; i += stride)
        {
            indices.Add(i);
        }

        if (n > 0 && indices[^1] != n - 1)
        {
            indices.Add(n - 1);
        }

        var heights = series.PositionHeights.Where(double.IsFinite).ToList();
        var ticks = heights.Count > 0 ? NiceTicks.For(heights.Min(), heights.Max(), 7) : null;
        int classes = ticks is null ? 1 : Math.Max(1, ticks.Values.Count - 1);
        int ClassOf(double h) => ticks is null || !double.IsFinite(h) ? -1 : Math.Clamp((int)Math.Floor((h - ticks.Min) / ticks.Step), 0, classes - 1);

        j.WriteStartArray("track");
        foreach (var i in indices)
        {
            j.WriteStartArray();
            j.WriteNumberValue(Math.Round(series.Positions[i].LatitudeDegrees, 8));
            j.WriteNumberValue(Math.Round(Lon(series.Positions[i].LongitudeDegrees), 8));
            WriteNumberOrNull(j, series.PositionSeconds[i], 3);
            WriteNumberOrNull(j, series.PositionHeights[i], 2);
            j.WriteEndArray();
        }

        j.WriteEndArray();
        j.WriteStartArray("runs");
        int k = 0;
        while (k < indices.Count - 1)
        {
            int cls = ClassOf(Mid(indices[k], indices[k + 1]));
            int start = k;
            while (k < indices.Count - 1 && ClassOf(Mid(indices[k], indices[k + 1])) == cls)
            {
                k++;
            }

            j.WriteStartObject();
            j.WriteString("color", (cls < 0 ? Palette.NoHeight : Palette.RampColor(cls, classes)).ToHex());
            j.WriteStartArray("points");
            for (int m = start; m <= k; m++)
            {
                Pos(series.Positions[indices[m]]);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        if (stride > 1)
        {
            j.WriteString("note", $"Interactive map shows every {stride.ToString(CultureInfo.InvariantCulture)}th of {n.ToString(CultureInfo.InvariantCulture)} positions (drawing only; findings use every sample).");
        }

        j.WriteStartArray("overflights");
        foreach (var f in findings.Where(f => f.Kind == FindingKind.Overflight))
        {
            double t0 = series.SecondsOf(f.EntryUtc, f.EntryElapsedSeconds), t1 = series.SecondsOf(f.ExitUtc, f.ExitElapsedSeconds);
            j.WriteStartObject();
            j.WriteString("label", $"Overflight of {f.FeatureName}: {TrackPlot.FormatInterval(f)}");
            j.WriteStartArray("points");
            if (double.IsFinite(t0) && double.IsFinite(t1))
            {
                int inInterval = 0;
                for (int i = 0; i < n; i++)
                {
                    if (series.PositionSeconds[i] >= t0 && series.PositionSeconds[i] <= t1 && (inInterval++ % stride == 0))
                    {
                        Pos(series.Positions[i]);
                    }
                }
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("footprints");
        foreach (var f in findings.Where(f => f.Kind == FindingKind.Capture && f.Footprint.Count >= 3))
        {
            j.WriteStartObject();
            j.WriteString("label", $"Camera footprint covering {f.FeatureName}{(f.PhotoReference is { } pr ? " (" + pr + ")" : "")}");
            j.WriteStartArray("ring");
            foreach (var p in f.Footprint.Where(p => p.IsValid))
            {
                Pos(p);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("mission");
        foreach (var e in log.Events.Where(e => e.Kind == FlightEventKind.MissionItem && e.LatitudeDegrees is double && e.LongitudeDegrees is double))
        {
            var p = new LonLat(e.LongitudeDegrees!.Value, e.LatitudeDegrees!.Value);
            if (p.IsValid && !(p.LatitudeDegrees == 0 && p.LongitudeDegrees == 0))
            {
                Pos(p);
            }
        }

        j.WriteEndArray();
        if (log.Home is { } home && new LonLat(home.LongitudeDegrees, home.LatitudeDegrees) is { IsValid: true } hp && !(home.LatitudeDegrees == 0 && home.LongitudeDegrees == 0))
        {
            j.WritePropertyName("home");
            Pos(hp);
        }

        j.WriteStartArray("photos");
        foreach (var e in log.Events.Where(e => e.Kind == FlightEventKind.Photo && e.LatitudeDegrees is double && e.LongitudeDegrees is double))
        {
            var p = new LonLat(e.LongitudeDegrees!.Value, e.LatitudeDegrees!.Value);
            if (p.IsValid)
            {
                j.WriteStartArray();
                j.WriteNumberValue(Math.Round(p.LatitudeDegrees, 8));
                j.WriteNumberValue(Math.Round(Lon(p.LongitudeDegrees), 8));
                j.WriteStringValue($"Photo {T(e.TimeUtc)} (offset {e.SourceOffset.ToString(CultureInfo.InvariantCulture)})");
                j.WriteEndArray();
            }
        }

        j.WriteEndArray();
        j.WriteStartArray("proximity");
        foreach (var f in findings.Where(f => f.Kind == FindingKind.Proximity && f.ClosestPosition is { IsValid: true }))
        {
            var p = f.ClosestPosition!.Value;
            j.WriteStartArray();
            j.WriteNumberValue(Math.Round(p.LatitudeDegrees, 8));
            j.WriteNumberValue(Math.Round(Lon(p.LongitudeDegrees), 8));
            j.WriteStringValue($"Closest approach to {f.FeatureName}: {TrackPlot.Measure(f.ClosestApproachMeters)} m");
            j.WriteEndArray();
        }

        j.WriteEndArray();
        j.WriteEndObject();

        double Mid(int a, int b)
        {
            double ha = series.PositionHeights[a], hb = series.PositionHeights[b];
            return double.IsFinite(ha) && double.IsFinite(hb) ? (ha + hb) / 2 : double.IsFinite(ha) ? ha : hb;
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter j, double value, int decimals)
    {
        if (double.IsFinite(value))
        {
            j.WriteNumberValue(Math.Round(value, decimals));
        }
        else
        {
            j.WriteNullValue();
        }
    }
}
