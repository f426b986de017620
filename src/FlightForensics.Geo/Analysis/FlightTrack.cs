using FlightForensics.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Samples by reference, without copying them: a decoded log's <see cref="SampleStore"/> chunk by chunk, an array
/// or a List as a span (a TelemetrySample is a large struct; copies dominate a pass over a million of them).
/// </summary>
internal readonly ref struct SampleView
{
    private readonly ReadOnlySpan<TelemetrySample> _span;
    private readonly SampleStore? _store;

    public SampleView(IReadOnlyList<TelemetrySample> samples)
    {
        if (samples is SampleStore store)
        {
            _store = store;
        }
        else
        {
            _span = samples switch
            {
                TelemetrySample[] array => array,
                List<TelemetrySample> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
                _ => samples.ToArray(),
            };
        }

        Length = samples.Count;
    }

    public int Length { get; }

    public ref readonly TelemetrySample this[int index] => ref (_store is null ? ref _span[index] : ref _store.ItemRef(index));
}

/// <summary>
/// The positioned samples of a flight in a local metric frame, with time, heights and an index of
/// segment chunks so that a feature only looks at the part of the track near it.
/// </summary>
/// <remarks>
/// Between two consecutive positioned samples the track is a straight segment travelled at constant speed:
/// that is what makes a fast flight that crosses a feature between two samples an overflight.
/// </remarks>
public sealed class FlightTrack
{
    /// <summary>Segments per index chunk: small enough to stay near the features, large enough to keep the index small.</summary>
    private const int ChunkSize = 32;

    private readonly STRtree<int> _chunks = new();
    private readonly List<Envelope> _chunkEnvelopes = [];

    private FlightTrack(LocalProjection projection, int count)
    {
        Projection = projection;
        X = new double[count];
        Y = new double[count];
        Seconds = new double[count];
        HeightAboveTakeoff = new double[count];
        HeightAboveGround = new double[count];
        AltitudeMsl = new double[count];
        SampleIndex = new int[count];
        SourceOffset = new long[count];
        SegmentUsable = new bool[Math.Max(0, count - 1)];
        PhotoTaken = new bool[count];
        RecordingVideo = new bool[count];
    }

    public LocalProjection Projection { get; }
    public int Count => X.Length;
    internal double[] X { get; }
    internal double[] Y { get; }

    /// <summary>Seconds after <see cref="TimeOrigin"/> (or elapsed seconds when the log has no UTC); NaN when unknown.</summary>
    internal double[] Seconds { get; }
    internal double[] HeightAboveTakeoff { get; }
    internal double[] HeightAboveGround { get; }

    /// <summary>Altitude above mean sea level as the log states it (NaN when unknown): for zone limits in AMSL.</summary>
    internal double[] AltitudeMsl { get; }

    /// <summary>Index of each track point in <see cref="FlightLog.Samples"/>.</summary>
    internal int[] SampleIndex { get; }

    /// <summary>Byte offset in the evidence of each track point's record.</summary>
    internal long[] SourceOffset { get; }

    /// <summary>The sample's camera state (photo taken, video recording): copied here so that the capture detector's
    /// scans over a million points do not copy a large sample struct per point.</summary>
    internal bool[] PhotoTaken { get; }

    /// <inheritdoc cref="PhotoTaken"/>
    internal bool[] RecordingVideo { get; }

    /// <summary>False for a segment that spans a time gap longer than allowed (not interpolated across).</summary>
    internal bool[] SegmentUsable { get; }

    /// <summary>UTC of <see cref="Seconds"/> = 0, null when the log states no UTC.</summary>
    public DateTimeOffset? TimeOrigin { get; private set; }

    public Envelope Envelope { get; } = new();

    /// <summary>Segments dropped because the time between their samples exceeded the gap limit.</summary>
    public int GapSegments { get; private set; }

    /// <summary>Heights above ground derived from the terrain model (not from the log).</summary>
    public int DerivedGroundHeights { get; private set; }

