namespace FlightForensics.Geo.Analysis;

/// <summary>Closest approach of the track (as segments) to a feature's geometry, when within its buffer distance.</summary>
internal static class ProximityDetector
{
    public static CloseApproach? Detect(FlightTrack track, FeatureShape shape)
    {
        var buffer = shape.BufferMeters;
        if (buffer <= 0 || shape.Local.IsEmpty)
        {
            return null;
        }

        var env = shape.Local.EnvelopeInternal.Copy();
        env.ExpandBy(buffer);
        var edges = new List<int>();
        var best = double.PositiveInfinity;
        int bestSeg = -1;
        double bestT = 0;
        var edgeSet = shape.Edges;
        foreach (var chunk in track.ChunksNear(env))
        {
            var ce = track.ChunkEnvelope(chunk);
            var reach = Math.Min(buffer, best);
            edgeSet.Query(ce.MinX - reach, ce.MinY - reach, ce.MaxX + reach, ce.MaxY + reach, edges);
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
                reach = Math.Min(buffer, best);
                foreach (var e in edges)
                {
                    var (qx0, qy0, qx1, qy1) = edgeSet.Edge(e);
                    if (SegmentMath.BoxesApart(ax, ay, bx, by, qx0, qy0, qx1, qy1, reach))
                    {
                        continue;
                    }

                    var (d, t) = SegmentMath.SegmentToSegment(ax, ay, bx, by, qx0, qy0, qx1, qy1);
                    if (d < best)
                    {
                        best = d;
                        bestSeg = seg;
                        bestT = t;
                    }
                }
            }
        }

        if (bestSeg < 0 || best > buffer)
        {
            return null;
        }

        var seconds = track.TimeAt(bestSeg, bestT);
        var (x, y) = track.PointAt(bestSeg, bestT);
        var (lat, lon) = track.Projection.Inverse(x, y);
        var height = FlightTrack.Lerp(track.HeightAboveTakeoff, bestSeg, track.SegmentEnd(bestSeg), bestT);
        var sample = bestT >= 1 ? track.SegmentEnd(bestSeg) : bestSeg;
        var stay = ProximityStay.Around(track, shape, buffer, bestSeg, bestT);
        var entry = track.TimeAt(stay.StartSegment, stay.StartT);
        var exit = track.TimeAt(stay.EndSegment, stay.EndT);
        return new CloseApproach
        {
            EntrySeconds = double.IsFinite(entry) ? entry : null,
            ExitSeconds = double.IsFinite(exit) ? exit : null,
            EntryUtc = track.UtcAt(entry),
            ExitUtc = track.UtcAt(exit),
            DurationSeconds = double.IsFinite(exit - entry) ? exit - entry : null,
            Feature = shape.Reference,
            ClosestApproachMeters = best,
            AtSeconds = double.IsFinite(seconds) ? seconds : null,
            AtUtc = track.UtcAt(seconds),
            BufferMeters = buffer,
            HeightAboveTakeoffMeters = double.IsNaN(height) ? null : height,
            Latitude = lat,
            Longitude = lon,
            SampleIndex = track.SampleIndex[sample],
            SourceOffset = track.SourceOffset[sample],
        };
    }
}
