using System.Globalization;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Reporting;

/// <summary>
/// Maps the Geo module's layers and check result onto the report's plain view model. Geo gives no severity,
/// so one is assigned by kind (<see cref="DefaultSeverity"/>: overflight high, close approach medium,
/// capture low) unless the caller passes its own rule; the report says which rule ranked the table.
/// </summary>
public static class GeoReportMapping
{
    public const string SeverityRuleText = "Severity ranks findings by kind only: overflight high, close approach medium, camera capture low.";

    public static FindingSeverity DefaultSeverity(FindingKind kind) => kind switch
    {
        FindingKind.Overflight => FindingSeverity.High,
        FindingKind.Proximity => FindingSeverity.Medium,
        _ => FindingSeverity.Low,
    };

    /// <summary>Every feature of the layers, geometry as lon/lat lists (X = longitude, Y = latitude).</summary>
    public static List<ReportFeature> Features(IEnumerable<InfrastructureLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = new List<ReportFeature>();
        foreach (var layer in layers)
        {
            foreach (var f in layer.Features)
            {
                list.Add(new ReportFeature(f.Id, f.Name ?? f.Id, f.Category, ToGeometry(f.Geometry))
                {
                    Source = layer.Attribution is { } a && a.Contains("OpenStreetMap", StringComparison.OrdinalIgnoreCase) ? "OpenStreetMap" : layer.FileName,
                });
            }
        }

        return list;
    }

    /// <summary>
    /// The features worth drawing for one flight: every feature a finding names, plus those within
    /// <paramref name="marginMeters"/> of the flight's bounds, at most <paramref name="maxFeatures"/> — a national
    /// layer is never drawn whole.
    /// </summary>
    public static List<ReportFeature> FeaturesNear(IEnumerable<InfrastructureLayer> layers, CheckResult result,
        Core.Model.GeoBounds? flightBounds, double marginMeters = 500, int maxFeatures = 2000)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(result);
        var named = new HashSet<string>(result.Overflights.Select(o => o.Feature.FeatureId)
            .Concat(result.Captures.Select(c => c.Feature.FeatureId))
            .Concat(result.Proximity.Select(p => p.Feature.FeatureId)), StringComparer.Ordinal);
        Envelope? window = null;
        if (flightBounds is { } b)
        {
            double dLat = marginMeters / 111_320.0;
            double dLon = marginMeters / (111_320.0 * Math.Max(0.01, Math.Cos(b.MinLatitude * Math.PI / 180)));
            window = new Envelope(b.MinLongitude - dLon, b.MaxLongitude + dLon, b.MinLatitude - dLat, b.MaxLatitude + dLat);
        }

        var list = new List<ReportFeature>();
        foreach (var layer in layers)
        {
            foreach (var f in layer.Features)
            {
                if (list.Count >= maxFeatures)
                {
                    return list;
                }

                if (named.Contains(f.Id) || (window is not null && window.Intersects(f.Geometry.EnvelopeInternal)))
                {
                    list.Add(new ReportFeature(f.Id, f.Name ?? f.Id, f.Category, ToGeometry(f.Geometry))
                    {
                        Source = layer.Attribution is { } a && a.Contains("OpenStreetMap", StringComparison.OrdinalIgnoreCase) ? "OpenStreetMap" : layer.FileName,
                    });
                }
            }
        }