    /// <summary>Builds the track of a log's positioned samples; null when none has a position.</summary>
    public static FlightTrack? Build(FlightLog log, double maxSegmentGapSeconds, SrtmElevationModel? terrain = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        // One pass over the samples by reference: a TelemetrySample is a large struct, copies dominate otherwise.
        var samples = new SampleView(log.Samples);
        var positioned = new List<int>(samples.Length);
        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        for (var i = 0; i < samples.Length; i++)
        {
            ref readonly var s = ref samples[i];
            if (!s.HasPosition)
            {
                continue;
            }

            positioned.Add(i);
            var lat = s.LatitudeDegrees.GetValueOrDefault();
            var lon = s.LongitudeDegrees.GetValueOrDefault();
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
        }

        if (positioned.Count == 0)
        {
            return null;
        }

        var projection = new LocalProjection((minLat + maxLat) / 2, (minLon + maxLon) / 2);
        var track = new FlightTrack(projection, positioned.Count);

        DateTimeOffset? origin = null;
        foreach (var i in positioned)
        {
            if (UtcOf(in samples[i], log.StartUtc) is DateTimeOffset utc)
            {
                origin = utc;
                break;
            }
        }

        track.TimeOrigin = origin;
        var originTicks = origin?.UtcTicks ?? 0;
        for (var k = 0; k < positioned.Count; k++)
        {
            ref readonly var s = ref samples[positioned[k]];
            (track.X[k], track.Y[k]) = projection.Forward(s.LatitudeDegrees.GetValueOrDefault(), s.LongitudeDegrees.GetValueOrDefault());
            track.Envelope.ExpandToInclude(track.X[k], track.Y[k]);
            track.SampleIndex[k] = positioned[k];
            track.SourceOffset[k] = s.SourceOffset;
            track.HeightAboveTakeoff[k] = s.HeightAboveTakeoffMeters ?? double.NaN;
            track.HeightAboveGround[k] = s.HeightAboveGroundMeters ?? double.NaN;
            track.AltitudeMsl[k] = s.AltitudeMslMeters ?? double.NaN;
            track.PhotoTaken[k] = s.PhotoTaken == true;
            track.RecordingVideo[k] = s.IsRecordingVideo == true;
            track.Seconds[k] = origin is not null
                ? (UtcOf(in s, log.StartUtc) is DateTimeOffset u ? (u.UtcTicks - originTicks) / (double)TimeSpan.TicksPerSecond : double.NaN)
                : s.ElapsedSeconds ?? double.NaN;
        }

        if (terrain is not null)
        {
            track.DeriveGroundHeights(log, log.Samples, positioned, terrain);
        }

        for (var k = 0; k < track.SegmentUsable.Length; k++)
        {
            var dt = track.Seconds[k + 1] - track.Seconds[k];
            var usable = double.IsNaN(dt) || dt <= maxSegmentGapSeconds;
            track.SegmentUsable[k] = usable;
            if (!usable)
            {
                track.GapSegments++;
            }
        }

        track.BuildChunks();
        return track;
    }

    /// <summary>terrain(takeoff) + height above takeoff − terrain(here), where the log gives no height above ground.</summary>
    private void DeriveGroundHeights(FlightLog log, IReadOnlyList<TelemetrySample> samples, List<int> positioned, SrtmElevationModel terrain)
    {
        var first = samples[positioned[0]];
        var takeoffLat = log.Home?.LatitudeDegrees ?? first.LatitudeDegrees!.Value;
        var takeoffLon = log.Home?.LongitudeDegrees ?? first.LongitudeDegrees!.Value;
        var takeoffTerrain = terrain.HeightMeters(takeoffLat, takeoffLon);
        if (double.IsNaN(takeoffTerrain))
        {
            return;
        }

        for (var k = 0; k < Count; k++)
        {
            if (!double.IsNaN(HeightAboveGround[k]) || double.IsNaN(HeightAboveTakeoff[k]))
            {
                continue;
            }

            var s = samples[positioned[k]];
            var here = terrain.HeightMeters(s.LatitudeDegrees!.Value, s.LongitudeDegrees!.Value);
            if (!double.IsNaN(here))
            {
                HeightAboveGround[k] = takeoffTerrain + HeightAboveTakeoff[k] - here;
                DerivedGroundHeights++;
            }
        }
    }

