using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// The straight edges of a projected geometry (ring edges of polygons, line segments, zero-length edges for
/// points) with an index, for crossing parameters and distances along track segments.
/// </summary>
internal sealed class EdgeSet
{
    private const int BruteForceLimit = 16;
    private readonly List<double> _coords = [];
    private STRtree<int>? _index;

    public EdgeSet(Geometry geometry)
    {
        Add(geometry);
        if (Count > BruteForceLimit)
        {
            _index = new STRtree<int>();
            for (var i = 0; i < Count; i++)
            {
                var (ax, ay, bx, by) = Edge(i);
                _index.Insert(new Envelope(ax, bx, ay, by), i);
            }

            _index.Build();
        }
    }

    public int Count => _coords.Count / 4;

    public (double Ax, double Ay, double Bx, double By) Edge(int i) =>
        (_coords[4 * i], _coords[(4 * i) + 1], _coords[(4 * i) + 2], _coords[(4 * i) + 3]);

    /// <summary>Edges whose envelope meets the box (all edges for small sets).</summary>
    public void Query(double minX, double minY, double maxX, double maxY, List<int> result)
    {
        result.Clear();
        if (_index is null)
        {
            for (var i = 0; i < Count; i++)
            {
                result.Add(i);
            }

            return;
        }

        foreach (var i in _index.Query(new Envelope(minX, maxX, minY, maxY)))
        {
            result.Add(i);
        }
    }

    private void Add(Geometry geometry)
    {
        switch (geometry)
        {
            case Point p when !p.IsEmpty:
                AddEdge(p.X, p.Y, p.X, p.Y);
                break;
            case LineString line:
                AddSequence(line.CoordinateSequence);
                break;
            case Polygon polygon:
                AddSequence(polygon.ExteriorRing.CoordinateSequence);
                foreach (var hole in polygon.InteriorRings)
                {
                    AddSequence(hole.CoordinateSequence);
                }

                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    Add(collection.GetGeometryN(i));
                }

                break;
        }
    }

    private void AddSequence(CoordinateSequence seq)
    {
        if (seq.Count == 1)
        {
            AddEdge(seq.GetX(0), seq.GetY(0), seq.GetX(0), seq.GetY(0));
        }

        for (var i = 0; i + 1 < seq.Count; i++)
        {
            AddEdge(seq.GetX(i), seq.GetY(i), seq.GetX(i + 1), seq.GetY(i + 1));
        }
    }

    private void AddEdge(double ax, double ay, double bx, double by)
    {
        _coords.Add(ax);
        _coords.Add(ay);
        _coords.Add(bx);
        _coords.Add(by);
    }
}

/// <summary>Plane geometry of segments, in the local metric frame.</summary>
internal static class SegmentMath
{
    /// <summary>Parameter t in [0, 1] along p0→p1 where it meets q0→q1, or NaN (parallel or no meeting).</summary>
    public static double CrossingParameter(double p0x, double p0y, double p1x, double p1y, double q0x, double q0y, double q1x, double q1y)
    {
        double rx = p1x - p0x, ry = p1y - p0y, sx = q1x - q0x, sy = q1y - q0y;
        var denom = (rx * sy) - (ry * sx);
        if (denom == 0)
        {
            return double.NaN;
        }

        double wx = q0x - p0x, wy = q0y - p0y;
        var t = ((wx * sy) - (wy * sx)) / denom;
        var u = ((wx * ry) - (wy * rx)) / denom;
        return t is >= 0 and <= 1 && u is >= 0 and <= 1 ? t : double.NaN;
    }

    /// <summary>True when the bounding boxes of segments p and q are more than <paramref name="reach"/> apart (so are the segments).</summary>
    public static bool BoxesApart(double p0x, double p0y, double p1x, double p1y, double q0x, double q0y, double q1x, double q1y, double reach) =>
        Math.Max(q0x, q1x) < Math.Min(p0x, p1x) - reach || Math.Min(q0x, q1x) > Math.Max(p0x, p1x) + reach
        || Math.Max(q0y, q1y) < Math.Min(p0y, p1y) - reach || Math.Min(q0y, q1y) > Math.Max(p0y, p1y) + reach;

    /// <summary>Distance from a point to a segment and the parameter of the closest point on the segment.</summary>
    public static (double Distance, double T) PointToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        var len2 = (dx * dx) + (dy * dy);
        var t = len2 == 0 ? 0 : Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / len2, 0, 1);
        double cx = ax + (t * dx) - px, cy = ay + (t * dy) - py;
        return (Math.Sqrt((cx * cx) + (cy * cy)), t);
    }

    /// <summary>Distance between segment p and segment q, with the parameter on p of the closest point.</summary>
    public static (double Distance, double T) SegmentToSegment(double p0x, double p0y, double p1x, double p1y, double q0x, double q0y, double q1x, double q1y)
    {
        var crossing = CrossingParameter(p0x, p0y, p1x, p1y, q0x, q0y, q1x, q1y);
        if (!double.IsNaN(crossing))
        {
            return (0, crossing);
        }

        var best = PointToSegment(q0x, q0y, p0x, p0y, p1x, p1y);
        var c = PointToSegment(q1x, q1y, p0x, p0y, p1x, p1y);
        if (c.Distance < best.Distance)
        {
            best = c;
        }

        var d = PointToSegment(p0x, p0y, q0x, q0y, q1x, q1y);
        if (d.Distance < best.Distance)
        {
            best = (d.Distance, 0);
        }

        var e = PointToSegment(p1x, p1y, q0x, q0y, q1x, q1y);
        if (e.Distance < best.Distance)
        {
            best = (e.Distance, 1);
        }

        return best;
    }
}
