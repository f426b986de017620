using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// A stretch of time in which the camera kept capturing one feature: its captures (photos and video runs) no more than
/// <see cref="CameraOptions.EpisodeGapSeconds"/> apart, the ground their footprints covered, and the share of the
/// feature's area that was in view at least once.
/// </summary>
public sealed record CaptureEpisode
{
    public required FeatureReference Feature { get; init; }
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }

    /// <summary>Track seconds (as <see cref="CameraCapture.Seconds"/>) of the first and last moment with the feature in view.</summary>
    public double? StartSeconds { get; init; }
    public double? EndSeconds { get; init; }
    public double? DurationSeconds { get; init; }
    public int VideoFrames { get; init; }
    public int Photos { get; init; }
    public int Captures { get; init; }
    public double MinSlantRangeMeters { get; init; }

    /// <summary>Area of the feature in view at least once over its whole area; null for a feature without area (a line or point with no corridor).</summary>
    public double? CoverageFraction { get; init; }

    /// <summary>Union of the footprints of the episode (WGS84, X longitude, Y latitude); null when it could not be formed.</summary>
    public Geometry? Coverage { get; init; }
}

/// <summary>Groups captures into <see cref="CaptureEpisode"/>s; union and areas in the check's local metric frame.</summary>
internal static class CaptureEpisodeBuilder
{
    /// <summary>A feature spanning more than this (degrees) is measured only within the check window (said in the notes).</summary>
    private const double WholeFeatureLimitDegrees = 0.5;

    public static List<CaptureEpisode> Build(IReadOnlyList<CameraCapture> captures, IReadOnlyList<FeatureShape> shapes, LocalProjection projection,
        CameraOptions options, List<string> notes)
    {
        var byReference = new Dictionary<FeatureReference, FeatureShape>();
        foreach (var s in shapes)
        {
            byReference.TryAdd(s.Reference, s);
        }

        var episodes = new List<CaptureEpisode>();
        var windowed = 0;
        var failed = 0;
        foreach (var group in captures.GroupBy(c => c.Feature))
        {
            var current = new List<CameraCapture>();
            double? currentEnd = null;
            foreach (var c in group.OrderBy(c => c.Seconds ?? double.MaxValue))
            {
                // Captures without a time cannot be placed beside others: each is an episode of its own.
                var joins = current.Count > 0 && c.Seconds is double start && currentEnd is double end && start - end <= options.EpisodeGapSeconds;
                if (!joins && current.Count > 0)
                {
                    episodes.Add(Describe(current, byReference.GetValueOrDefault(group.Key), projection, ref windowed, ref failed));
                    current = [];
                }

                current.Add(c);
                currentEnd = c.Seconds is null ? null : Math.Max(currentEnd ?? double.MinValue, c.LastSeconds ?? c.Seconds.Value);
            }

            if (current.Count > 0)
            {
                episodes.Add(Describe(current, byReference.GetValueOrDefault(group.Key), projection, ref windowed, ref failed));
            }
        }

        if (windowed > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{windowed} capture episode(s) of features larger than {WholeFeatureLimitDegrees}°: coverage fraction of the part within the camera's reach of the track, not of the whole feature"));
        }

        if (failed > 0)
        {
            notes.Add($"{failed} capture episode(s) without coverage: the union of their footprints could not be formed");
        }

        return [.. episodes.OrderBy(e => e.StartSeconds ?? double.MaxValue).ThenBy(e => e.Feature.FeatureId, StringComparer.Ordinal)];
    }

    private static CaptureEpisode Describe(List<CameraCapture> captures, FeatureShape? shape, LocalProjection projection, ref int windowed, ref int failed)
    {
        var first = captures[0];
        var last = captures.MaxBy(c => c.LastSeconds ?? c.Seconds ?? double.MinValue)!;
        var start = first.Seconds;
        var end = last.LastSeconds ?? last.Seconds;
        var footprints = captures.SelectMany(c => c.LocalFootprints).Where(p => p.Area > 0).Cast<Geometry>().ToList();
        Geometry? coverage = null;
        double? fraction = null;
        if (footprints.Count > 0)
        {
            try
            {
                coverage = CascadedPolygonUnion.Union(footprints);
                if (shape is not null && FeatureArea(shape, projection, ref windowed) is { Area: > 0 } area)
                {
                    fraction = Math.Clamp(coverage.Intersection(area).Area / area.Area, 0, 1);
                }
            }
            catch (TopologyException)
            {
                // Nearly coincident footprint edges can defeat the overlay; the episode stays, without its shape.
                coverage = null;
                fraction = null;
                failed++;
            }
        }

        return new CaptureEpisode
        {
            Feature = first.Feature,
            StartUtc = first.Utc,
            EndUtc = last.LastUtc ?? last.Utc,
            StartSeconds = start,
            EndSeconds = end,
            DurationSeconds = end - start,
            VideoFrames = captures.Where(c => c.Kind is "video" or "video-frame").Sum(c => c.Frames),
            Photos = captures.Count(c => c.Kind is not ("video" or "video-frame")),
            Captures = captures.Count,
            MinSlantRangeMeters = captures.Min(c => c.SlantRangeMeters),
            CoverageFraction = fraction,
            Coverage = coverage is null ? null : projection.Unproject(coverage),
        };
    }

    /// <summary>
    /// The feature's whole area in the local frame (the polygon, or the corridor/radius of a line or point); the part within
    /// the check window when the feature is too large to project whole.
    /// </summary>
    private static Geometry? FeatureArea(FeatureShape shape, LocalProjection projection, ref int windowed)
    {
        var env = shape.Feature.Geometry.EnvelopeInternal;
        if (env.Width > WholeFeatureLimitDegrees || env.Height > WholeFeatureLimitDegrees)
        {
            windowed++;
            return shape.Area;
        }

        var whole = projection.Project(shape.Feature.Geometry);
        return shape.Feature.Kind == Model.GeometryKind.Polygon ? whole
            : shape.AreaExpansionMeters > 0 ? whole.Buffer(shape.AreaExpansionMeters) : null;
    }
}
