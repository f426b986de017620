namespace FlightForensics.Verification;

/// <summary>Stretches of consecutive samples where a condition holds.</summary>
internal static class Runs
{
    /// <summary>
    /// Runs [from, to] of samples for which <paramref name="holds"/> is true, merged across interruptions shorter than
    /// <paramref name="bridgeSeconds"/>, kept when they last at least <paramref name="minSeconds"/>.
    /// </summary>
    public static List<(int From, int To)> Find(SourceTrack track, Func<int, bool> holds, double minSeconds, double bridgeSeconds = 0)
    {
        var result = new List<(int, int)>();
        int start = -1, last = -1;
        for (int i = 0; i < track.Count; i++)
        {
            if (!holds(i))
            {
                continue;
            }

            if (start >= 0 && track.Time[i] - track.Time[last] <= Math.Max(bridgeSeconds, track.GapThresholdSeconds) && AllBetween(last, i))
            {
                last = i;
                continue;
            }

            Close();
            start = last = i;
        }

        Close();
        return result;

        void Close()
        {
            if (start >= 0 && track.Time[last] - track.Time[start] >= minSeconds)
            {
                result.Add((start, last));
            }
        }

        bool AllBetween(int a, int b) => b == a + 1 || bridgeSeconds > 0;
    }

    /// <summary>Position-derived ground speed (m/s) at each sample, over at least the baseline; NaN where unknown.</summary>
    public static double[] DerivedSpeed(SourceTrack track, VerifyOptions options)
    {
        var speed = new double[track.Count];
        Array.Fill(speed, double.NaN);
        int b = 0;
        for (int a = 0; a < track.Count; a++)
        {
            if (!track.HasPosition(a))
            {
                continue;
            }

            if (b <= a)
            {
                b = a + 1;
            }

            while (b < track.Count && (track.Time[b] - track.Time[a] < options.SpeedBaselineSeconds || !track.HasPosition(b)))
            {
                b++;
            }

            if (b >= track.Count)
            {
                break;
            }

            double dt = track.Time[b] - track.Time[a];

            // A window that spans a gap measures the gap, not the motion.
            if (dt > 3 * options.SpeedBaselineSeconds || dt > track.GapThresholdSeconds)
            {
                continue;
            }

            speed[a] = Math.Sqrt(Sq(track.East[b] - track.East[a]) + Sq(track.North[b] - track.North[a])) / dt;
        }

        return speed;
    }

    public static double Sq(double x) => x * x;

    public static double Distance(SourceTrack track, int a, int b) =>
        Math.Sqrt(Sq(track.East[b] - track.East[a]) + Sq(track.North[b] - track.North[a]));
}