        return list;
    }

    /// <summary>Overflights, close approaches and captures as report findings (times and heights as Geo computed them).</summary>
    public static List<ReportFinding> Findings(CheckResult result, Func<FindingKind, FindingSeverity>? severity = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        severity ??= DefaultSeverity;
        var list = new List<ReportFinding>();
        foreach (var o in result.Overflights)
        {
            list.Add(new ReportFinding
            {
                FeatureId = o.Feature.FeatureId,
                FeatureName = o.Feature.Name ?? o.Feature.FeatureId,
                Category = o.Feature.Category,
                Kind = FindingKind.Overflight,
                Severity = severity(FindingKind.Overflight),
                EntryUtc = o.EntryUtc,
                ExitUtc = o.ExitUtc,
                // Geo's seconds are only used for logs without UTC, where they are the log's elapsed clock.
                EntryElapsedSeconds = o.EntryUtc is null ? o.EntrySeconds : null,
                ExitElapsedSeconds = o.ExitUtc is null ? o.ExitSeconds : null,
                DurationSeconds = o.DurationSeconds,
                MinHeightAboveTakeoffMeters = o.MinHeightAboveTakeoffMeters,
                MinHeightAboveGroundMeters = o.MinHeightAboveGroundMeters,
                ClosestApproachMeters = 0,
                ClosestPosition = new LonLat(o.EntryLongitude, o.EntryLatitude),
                Note = string.Create(CultureInfo.InvariantCulture, $"samples {o.FirstSampleIndex}–{o.LastSampleIndex}, offsets {o.FirstSourceOffset}–{o.LastSourceOffset}"),
            });
        }

        foreach (var p in result.Proximity)
        {
            list.Add(new ReportFinding
            {
                FeatureId = p.Feature.FeatureId,
                FeatureName = p.Feature.Name ?? p.Feature.FeatureId,
                Category = p.Feature.Category,
                Kind = FindingKind.Proximity,
                Severity = severity(FindingKind.Proximity),
                EntryUtc = p.EntryUtc ?? p.AtUtc,
                ExitUtc = p.ExitUtc ?? p.AtUtc,
                EntryElapsedSeconds = p.AtUtc is null ? p.EntrySeconds ?? p.AtSeconds : null,
                ExitElapsedSeconds = p.AtUtc is null ? p.ExitSeconds ?? p.AtSeconds : null,
                DurationSeconds = p.DurationSeconds,
                MinHeightAboveTakeoffMeters = p.HeightAboveTakeoffMeters,
                ClosestApproachMeters = p.ClosestApproachMeters,
                ClosestPosition = new LonLat(p.Longitude, p.Latitude),
                Note = string.Create(CultureInfo.InvariantCulture, $"within {p.BufferMeters} m buffer{(p.DurationSeconds is double d ? $" for {d:0.#} s" : "")}; closest at offset {p.SourceOffset}"),
            });
        }

        foreach (var c in result.Captures)
        {
            list.Add(new ReportFinding
            {
                FeatureId = c.Feature.FeatureId,
                FeatureName = c.Feature.Name ?? c.Feature.FeatureId,
                Category = c.Feature.Category,
                Kind = FindingKind.Capture,
                Severity = severity(FindingKind.Capture),
                EntryUtc = c.Utc,
                ExitUtc = c.LastUtc ?? c.Utc,
                EntryElapsedSeconds = c.Utc is null ? c.Seconds : null,
                ExitElapsedSeconds = c.Utc is null ? c.Seconds : null,
                SlantRangeMeters = c.SlantRangeMeters,
                PhotoReference = c.Kind,
                Footprint = c.Footprint is { } footprint ? [.. footprint.ExteriorRing.Coordinates.Select(p => new LonLat(p.X, p.Y))] : [],
                Note = string.Create(CultureInfo.InvariantCulture, $"{(c.MediaFile is null ? "" : $"{c.MediaFile}: ")}{c.Frames} frame(s), {c.HeightReference} {c.HeightMeters:0.0} m, gimbal pitch {c.GimbalPitchDegrees:0.#}°{(c.Ground == "terrain" ? ", rays on terrain" : "")}; offset {c.SourceOffset}"),
            });
        }

        return list;
    }

    /// <summary>An NTS geometry (any of the simple kinds or a collection of them) as report lists.</summary>
    public static ReportGeometry ToGeometry(Geometry? geometry)
    {
        var polygons = new List<IReadOnlyList<IReadOnlyList<LonLat>>>();
        var lines = new List<IReadOnlyList<LonLat>>();
        var points = new List<LonLat>();
        Add(geometry);
        return new ReportGeometry { Polygons = polygons, Lines = lines, Points = points };

        void Add(Geometry? g)
        {
            switch (g)
            {
                case null:
                    return;
                case Polygon p:
                    var rings = new List<IReadOnlyList<LonLat>> { Ring(p.ExteriorRing) };
                    rings.AddRange(p.InteriorRings.Select(Ring));
                    polygons.Add(rings);
                    return;
                case LineString l:
                    lines.Add(Ring(l));
                    return;
                case Point pt when !pt.IsEmpty:
                    points.Add(new LonLat(pt.X, pt.Y));
                    return;
                case GeometryCollection collection:
                    for (int i = 0; i < collection.NumGeometries; i++)
                    {
                        Add(collection.GetGeometryN(i));
                    }

                    return;
            }
        }

        static List<LonLat> Ring(LineString ring) => ring.Coordinates.Select(c => new LonLat(c.X, c.Y)).ToList();
    }
}
