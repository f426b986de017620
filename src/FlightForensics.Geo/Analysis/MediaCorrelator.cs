using System.Globalization;
using FlightForensics.Core.Model;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Places media (video subtitle tracks, photos) on a flight by time, estimating the offset between the camera clock and
/// the flight clock from position agreement: within ± <see cref="MediaCorrelationOptions.SearchWindowSeconds"/> of the
/// stated clock, the offset at which the most media positions lie inside the flight and within
/// <see cref="MediaCorrelationOptions.MaxResidualMeters"/> of the track interpolated at media time (coarse grid), refined
/// by minimising their mean horizontal distance (a finer grid, then golden-section search to 1 ms).
/// </summary>
/// <remarks>
/// Camera clocks carry no time zone (DJI SRT, EXIF DateTimeOriginal), so the stated clock is often off by whole hours
/// plus drift. Media without position cannot be placed this way: their stated clock is used as it is, and that is said.
/// Counting agreeing positions rather than averaging all of them lets a camera's photos from several flights (one
/// clock group) place the photos of this flight. Samples outside the flight count at their distance from its nearest end.
/// </remarks>
public static class MediaCorrelator
{
    public static MediaCorrelation Correlate(FlightTrack? track, IReadOnlyList<MediaInput> media, MediaCorrelationOptions? options = null,
        double videoFrameIntervalSeconds = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        options ??= MediaCorrelationOptions.Default;
        var matches = new MediaMatch?[media.Count];
        var frames = new List<MediaFrame>();
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < media.Count; i++)
        {
            var m = media[i];
            if (m.Log is null)
            {
                matches[i] = Unmatched(m, m.Problem ?? "not usable as media");
                continue;
            }

            if (track is null)
            {
                matches[i] = Unmatched(m, "the flight has no positioned samples to match media against");
                continue;
            }

            if (track.TimeOrigin is null)
            {
                matches[i] = Unmatched(m, "the flight log states no UTC time: media cannot be placed by time");
                continue;
            }

            var key = m.ClockGroup is { } g ? "g:" + g : "f:" + i.ToString(CultureInfo.InvariantCulture);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(i);
        }

        foreach (var group in groups.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CorrelateGroup(track!, media, group, options, videoFrameIntervalSeconds, matches, frames);
        }

