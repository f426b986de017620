using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// A cheap, conservative proof that a hole-free polygon with a short shell is valid, so that the common case
/// (a building, a substation fence, a hexagon cell) skips <see cref="NetTopologySuite.Operation.Valid.IsValidOp"/>,
/// which builds a noding graph per polygon and was about a third of reading a 100,000-polygon layer.
/// <para>
/// "True" means valid; "false" means only "not proven here": the caller then runs the full validity check, which
/// decides and repairs. The proof: at least three distinct vertices, no two non-adjacent edges meet (not even at a
/// point), and no two adjacent edges are collinear. Repeated consecutive vertices are allowed, as in OGC validity.
/// Orientation uses NTS's robust predicate, so near-degenerate input falls through to the full check rather than
/// being decided by rounding.
/// </para>
/// </summary>
internal static class SimpleShell
{
    /// <summary>Above this many edges the pairwise test (quadratic) stops being cheaper than the full check.</summary>
    public const int MaxEdges = 48;

    public static bool IsProvenValid(Polygon polygon)
    {
        if (polygon.NumInteriorRings != 0)
        {
            return false;
        }

        var ring = polygon.Shell.Coordinates;
        if (ring.Length < 4 || ring.Length > MaxEdges + 1 || !ring[0].Equals2D(ring[^1]))
        {
            return false;
        }

        Span<int> vertex = stackalloc int[ring.Length];
        var count = 0;
        for (var i = 0; i < ring.Length; i++)
        {
            if (!double.IsFinite(ring[i].X) || !double.IsFinite(ring[i].Y))
            {
                return false;
            }

            if (count == 0 || !ring[vertex[count - 1]].Equals2D(ring[i]))
            {
                vertex[count++] = i;
            }
        }

        // count includes the closing vertex: edges = count - 1, and a triangle needs 3 distinct vertices.
        var edges = count - 1;
        if (edges < 3)
        {
            return false;
        }

        for (var i = 0; i < edges; i++)
        {
            var a = ring[vertex[i]];
            var b = ring[vertex[i + 1]];
            var c = ring[vertex[(i + 2) % edges]];
            if (Orientation.Index(a, b, c) == OrientationIndex.Collinear)
            {
                return false;
            }

            // Edge j = i + 1 is adjacent (checked above); the last edge is adjacent to the first.
            for (var j = i + 2; j < edges; j++)
            {
                if (i == 0 && j == edges - 1)
                {
                    continue;
                }

                if (Meet(a, b, ring[vertex[j]], ring[vertex[j + 1]]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the closed segments pq and rs share any point (touching counts).</summary>
    private static bool Meet(Coordinate p, Coordinate q, Coordinate r, Coordinate s)
    {
        if (Math.Max(p.X, q.X) < Math.Min(r.X, s.X) || Math.Max(r.X, s.X) < Math.Min(p.X, q.X)
            || Math.Max(p.Y, q.Y) < Math.Min(r.Y, s.Y) || Math.Max(r.Y, s.Y) < Math.Min(p.Y, q.Y))
        {
            return false;
        }

        var o1 = Orientation.Index(p, q, r);
        var o2 = Orientation.Index(p, q, s);
        var o3 = Orientation.Index(r, s, p);
        var o4 = Orientation.Index(r, s, q);
        if (o1 == OrientationIndex.Collinear || o2 == OrientationIndex.Collinear || o3 == OrientationIndex.Collinear || o4 == OrientationIndex.Collinear)
        {
            return true; // an endpoint on the other segment's line inside the shared box: treat as meeting (conservative)
        }

        return o1 != o2 && o3 != o4;
    }
}