    private static DateTimeOffset? UtcOf(ref readonly TelemetrySample s, DateTimeOffset? start) =>
        SampleTime.Utc(in s, start);

    private void BuildChunks()
    {
        // A one-point track is one degenerate segment so that it is still checked.
        var segments = Math.Max(1, Count - 1);
        for (var start = 0; start < segments; start += ChunkSize)
        {
            var end = Math.Min(segments, start + ChunkSize);
            var env = new Envelope();
            for (var k = start; k <= Math.Min(end, Count - 1); k++)
            {
                env.ExpandToInclude(X[k], Y[k]);
            }

            _chunkEnvelopes.Add(env);
            _chunks.Insert(env, start);
        }

        _chunks.Build();
    }

    /// <summary>First segments of the chunks whose envelope meets <paramref name="envelope"/>, in track order.</summary>
    internal int[] ChunksNear(Envelope envelope)
    {
        var starts = _chunks.Query(envelope).ToArray();
        Array.Sort(starts);
        return starts;
    }

    internal Envelope ChunkEnvelope(int chunkStart) => _chunkEnvelopes[chunkStart / ChunkSize];

    internal int ChunkEnd(int chunkStart) => Math.Min(SegmentCount, chunkStart + ChunkSize);

    /// <summary>Number of segments (a one-point track has one degenerate segment).</summary>
    public int SegmentCount => Math.Max(1, Count - 1);

    internal int SegmentEnd(int segment) => Math.Min(segment + 1, Count - 1);

    internal bool IsUsable(int segment) => Count == 1 || SegmentUsable[segment];

    /// <summary>Indices of usable segments whose envelope meets <paramref name="envelope"/>, in track order.</summary>
    internal List<int> SegmentsNear(Envelope envelope)
    {
        var chunkStarts = _chunks.Query(envelope);
        var result = new List<int>();
        if (chunkStarts.Count == 0)
        {
            return result;
        }

        var sorted = chunkStarts.ToArray();
        Array.Sort(sorted);
        foreach (var start in sorted)
        {
            var end = Math.Min(SegmentCount, start + ChunkSize);
            for (var k = start; k < end; k++)
            {
                if (!IsUsable(k))
                {
                    continue;
                }

                var b = SegmentEnd(k);
                if (Math.Max(X[k], X[b]) < envelope.MinX || Math.Min(X[k], X[b]) > envelope.MaxX
                    || Math.Max(Y[k], Y[b]) < envelope.MinY || Math.Min(Y[k], Y[b]) > envelope.MaxY)
                {
                    continue;
                }

                result.Add(k);
            }
        }

        return result;
    }

    /// <summary>Linear interpolation of a per-point value along a segment; NaN unless both ends are known.</summary>
    internal static double Lerp(double[] values, int a, int b, double fraction) =>
        values[a] + ((values[b] - values[a]) * fraction);

    internal double TimeAt(int segment, double fraction) => Lerp(Seconds, segment, SegmentEnd(segment), fraction);

    internal (double X, double Y) PointAt(int segment, double fraction)
    {
        var b = SegmentEnd(segment);
        return (X[segment] + ((X[b] - X[segment]) * fraction), Y[segment] + ((Y[b] - Y[segment]) * fraction));
    }

    /// <summary>UTC for a track time, null when the log has no UTC or the time is unknown.</summary>
    public DateTimeOffset? UtcAt(double seconds) =>
        TimeOrigin is DateTimeOffset o && double.IsFinite(seconds) ? o.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)) : null;

    /// <summary>The track point at or just before a time (binary search on time); -1 when none.</summary>
    internal int PointAtOrBefore(double seconds)
    {
        int lo = 0, hi = Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var t = Seconds[mid];
            if (double.IsNaN(t))
            {
                // Unknown times break the search; fall back to a scan.
                return LinearPointAtOrBefore(seconds);
            }

            if (t <= seconds)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private int LinearPointAtOrBefore(double seconds)
    {
        var found = -1;
        for (var k = 0; k < Count; k++)
        {
            if (Seconds[k] <= seconds)
            {
                found = k;
            }
        }

        return found;
    }
}