        return new MediaCorrelation([.. matches.Select(m => m!)], [.. frames.OrderBy(f => f.FlightSeconds).ThenBy(f => f.MediaFile, StringComparer.Ordinal)]);
    }

    private readonly record struct Point(int Input, int Sample, double T, double X, double Y)
    {
        public bool HasPosition => !double.IsNaN(X);
    }

    private static void CorrelateGroup(FlightTrack track, IReadOnlyList<MediaInput> media, List<int> group, MediaCorrelationOptions options,
        double videoInterval, MediaMatch?[] matches, List<MediaFrame> frames)
    {
        var origin = track.TimeOrigin!.Value;
        var points = new List<Point>();
        foreach (var i in group)
        {
            var samples = media[i].Log!.Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                var sample = samples[s];
                if (sample.TimeUtc is not DateTimeOffset utc)
                {
                    continue;
                }

                var t = (utc - origin).TotalSeconds;
                double x = double.NaN, y = double.NaN;
                if (sample.HasPosition)
                {
                    (x, y) = track.Projection.Forward(sample.LatitudeDegrees!.Value, sample.LongitudeDegrees!.Value);
                }

                points.Add(new Point(i, s, t, x, y));
            }
        }

        var (trackStart, trackEnd) = TimeSpan_(track);
        var line = Timeline.Of(track);
        var positioned = points.Where(p => p.HasPosition).ToArray();
        var examiner = group.All(i => media[i].ExaminerOffset);
        double offset;
        string source;
        string? groupProblem = null;
        if (points.Count == 0)
        {
            foreach (var i in group)
            {
                matches[i] = Unmatched(media[i], media[i].Log!.Samples.Count == 0
                    ? "no samples decoded from the media"
                    : "the media state no time (or no UTC-convertible clock): they cannot be placed on the flight");
            }

            return;
        }

        if (examiner)
        {
            offset = 0;
            source = "examiner";
        }
        else if (positioned.Length == 0)
        {
            offset = 0;
            source = "stated";
        }
        else
        {
            source = "estimated";
            var estimate = Estimate(line, positioned, trackStart, trackEnd, options);
            if (estimate is double o)
            {
                offset = o;
            }
            else
            {
                offset = 0;
                groupProblem = string.Create(CultureInfo.InvariantCulture,
                    $"no time overlap: no clock offset within ±{options.SearchWindowSeconds / 3600:0.#} h puts any of the {(group.Count > 1 ? "camera's media" : "media")} inside the flight");
            }
        }

        foreach (var i in group)
        {
            var input = media[i];
            var mine = points.Where(p => p.Input == i).ToList();
            var samples = input.Log!.Samples;
            var positionedCount = samples.Count(s => s.HasPosition);
            double? clockOffset = examiner ? input.ExaminerOffsetSeconds ?? 0 : groupProblem is null ? -offset : null;
            var baseMatch = new MediaMatch
            {
                File = input.File,
                Sha256 = input.Sha256,
                Format = input.Format,
                Kind = input.Kind,
                Samples = samples.Count,
                PositionedSamples = positionedCount,
                ClockBasis = input.ClockBasis,
                Reason = "",
            };
            if (mine.Count == 0)
            {
                matches[i] = baseMatch with { Reason = "the media state no time (or no UTC-convertible clock): they cannot be placed on the flight" };
                continue;
            }

            if (groupProblem is not null)
            {
                matches[i] = baseMatch with
                {
                    Reason = $"{groupProblem} (media {Iso(Utc(origin, mine.Min(p => p.T)))} – {Iso(Utc(origin, mine.Max(p => p.T)))} by the stated clock; flight {Iso(Utc(origin, trackStart))} – {Iso(Utc(origin, trackEnd))})",
                    FirstUtc = Utc(origin, mine.Min(p => p.T)),
                    LastUtc = Utc(origin, mine.Max(p => p.T)),
                };
                continue;
            }

            var inside = mine.Where(p => p.T + offset >= trackStart && p.T + offset <= trackEnd).ToList();
            double distanceSum = 0;
            var residualCount = 0;
            foreach (var p in inside)
            {
                if (p.HasPosition)
                {
                    distanceSum += Distance(line, p, offset, trackStart, trackEnd);
                    residualCount++;
                }
            }

            double? residual = residualCount > 0 ? distanceSum / residualCount : null;
            var first = Utc(origin, mine.Min(p => p.T) + offset);
            var last = Utc(origin, mine.Max(p => p.T) + offset);
            var match = baseMatch with
            {
                ClockOffsetSeconds = clockOffset,
                OffsetSource = source,
                ResidualMeters = residual,
                ResidualSamples = residualCount,
                FirstUtc = first,
                LastUtc = last,
            };

            string offsetText = string.Create(CultureInfo.InvariantCulture, $"camera clock {clockOffset:+0.000;-0.000;0} s from the flight clock");
            if (inside.Count == 0)
            {
                matches[i] = match with
                {
                    Reason = string.Create(CultureInfo.InvariantCulture,
                        $"does not overlap the flight in time ({first:yyyy-MM-dd'T'HH:mm:ss'Z'} – {last:yyyy-MM-dd'T'HH:mm:ss'Z'} with {offsetText}; flight {Utc(origin, trackStart):yyyy-MM-dd'T'HH:mm:ss'Z'} – {Utc(origin, trackEnd):yyyy-MM-dd'T'HH:mm:ss'Z'})"),
                };
                continue;
            }

            if (residual is double r && r > options.MaxResidualMeters)
            {
                matches[i] = match with
                {
                    Reason = string.Create(CultureInfo.InvariantCulture,
                        $"positions disagree with the flight: mean distance {r:0.0} m (limit {options.MaxResidualMeters:0} m) with {offsetText}; probably another flight"),
                };
                continue;
            }

            var emitted = EmitFrames(input, inside, offset, origin, videoInterval, frames);
            var how = source switch
            {
                "examiner" => $"placed with the examiner's clock offset ({offsetText})",
                "stated" => "the media carry no position: placed by the stated clock as it is (offset not estimated)",
                _ => string.Create(CultureInfo.InvariantCulture, $"placed by position agreement: {offsetText}, mean distance {residual:0.00} m over {residualCount} position(s)"),
            };
            var partial = inside.Count < mine.Count
                ? string.Create(CultureInfo.InvariantCulture, $"; {mine.Count - inside.Count} of {mine.Count} timed sample(s) fall outside the flight")
                : "";
            matches[i] = match with { Matched = true, Reason = how + partial, Frames = emitted };
        }
    }

    private static int EmitFrames(MediaInput input, List<Point> inside, double offset, DateTimeOffset origin, double videoInterval, List<MediaFrame> frames)
    {
        var samples = input.Log!.Samples;
        var next = double.NegativeInfinity;
        var count = 0;
        foreach (var p in inside.OrderBy(p => p.T))
        {
            var t = p.T + offset;
            if (input.Kind == "video-frame")
            {
                // 1 ms of slack: cue times are rounded to the millisecond.
                if (t < next - 0.001)
                {
                    continue;
                }

                next = t + Math.Max(0.001, videoInterval);
            }

            var s = samples[p.Sample];
            frames.Add(new MediaFrame
            {
                Kind = input.Kind,
                MediaFile = input.File,
                FlightSeconds = t,
                Utc = Utc(origin, t),
                LatitudeDegrees = s.HasPosition ? s.LatitudeDegrees : null,
                LongitudeDegrees = s.HasPosition ? s.LongitudeDegrees : null,
                HeightAboveTakeoffMeters = s.HeightAboveTakeoffMeters,
                GimbalPitchDegrees = s.GimbalPitchDegrees,
                GimbalYawDegrees = s.GimbalYawDegrees,
                GimbalRollDegrees = s.GimbalRollDegrees,
                YawDegrees = s.YawDegrees,
                FocalLength35mm = input.FocalLength35mm,
                AspectRatio = input.AspectRatio,
                ImageWidthPixels = input.ImageWidthPixels,
                SourceOffset = s.SourceOffset,
            });
            count++;
        }

        return count;
    }

    /// <summary>
    /// The offset added to media time; null when no offset within the window puts any media sample inside the flight.
    /// First the offset with the most inliers (samples inside the flight within <see cref="MediaCorrelationOptions.MaxResidualMeters"/>
    /// of the track; ties: the smaller mean inlier distance), so that a camera's photos from several flights still place
    /// this flight's photos; then the mean distance of those inliers is minimised around it. Without any inlier, the
    /// offset with the smallest mean distance is returned (the caller then reports the positions as disagreeing).
    /// </summary>
    private static double? Estimate(Timeline line, Point[] positioned, double trackStart, double trackEnd, MediaCorrelationOptions options)
    {
        var tMin = positioned.Min(p => p.T);
        var tMax = positioned.Max(p => p.T);
        var lo = Math.Max(-options.SearchWindowSeconds, trackStart - tMax);
        var hi = Math.Min(options.SearchWindowSeconds, trackEnd - tMin);
        if (!(lo <= hi))
        {
            return null;
        }

        var subset = Subsample(positioned, options.MaxSearchSamples);
        var step = Math.Max(options.CoarseStepSeconds, (hi - lo) / Math.Max(1, options.MaxCoarseSteps));
        step = Math.Max(0.25, Math.Min(step, (hi - lo) / 100));
        double? byInliers = null, byCost = null;
        int bestInliers = 0;
        double bestInlierMean = double.MaxValue, bestCost = double.MaxValue, bestOverlap = 0;
        for (var o = lo; o <= hi + (step / 2); o += step)
        {
            var score = Score(line, subset, o, trackStart, trackEnd, options.MaxResidualMeters);
            if (score.Inliers > 0 && (score.Inliers > bestInliers || (score.Inliers == bestInliers && score.InlierMean < bestInlierMean)))
            {
                (byInliers, bestInliers, bestInlierMean) = (o, score.Inliers, score.InlierMean);
            }

            // Fallback ranking: more overlap first (up to the minimum fraction), then the smaller mean distance.
            var overlap = Math.Min(score.Overlap, options.MinOverlapFraction);
            if (score.Overlap > 0 && (overlap > bestOverlap || (overlap == bestOverlap && score.Cost < bestCost)))
            {
                (byCost, bestOverlap, bestCost) = (o, overlap, score.Cost);
            }
        }

        if (byInliers is not double b)
        {
            return byCost;
        }

        // Refine on the samples that agree near the coarse optimum (generously: twice the limit), with all samples.
        var agreeing = positioned.Where(p => p.T + b >= trackStart && p.T + b <= trackEnd
            && Distance(line, p, b, trackStart, trackEnd) <= 2 * options.MaxResidualMeters).ToArray();
        if (agreeing.Length == 0)
        {
            return b;
        }

        var fine = step / 20;
        var best = b;
        bestCost = double.MaxValue;
        for (var o = b - step; o <= b + step; o += fine)
        {
            var cost = Score(line, agreeing, o, trackStart, trackEnd, options.MaxResidualMeters).Cost;
            if (cost < bestCost)
            {
                (best, bestCost) = (o, cost);
            }
        }

        double left = best - fine, right = best + fine;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        while (right - left > 1e-3)
        {
            var m1 = right - (ratio * (right - left));
            var m2 = left + (ratio * (right - left));
            if (Score(line, agreeing, m1, trackStart, trackEnd, 0).Cost <= Score(line, agreeing, m2, trackStart, trackEnd, 0).Cost)
            {
                right = m2;
            }
            else
            {
                left = m1;
            }
        }

        var golden = (left + right) / 2;
        return Score(line, agreeing, golden, trackStart, trackEnd, 0).Cost <= bestCost ? golden : best;
    }

    private static Point[] Subsample(Point[] points, int max)
    {
        if (points.Length <= max)
        {
            return points;
        }

        var result = new Point[max];
        for (var i = 0; i < max; i++)
        {
            result[i] = points[(int)((long)i * (points.Length - 1) / (max - 1))];
        }

        return result;
    }

    private readonly record struct Fit(double Cost, double Overlap, int Inliers, double InlierMean);

    /// <summary>Mean distance (samples outside the flight at the distance to its nearest end), overlap fraction and inliers at one offset.</summary>
    private static Fit Score(Timeline line, Point[] points, double offset, double trackStart, double trackEnd, double inlierMeters)
    {
        double sum = 0, inlierSum = 0;
        int inside = 0, inliers = 0;
        foreach (var p in points)
        {
            var t = p.T + offset;
            var d = Distance(line, p, offset, trackStart, trackEnd);
            if (t >= trackStart && t <= trackEnd)
            {
                inside++;
                if (d <= inlierMeters)
                {
                    inliers++;
                    inlierSum += d;
                }
            }

            sum += d;
        }

        return new Fit(sum / points.Length, (double)inside / points.Length, inliers, inliers > 0 ? inlierSum / inliers : double.MaxValue);
    }

    /// <summary>Horizontal distance from a media position to the track at media time (its nearest end outside the flight).</summary>
    private static double Distance(Timeline track, Point p, double offset, double trackStart, double trackEnd)
    {
        var (x, y) = track.At(Math.Clamp(p.T + offset, trackStart, trackEnd));
        var dx = x - p.X;
        var dy = y - p.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>
    /// The track points with a known time, sorted by time, for interpolation by binary search (a log with untimed
    /// samples would otherwise make every look-up a scan). Positions between two timed points are interpolated linearly.
    /// </summary>
    private sealed class Timeline
    {
        private double[] _t = [];
        private double[] _x = [];
        private double[] _y = [];

        public static Timeline Of(FlightTrack track)
        {
            var order = Enumerable.Range(0, track.Count).Where(k => double.IsFinite(track.Seconds[k])).OrderBy(k => track.Seconds[k]).ToArray();
            return new Timeline
            {
                _t = [.. order.Select(k => track.Seconds[k])],
                _x = [.. order.Select(k => track.X[k])],
                _y = [.. order.Select(k => track.Y[k])],
            };
        }

        public (double X, double Y) At(double t)
        {
            if (_t.Length == 0)
            {
                return (double.NaN, double.NaN);
            }

            var i = Array.BinarySearch(_t, t);
            if (i >= 0)
            {
                return (_x[i], _y[i]);
            }

            var after = ~i;
            if (after == 0)
            {
                return (_x[0], _y[0]);
            }

            if (after >= _t.Length)
            {
                return (_x[^1], _y[^1]);
            }

            var before = after - 1;
            var f = (t - _t[before]) / (_t[after] - _t[before]);
            return (_x[before] + ((_x[after] - _x[before]) * f), _y[before] + ((_y[after] - _y[before]) * f));
        }
    }

    private static (double Start, double End) TimeSpan_(FlightTrack track)
    {
        double start = double.MaxValue, end = double.MinValue;
        foreach (var t in track.Seconds)
        {
            if (double.IsFinite(t))
            {
                start = Math.Min(start, t);
                end = Math.Max(end, t);
            }
        }

        return start <= end ? (start, end) : (0, 0);
    }

    private static DateTimeOffset Utc(DateTimeOffset origin, double seconds) => origin.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    private static string Iso(DateTimeOffset utc) => Core.UtcText.Format(utc);

    private static MediaMatch Unmatched(MediaInput m, string reason) => new()
    {
        File = m.File,
        Sha256 = m.Sha256,
        Format = m.Format,
        Kind = m.Kind,
        Samples = m.Log?.Samples.Count ?? 0,
        PositionedSamples = m.Log?.Samples.Count(s => s.HasPosition) ?? 0,
        ClockBasis = m.ClockBasis,
        Reason = reason,
    };
}
