namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Finds the stretches of track inside a feature's area. Each segment is split at its crossings with the
/// area's boundary; each piece is inside or outside by the location of its midpoint; touching inside
/// pieces are joined into one pass with interpolated entry and exit.
/// </summary>
internal static class OverflightDetector
{
    private const double SameParameter = 1e-12;

    public static List<Overflight> Detect(FlightTrack track, FeatureShape shape) =>
        [.. Spans(track, shape).Select(span => Describe(track, shape, span))];

    /// <summary>The stretches of track inside the shape's area, in track order, as segment positions.</summary>
    public static List<TrackSpan> Spans(FlightTrack track, FeatureShape shape)
    {
        var passes = new List<TrackSpan>();
        if (shape.Area is null || shape.Area.IsEmpty)
        {
            return passes;
        }

        var areaEnvelope = shape.Area.EnvelopeInternal;
        var cuts = new List<double>(8);
        var edges = new List<int>();
        var areaEdges = shape.AreaEdges;
        TrackSpan? open = null;
        foreach (var chunk in track.ChunksNear(areaEnvelope))
        {
            var chunkEnvelope = track.ChunkEnvelope(chunk);
            areaEdges.Query(chunkEnvelope.MinX, chunkEnvelope.MinY, chunkEnvelope.MaxX, chunkEnvelope.MaxY, edges);
            // No boundary edge near the chunk: all of it lies on one side; one point-in-area test decides.
            var wholeChunkInside = edges.Count == 0 ? shape.AreaContains(track.X[chunk], track.Y[chunk]) : (bool?)null;
            if (wholeChunkInside == false)
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
                cuts.Clear();
                cuts.Add(0);
                if (wholeChunkInside is null && (ax != bx || ay != by))
                {
                    double minX = Math.Min(ax, bx), maxX = Math.Max(ax, bx), minY = Math.Min(ay, by), maxY = Math.Max(ay, by);
                    foreach (var e in edges)
                    {
                        var (qx0, qy0, qx1, qy1) = areaEdges.Edge(e);
                        if (Math.Max(qx0, qx1) < minX || Math.Min(qx0, qx1) > maxX || Math.Max(qy0, qy1) < minY || Math.Min(qy0, qy1) > maxY)
                        {
                            continue;
                        }

                        var t = SegmentMath.CrossingParameter(ax, ay, bx, by, qx0, qy0, qx1, qy1);
                        if (t > 0 && t < 1)
                        {
                            cuts.Add(t);
                        }
                    }
                }

                cuts.Add(1);
                cuts.Sort();
                for (var i = 0; i + 1 < cuts.Count; i++)
                {
                    double t0 = cuts[i], t1 = cuts[i + 1];
                    if (t1 - t0 < SameParameter && !(i == 0 && cuts.Count == 2))
                    {
                        continue;
                    }

                    if (wholeChunkInside is null)
                    {
                        var (mx, my) = track.PointAt(seg, (t0 + t1) / 2);
                        if (!shape.AreaContains(mx, my))
                        {
                            continue;
                        }
                    }

                    if (open is { } o && Touches(track, o, seg, t0))
                    {
                        open = o with { EndSegment = seg, EndT = t1 };
                    }
                    else
                    {
                        if (open is { } done)
                        {
                            passes.Add(done);
                        }

                        open = new TrackSpan(seg, t0, seg, t1);
                    }
                }
            }
        }

        if (open is { } last)
        {
            passes.Add(last);
        }

        return passes;
    }

    private static bool Touches(FlightTrack track, TrackSpan open, int seg, double t0)
    {
        if (open.EndSegment == seg)
        {
            return Math.Abs(open.EndT - t0) < 1e-9;
        }

        // The next segment continues the previous one only when it starts where it ended.
        return open.EndSegment + 1 == seg && open.EndT >= 1 - 1e-9 && t0 <= 1e-9 && track.IsUsable(open.EndSegment);
    }

    private static Overflight Describe(FlightTrack track, FeatureShape shape, TrackSpan span)
    {
        var entrySeconds = track.TimeAt(span.StartSegment, span.StartT);
        var exitSeconds = track.TimeAt(span.EndSegment, span.EndT);
        var minTakeoff = MinAlong(track, track.HeightAboveTakeoff, span);
        var minGround = MinAlong(track, track.HeightAboveGround, span);
        var (ex, ey) = track.PointAt(span.StartSegment, span.StartT);
        var (xx, xy) = track.PointAt(span.EndSegment, span.EndT);
        var (entryLat, entryLon) = track.Projection.Inverse(ex, ey);
        var (exitLat, exitLon) = track.Projection.Inverse(xx, xy);
        var first = span.StartSegment;
        var last = track.SegmentEnd(span.EndSegment);
        var samples = track.SampleIndex;
        return new Overflight
        {
            Feature = shape.Reference,
            EntrySeconds = Finite(entrySeconds),
            ExitSeconds = Finite(exitSeconds),
            EntryUtc = track.UtcAt(entrySeconds),
            ExitUtc = track.UtcAt(exitSeconds),
            DurationSeconds = Finite(exitSeconds - entrySeconds),
            MinHeightAboveTakeoffMeters = minTakeoff,
            MinHeightAboveGroundMeters = minGround,
            EntryLatitude = entryLat,
            EntryLongitude = entryLon,
            ExitLatitude = exitLat,
            ExitLongitude = exitLon,
            FirstSampleIndex = samples[first],
            LastSampleIndex = samples[last],
            FirstSourceOffset = track.SourceOffset[first],
            LastSourceOffset = track.SourceOffset[last],
            StartedInside = span.StartSegment == 0 && span.StartT <= 0,
            EndedInside = track.SegmentEnd(span.EndSegment) == track.Count - 1 && span.EndT >= 1,
            AreaExpansionMeters = shape.AreaExpansionMeters,
        };
    }

    /// <summary>Smallest value at the interpolated entry, every sample inside, and the interpolated exit; null when none is known.</summary>
    private static double? MinAlong(FlightTrack track, double[] values, TrackSpan span) => RangeAlong(track, values, span)?.Min;

    /// <summary>Smallest and largest value at the interpolated entry, every sample inside, and the interpolated exit; null when none is known.</summary>
    internal static (double Min, double Max)? RangeAlong(FlightTrack track, double[] values, TrackSpan span)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        Consider(FlightTrack.Lerp(values, span.StartSegment, track.SegmentEnd(span.StartSegment), span.StartT));
        Consider(FlightTrack.Lerp(values, span.EndSegment, track.SegmentEnd(span.EndSegment), span.EndT));
        for (var k = span.StartSegment + 1; k <= span.EndSegment; k++)
        {
            Consider(values[k]);
        }

        return double.IsPositiveInfinity(min) ? null : (min, max);

        void Consider(double v)
        {
            if (!double.IsNaN(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

}

/// <summary>A stretch of track from a position on one segment (fraction 0..1 along it) to a position on another.</summary>
internal readonly record struct TrackSpan(int StartSegment, double StartT, int EndSegment, double EndT);
