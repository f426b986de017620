using System.Runtime.CompilerServices;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// An STR-tree of a layer's features by their WGS84 envelope, built once per layer and kept with it.
/// </summary>
public static class LayerIndex
{
    private static readonly ConditionalWeakTable<InfrastructureLayer, STRtree<InfrastructureFeature>> s_indexes = new();

    /// <summary>The layer's index (built on first use).</summary>
    public static STRtree<InfrastructureFeature> For(InfrastructureLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return s_indexes.GetValue(layer, static l =>
        {
            var tree = new STRtree<InfrastructureFeature>();
            foreach (var f in l.Features)
            {
                if (!f.Geometry.IsEmpty)
                {
                    tree.Insert(f.Geometry.EnvelopeInternal, f);
                }
            }

            tree.Build();
            return tree;
        });
    }

    /// <summary>Features whose envelope comes within <paramref name="reachMeters"/> of the track's envelope.</summary>
    public static IList<InfrastructureFeature> Near(InfrastructureLayer layer, FlightTrack track, double reachMeters) =>
        Query(layer, WindowAround(track, reachMeters));

    /// <summary>The track's envelope in lon/lat degrees, grown by <paramref name="reachMeters"/> (plus 10 %).</summary>
    public static Envelope WindowAround(FlightTrack track, double reachMeters)
    {
        ArgumentNullException.ThrowIfNull(track);
        var env = track.Envelope;
        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        foreach (var (x, y) in new[] { (env.MinX, env.MinY), (env.MinX, env.MaxY), (env.MaxX, env.MinY), (env.MaxX, env.MaxY) })
        {
            var (lat, lon) = track.Projection.Inverse(x, y);
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
        }

        // Metres to degrees with a 10 % margin; longitude degrees shrink with latitude.
        var dLat = reachMeters / 110_574.0 * 1.1;
        var cos = Math.Cos(Math.Min(89, Math.Max(Math.Abs(minLat), Math.Abs(maxLat))) * Math.PI / 180);
        var dLon = reachMeters / (111_320.0 * cos) * 1.1;
        return new Envelope(minLon - dLon, maxLon + dLon, minLat - dLat, maxLat + dLat);
    }

    /// <summary>Features whose WGS84 envelope meets the box (lon/lat degrees).</summary>
    public static IList<InfrastructureFeature> Query(InfrastructureLayer layer, Envelope wgs84) => For(layer).Query(wgs84);
}
