using FlightForensics.Geo.Analysis;

namespace FlightForensics.Verification.CrossSource;

/// <summary>
/// One source's positioned samples in a frame shared with the other sources (east/north metres of the reference's
/// first position, and one height kind for all), with interpolation that refuses to bridge the source's gaps.
/// </summary>
internal sealed class CommonTrack
{
    public CommonTrack(SourceTrack source, LocalProjection frame, bool useHeightAboveTakeoff)
    {
        Source = source;
        var t = new List<double>(source.PositionCount);
        var e = new List<double>(source.PositionCount);
        var n = new List<double>(source.PositionCount);
        var h = new List<double>(source.PositionCount);
        var index = new List<int>(source.PositionCount);
        for (int i = 0; i < source.Count; i++)
        {
            if (!source.HasPosition(i) || (t.Count > 0 && source.Time[i] <= t[^1]))
            {
                // Positions must be in time order to interpolate; a step back is reported by the timing checks.
                continue;
            }

            var (east, north) = frame.Forward(source.Lat[i], source.Lon[i]);
            t.Add(source.Time[i]);
            e.Add(east);
            n.Add(north);
            h.Add(useHeightAboveTakeoff ? source.Hat[i] : source.Msl[i]);
            index.Add(i);
        }

        Time = [.. t];
        East = [.. e];
        North = [.. n];
        Height = [.. h];
        SampleIndex = [.. index];
    }

    public SourceTrack Source { get; }
    public double[] Time { get; }
    public double[] East { get; }
    public double[] North { get; }
    public double[] Height { get; }
    public int[] SampleIndex { get; }
    public int Count => Time.Length;
    public double Start => Time[0];
    public double End => Time[^1];

    /// <summary>Position at a time on this source's clock; false outside the track or inside one of its gaps.</summary>
    public bool At(double time, out double east, out double north, out double height)
    {
        east = north = height = double.NaN;
        if (Count == 0 || time < Time[0] || time > Time[^1])
        {
            return false;
        }

        int hi = Array.BinarySearch(Time, time);
        if (hi >= 0)
        {
            (east, north, height) = (East[hi], North[hi], Height[hi]);
            return true;
        }

        hi = ~hi;
        int lo = hi - 1;
        double span = Time[hi] - Time[lo];
        if (span > Source.GapThresholdSeconds)
        {
            return false;
        }

        double f = (time - Time[lo]) / span;
        east = East[lo] + (f * (East[hi] - East[lo]));
        north = North[lo] + (f * (North[hi] - North[lo]));
        height = Height[lo] + (f * (Height[hi] - Height[lo]));
        return true;
    }

    /// <summary>Evenly spaced times over the track, at most <paramref name="max"/>, each inside the track (not in a gap).</summary>
    public double[] Grid(int max, double minStep) => Grid(max, minStep, Start, End);

    /// <summary>Evenly spaced times within [<paramref name="from"/>, <paramref name="to"/>] ∩ this track where it has a
    /// position: a short source held against a day-long one gets its points where the two can meet.</summary>
    public double[] Grid(int max, double minStep, double from, double to)
    {
        if (Count < 2)
        {
            return [.. Time];
        }

        from = Math.Max(from, Start);
        to = Math.Min(to, End);
        if (to < from)
        {
            return [];
        }

        double step = Math.Max(minStep, (to - from) / max);
        var grid = new List<double>();
        for (double g = from; g <= to; g += step)
        {
            if (At(g, out _, out _, out _))
            {
                grid.Add(g);
            }
        }

        return [.. grid];
    }
}
