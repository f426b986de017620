using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;

namespace FlightForensics.Verification;

/// <summary>
/// One source's timed samples as plain arrays (one pass over the decoded samples), the form every check reads.
/// Missing values are NaN (numbers) or -1 (counts). Samples without any time are left out: nothing can be said of
/// when they happened.
/// </summary>
internal sealed class SourceTrack
{
    private SourceTrack(FlightLog log, string label, int capacity)
    {
        Log = log;
        Label = label;
        Time = new double[capacity];
        Lat = new double[capacity];
        Lon = new double[capacity];
        East = new double[capacity];
        North = new double[capacity];
        Hat = new double[capacity];
        Msl = new double[capacity];
        GroundSpeed = new double[capacity];
        VerticalSpeed = new double[capacity];
        Roll = new double[capacity];
        Pitch = new double[capacity];
        Satellites = new int[capacity];
        Fix = new int[capacity];
        Offset = new long[capacity];
    }

    public FlightLog Log { get; }
    public string Label { get; }
    public int Count { get; private set; }

    /// <summary>True when <see cref="Time"/> is UTC (seconds since the UNIX epoch); false when it is elapsed time.</summary>
    public bool HasUtc { get; private set; }

    public double[] Time { get; }
    public double[] Lat { get; }
    public double[] Lon { get; }

    /// <summary>Metres east/north of the first position (this source's own local frame).</summary>
    public double[] East { get; }
    public double[] North { get; }
    public double[] Hat { get; }
    public double[] Msl { get; }
    public double[] GroundSpeed { get; }
    public double[] VerticalSpeed { get; }
    public double[] Roll { get; }
    public double[] Pitch { get; }
    public int[] Satellites { get; }
    public int[] Fix { get; }
    public long[] Offset { get; }
    public int PositionCount { get; private set; }

    /// <summary>Median of the positive intervals between consecutive samples (s); 0 with fewer than two samples.</summary>
    public double MedianIntervalSeconds { get; private set; }

    /// <summary>The interval (s) above which two consecutive samples have a gap between them.</summary>
    public double GapThresholdSeconds { get; private set; }

    public static SourceTrack Build(FlightLog log, string label, VerifyOptions options)
    {
        var samples = log.Samples;
        int utcCount = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].TimeUtc is not null)
            {
                utcCount++;
            }
        }

        // UTC when most samples carry it (a few untimed records before the first GPS time are then dropped).
        bool useUtc = utcCount > 0 && utcCount * 2 >= samples.Count;
        var track = new SourceTrack(log, label, samples.Count) { HasUtc = useUtc };
        LocalProjection? projection = null;
        int n = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            double t;
            if (useUtc)
            {
                if (s.TimeUtc is not DateTimeOffset utc)
                {
                    continue;
                }

                t = (utc - DateTimeOffset.UnixEpoch).Ticks / 1e7;
            }
            else if (s.ElapsedSeconds is double e && double.IsFinite(e))
            {
                t = e;
            }
            else
            {
                continue;
            }

            track.Time[n] = t;
            track.Offset[n] = s.SourceOffset;
            if (s.HasPosition)
            {
                double lat = s.LatitudeDegrees!.Value, lon = s.LongitudeDegrees!.Value;
                projection ??= new LocalProjection(lat, lon);
                var (east, north) = projection.Forward(lat, lon);
                track.Lat[n] = lat;
                track.Lon[n] = lon;
                track.East[n] = east;
                track.North[n] = north;
                track.PositionCount++;
            }
            else
            {
                track.Lat[n] = track.Lon[n] = track.East[n] = track.North[n] = double.NaN;
            }

            track.Hat[n] = Finite(s.HeightAboveTakeoffMeters);
            track.Msl[n] = Finite(s.AltitudeMslMeters);
            track.GroundSpeed[n] = Finite(s.GroundSpeedMetersPerSecond);
            track.VerticalSpeed[n] = Finite(s.VerticalSpeedMetersPerSecond);
            track.Roll[n] = Finite(s.RollDegrees);
            track.Pitch[n] = Finite(s.PitchDegrees);
            track.Satellites[n] = s.Satellites ?? -1;
            track.Fix[n] = s.GpsFix is GpsFix f ? (int)f : -1;
            n++;
        }

        track.Count = n;
        track.MedianIntervalSeconds = MedianInterval(track.Time, n);
        track.GapThresholdSeconds = Math.Max(options.GapMinSeconds, options.GapIntervalFactor * track.MedianIntervalSeconds);
        return track;
    }

    public bool HasPosition(int i) => !double.IsNaN(East[i]);

    /// <summary>Airborne by height above takeoff where known, else by ground speed.</summary>
    public bool IsAirborne(int i, VerifyOptions options) =>
        !double.IsNaN(Hat[i]) ? Hat[i] > options.AirborneHeightMeters : GroundSpeed[i] > 1.0;

    public DateTimeOffset? Utc(int i) => HasUtc && i >= 0 && i < Count ? ToUtc(Time[i]) : null;

    public static DateTimeOffset ToUtc(double unixSeconds) => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixSeconds * 1e7));

    /// <summary>Byte offsets of samples [from, to], thinned evenly to at most <paramref name="max"/>.</summary>
    public IReadOnlyList<long> Offsets(int from, int to, int max)
    {
        from = Math.Clamp(from, 0, Count - 1);
        to = Math.Clamp(to, 0, Count - 1);
        if (Count == 0 || to < from)
        {
            return [];
        }

        int span = to - from + 1;
        var result = new List<long>(Math.Min(span, max));
        if (span <= max)
        {
            for (int i = from; i <= to; i++)
            {
                result.Add(Offset[i]);
            }
        }
        else
        {
            for (int k = 0; k < max; k++)
            {
                result.Add(Offset[from + (int)((long)k * (span - 1) / Math.Max(1, max - 1))]);
            }
        }

        return result;
    }

    private static double Finite(double? value) => value is double v && double.IsFinite(v) ? v : double.NaN;

    private static double MedianInterval(double[] time, int n)
    {
        if (n < 2)
        {
            return 0;
        }

        var intervals = new List<double>(n - 1);
        for (int i = 1; i < n; i++)
        {
            double dt = time[i] - time[i - 1];
            if (dt > 0)
            {
                intervals.Add(dt);
            }
        }

        return Stats.Median(intervals);
    }
}
