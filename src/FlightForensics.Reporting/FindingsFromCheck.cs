using System.Globalization;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Reporting;

/// <summary>
/// Maps the Geo module's results onto the report's own view model (<see cref="ReportFeature"/>,
/// <see cref="ReportFinding"/>). Severity is a ranking for the reader, not a legal judgement:
/// an overflight outranks a camera capture, which outranks a close approach; overflights of the
/// categories where low passes matter most (energy, water, dams, security, hazardous materials,
/// aviation, airspace) below 60 m above takeoff are critical.
/// </summary>
public static class FindingsFromCheck
{
    private static readonly HashSet<string> s_critical = new(StringComparer.Ordinal)
    {
        "energy", "water", "dam", "security", "hazmat", "aviation", "airspace",
    };

    /// <summary>Overflights below this height above takeoff over a critical category are rated critical.</summary>
    public const double CriticalHeightMeters = 60;

    public static IReadOnlyList<ReportFinding> Findings(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<ReportFinding>();
        foreach (var o in result.Overflights)
        {
            bool low = o.MinHeightAboveTakeoffMeters is double h && h < CriticalHeightMeters;
            list.Add(new ReportFinding
            {
                FeatureId = o.Feature.FeatureId,
                FeatureName = o.Feature.Name ?? o.Feature.FeatureId,
                Category = o.Feature.Category,
                Kind = FindingKind.Overflight,
                Severity = s_critical.Contains(o.Feature.Category) && low ? FindingSeverity.Critical : FindingSeverity.High,
                EntryUtc = o.EntryUtc,
                ExitUtc = o.ExitUtc,
                EntryElapsedSeconds = o.EntrySeconds,
                ExitElapsedSeconds = o.ExitSeconds,
                DurationSeconds = o.DurationSeconds,
                MinHeightAboveTakeoffMeters = o.MinHeightAboveTakeoffMeters,
                MinHeightAboveGroundMeters = o.MinHeightAboveGroundMeters,
                ClosestApproachMeters = 0,
                Note = string.Create(CultureInfo.InvariantCulture, $"records at bytes {o.FirstSourceOffset}..{o.LastSourceOffset}"),
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
                Severity = FindingSeverity.Medium,
                EntryUtc = c.Utc,
                ExitUtc = c.LastUtc,
                EntryElapsedSeconds = c.Seconds,
                SlantRangeMeters = c.SlantRangeMeters,
                Note = string.Create(CultureInfo.InvariantCulture, $"{c.Kind}, {c.Frames} frame(s), gimbal pitch {c.GimbalPitchDegrees:0.#}°, record at byte {c.SourceOffset}{(c.Oblique ? ", oblique view cut at the range limit" : "")}"),
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
                Severity = FindingSeverity.Low,
                EntryUtc = p.AtUtc,
                EntryElapsedSeconds = p.AtSeconds,
                ClosestApproachMeters = p.ClosestApproachMeters,
                ClosestPosition = new LonLat(p.Longitude, p.Latitude),
                MinHeightAboveTakeoffMeters = p.HeightAboveTakeoffMeters,
                Note = string.Create(CultureInfo.InvariantCulture, $"within the {p.BufferMeters:0} m buffer; record at byte {p.SourceOffset}"),
            });
        }

        return list;
    }

    /// <summary>
    /// The features worth drawing: every feature a finding names, plus those within <paramref name="marginMeters"/>
    /// of the flight's bounds, at most <paramref name="maxFeatures"/> (a national layer is never drawn whole).
    /// </summary>
    public static IReadOnlyList<ReportFeature> Features(IReadOnlyList<InfrastructureLayer> layers, CheckResult result,
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

        var chosen = new List<ReportFeature>();
        foreach (var layer in layers)
        {
            bool osm = layer.Attribution is not null && layer.Attribution.Contains("OpenStreetMap", StringComparison.Ordinal);
            foreach (var f in layer.Features)
            {
                if (chosen.Count >= maxFeatures)
                {
                    return chosen;
                }

                if (named.Contains(f.Id) || (window is not null && window.Intersects(f.Geometry.EnvelopeInternal)))
                {
                    chosen.Add(new ReportFeature(f.Id, f.Name ?? f.Id, f.Category, ToReportGeometry(f.Geometry))
                    {
                        Source = osm ? "OpenStreetMap" : layer.FileName,
                    });
                }
            }
        }

        return chosen;
    }

    public static ReportGeometry ToReportGeometry(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var polygons = new List<IReadOnlyList<IReadOnlyList<LonLat>>>();
        var lines = new List<IReadOnlyList<LonLat>>();
        var points = new List<LonLat>();
        void Visit(Geometry g)
        {
            switch (g)
            {
                case Polygon p:
                    polygons.Add([Ring(p.ExteriorRing), .. p.InteriorRings.Select(Ring)]);
                    break;
                case LineString l:
                    lines.Add(Ring(l));
                    break;
                case Point pt:
                    points.Add(new LonLat(pt.X, pt.Y));
                    break;
                case GeometryCollection c:
                    for (int i = 0; i < c.NumGeometries; i++)
                    {
                        Visit(c.GetGeometryN(i));
                    }

                    break;
                default:
                    break;
            }
        }

        Visit(geometry);
        return new ReportGeometry { Polygons = polygons, Lines = lines, Points = points };
    }

    private static List<LonLat> Ring(LineString line) => [.. line.Coordinates.Select(c => new LonLat(c.X, c.Y))];
}
