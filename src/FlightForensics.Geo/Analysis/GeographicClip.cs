using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Cuts a feature to the part of it near the flight before it is projected into the flight's tangent plane.
/// </summary>
/// <remarks>
/// The tangent-plane projection (<see cref="LocalProjection"/>) is exact near the flight but folds the far side
/// of the Earth back onto the plane: a box from −150° to 150° longitude around a flight became a shape that
/// missed the flight and gave a bogus 17.75 m "close approach", and boxes to ±180° collapsed to nothing
/// (issue #24). Layer coordinates are planar longitude/latitude, as RFC 7946 §3.1.9 defines GeoJSON edges, so the
/// cut is made in those coordinates against a window around the flight; what lies beyond the window is farther
/// than any distance the check measures, so no finding changes for features that fit in it (they are returned
/// as they are).
/// </remarks>
public static class GeographicClip
{
    /// <summary>How far beyond the check's own reach the window extends (20 km), so the cut's edges are never measured.</summary>
    public const double MarginMeters = 20_000;

    /// <summary>The geometry itself when it fits in <paramref name="window"/>; otherwise its intersection with it (possibly empty).</summary>
    public static Geometry ToWindow(Geometry wgs84, Envelope window)
    {
        ArgumentNullException.ThrowIfNull(wgs84);
        ArgumentNullException.ThrowIfNull(window);
        if (window.Contains(wgs84.EnvelopeInternal))
        {
            return wgs84;
        }

        var box = wgs84.Factory.ToGeometry(window);
        try
        {
            return wgs84.Intersection(box);
        }
        catch (TopologyException)
        {
            // An invalid ring (self-intersecting, as some OSM multipolygons are): repaired by a zero buffer first.
            var repaired = wgs84.Dimension == Dimension.Surface ? wgs84.Buffer(0) : wgs84;
            try
            {
                return repaired.Intersection(box);
            }
            catch (TopologyException)
            {
                return wgs84; // as before the cut: no worse than the uncut feature
            }
        }
    }
}
