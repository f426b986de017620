using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// How long a close approach lasted: the continuous stretch of track (as segments, like overflights) that stays within
/// the buffer distance of the feature and holds the closest point. Along one track segment the distance to one feature
/// edge is a convex function of the segment parameter, so the part within the buffer is one interval whose ends are found
/// by bisection on either side of the closest point; the union over edges gives the segment's pieces, and pieces that
/// touch across segments are joined.
/// </summary>
internal static class ProximityStay
{
    private const double Touch = 1e-9;

    /// <summary>Start and end (segment, parameter) of the stay around (<paramref name="bestSegment"/>, <paramref name="bestT"/>).</summary>
    public static (int StartSegment, double StartT, int EndSegment, double EndT) Around(FlightTrack track, FeatureShape shape, double buffer, int bestSegment, double bestT)
    {
        var env = shape.Local.EnvelopeInternal.Copy();
        env.ExpandBy(buffer);
        var pieces = new List<(int Seg, double T0, double T1)>();
        var edges = new List<int>();
        var intervals = new List<(double T0, double T1)>();
        var edgeSet = shape.Edges;
        foreach (var chunk in track.ChunksNear(env))
        {
            var ce = track.ChunkEnvelope(chunk);
            edgeSet.Query(ce.MinX - buffer, ce.MinY - buffer, ce.MaxX + buffer, ce.MaxY + buffer, edges);
            if (edges.Count == 0)
            {
                continue;
            }

            for (var seg = chunk; seg < track.ChunkEnd(chunk); seg++)
            {
                if (!track.IsUsable(seg))
                {
                    continue;
                }

                var end = track.SegmentEnd(seg);
                double ax = track.X[seg], ay = track.Y[seg], bx = track.X[end], by = track.Y[end];
                intervals.Clear();
                foreach (var e in edges)
                {
                    var (qx0, qy0, qx1, qy1) = edgeSet.Edge(e);
                    if (SegmentMath.BoxesApart(ax, ay, bx, by, qx0, qy0, qx1, qy1, buffer))
                    {
                        continue;
                    }

                    var (d, t) = SegmentMath.SegmentToSegment(ax, ay, bx, by, qx0, qy0, qx1, qy1);
                    if (d > buffer)
                    {
                        continue;
                    }

                    double Distance(double s) => SegmentMath.PointToSegment(ax + (s * (bx - ax)), ay + (s * (by - ay)), qx0, qy0, qx1, qy1).Distance;
                    var lo = Distance(0) <= buffer ? 0 : Boundary(Distance, buffer, t, 0);
                    var hi = Distance(1) <= buffer ? 1 : Boundary(Distance, buffer, t, 1);
                    intervals.Add((lo, hi));
                }

                intervals.Sort();
                foreach (var (t0, t1) in intervals)
                {
                    if (pieces.Count > 0 && pieces[^1].Seg == seg && t0 <= pieces[^1].T1 + Touch)
                    {
                        pieces[^1] = (seg, pieces[^1].T0, Math.Max(pieces[^1].T1, t1));
                    }
                    else
                    {
                        pieces.Add((seg, t0, t1));
                    }
                }
            }
        }

        // Join touching pieces into stays and keep the one that holds the closest point.
        (int StartSegment, double StartT, int EndSegment, double EndT)? stay = null;
        foreach (var (seg, t0, t1) in pieces)
        {
            var joins = stay is { } s && ((s.EndSegment == seg && t0 <= s.EndT + Touch)
                || (s.EndSegment + 1 == seg && s.EndT >= 1 - Touch && t0 <= Touch));
            if (joins)
            {
                stay = (stay!.Value.StartSegment, stay.Value.StartT, seg, t1);
                continue;
            }

            if (stay is { } done && Holds(done, bestSegment, bestT))
            {
                return done;
            }

            stay = (seg, t0, seg, t1);
        }

        // The closest point is within the buffer, so some stay holds it; the fallback is the instant itself.
        return stay is { } last && Holds(last, bestSegment, bestT) ? last : (bestSegment, bestT, bestSegment, bestT);
    }

    private static bool Holds((int StartSegment, double StartT, int EndSegment, double EndT) s, int seg, double t) =>
        (s.StartSegment < seg || (s.StartSegment == seg && s.StartT <= t + Touch))
        && (s.EndSegment > seg || (s.EndSegment == seg && s.EndT >= t - Touch));

    /// <summary>Bisection between a parameter within the buffer and one beyond it, to 1e-9 of the segment.</summary>
    private static double Boundary(Func<double, double> distance, double buffer, double inside, double outside)
    {
        for (var i = 0; i < 60 && Math.Abs(outside - inside) > 1e-9; i++)
        {
            var mid = (inside + outside) / 2;
            if (distance(mid) <= buffer)
            {
                inside = mid;
            }
            else
            {
                outside = mid;
            }
        }

        return inside;
    }
}
