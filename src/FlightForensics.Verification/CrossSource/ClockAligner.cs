namespace FlightForensics.Verification.CrossSource;

/// <summary>
/// Finds the offset of one source's clock from the reference's by matching the shape of the two tracks: for each
/// candidate offset the other source is sampled at the reference's times plus the offset, the mean difference in
/// east, north and height is removed (so a constant position or height offset does not pull the clock), and the
/// root-mean-square of what remains is the cost. Whole seconds over ± <see cref="VerifyOptions.MaxClockOffsetSeconds"/>
/// first, then, around the best, 0.05 s steps judged by the median residual (robust to a stretch where one track is wrong).
/// </summary>
internal static class ClockAligner
{
    public const string Method = "track-shape match: east, north and height, mean difference removed, least RMS residual over candidate offsets";

    /// <summary>The result of one search.</summary>
    /// <param name="OffsetSeconds">Seconds the other clock is ahead of the reference's; null when no offset could be found.</param>
    /// <param name="Confidence">1 − best cost ÷ median cost over all candidates (0 when every offset fits as well).</param>
    /// <param name="OverlapPoints">Reference grid points compared at the chosen offset.</param>
    /// <param name="Why">Why no offset was found, when none was.</param>
    public readonly record struct Alignment(double? OffsetSeconds, double Confidence, int OverlapPoints, string? Why);

    public static Alignment Align(CommonTrack reference, CommonTrack other, VerifyOptions options)
    {
        if (reference.Count < 10 || other.Count < 10)
        {
            return new(null, 0, 0, "fewer than 10 positions in one of the sources");
        }

        // Only where the other track can fall at some candidate offset (a short source against a long one).
        var grid = reference.Grid(options.MaxAlignmentPoints, 0.2, other.Start - options.MaxClockOffsetSeconds, other.End + options.MaxClockOffsetSeconds);
        if (grid.Length < 10)
        {
            return new(null, 0, 0, Words.F($"the tracks do not overlap in time within ±{options.MaxClockOffsetSeconds:0} s"));
        }

        var values = new (double E, double N, double H)[grid.Length];
        double meanE = 0, meanN = 0;
        for (int k = 0; k < grid.Length; k++)
        {
            reference.At(grid[k], out var e, out var n, out var h);
            values[k] = (e, n, h);
            meanE += e / grid.Length;
            meanN += n / grid.Length;
        }

        // A track that barely moves fits every offset equally: say so rather than pick noise.
        double spread = Math.Sqrt(values.Average(v => Runs.Sq(v.E - meanE) + Runs.Sq(v.N - meanN)));
        if (spread < 2.0)
        {
            return new(null, 0, 0, Words.F($"the reference track barely moves (RMS {spread:0.0} m about its mean position)"));
        }

        // At least a tenth of the points the other track can cover at any one offset (its span, not the search window).
        double step = (grid[^1] - grid[0]) / Math.Max(1, grid.Length - 1);
        int coverable = step > 0 ? (int)Math.Min(grid.Length, (other.End - other.Start) / step) : grid.Length;
        int minPoints = Math.Max(10, coverable / 10);
        var costs = new List<double>();
        double best = double.PositiveInfinity, bestOffset = 0;
        int bestPoints = 0;
        double max = options.MaxClockOffsetSeconds;
        for (double o = -Math.Floor(max); o <= max; o += 1)
        {
            var (cost, points) = Cost(grid, values, other, o, minPoints);
            if (double.IsNaN(cost))
            {
                continue;
            }

            costs.Add(cost);
            if (cost < best || (cost == best && Math.Abs(o) < Math.Abs(bestOffset)))
            {
                (best, bestOffset, bestPoints) = (cost, o, points);
            }
        }

        if (costs.Count == 0)
        {
            return new(null, 0, 0, Words.F($"the tracks do not overlap in time within ±{max:0} s"));
        }

        // The root-mean-square is pulled by a stretch where one track wanders (a glitch, an edit): around the coarse
        // answer, the offset is settled by the median residual instead, which a minority of bad points cannot move.
        double coarse = bestOffset, bestRobust = double.PositiveInfinity;
        for (double o = coarse - 2; o <= coarse + 2 + 1e-9; o += 0.05)
        {
            var (cost, points) = RobustCost(grid, values, other, o, minPoints);
            if (!double.IsNaN(cost) && (cost < bestRobust || (cost == bestRobust && Math.Abs(o) < Math.Abs(bestOffset))))
            {
                (bestRobust, bestOffset, bestPoints) = (cost, o, points);
            }
        }

        double median = Stats.Median(costs);
        double confidence = median > 0 ? Math.Clamp(1 - (best / median), 0, 1) : 0;
        return new(Math.Round(bestOffset, 3), Math.Round(confidence, 3), bestPoints, null);
    }

    /// <summary>Median distance from the median difference (east, north, height), over the points both tracks cover.</summary>
    private static (double Cost, int Points) RobustCost(double[] grid, (double E, double N, double H)[] values, CommonTrack other, double offset, int minPoints)
    {
        var dE = new List<double>(grid.Length);
        var dN = new List<double>(grid.Length);
        var dH = new List<double>(grid.Length);
        for (int k = 0; k < grid.Length; k++)
        {
            if (other.At(grid[k] + offset, out var e, out var n, out var h))
            {
                dE.Add(e - values[k].E);
                dN.Add(n - values[k].N);
                dH.Add(double.IsNaN(h - values[k].H) ? 0 : h - values[k].H);
            }
        }

        if (dE.Count < minPoints)
        {
            return (double.NaN, dE.Count);
        }

        double mE = Stats.Median([.. dE]), mN = Stats.Median([.. dN]), mH = Stats.Median([.. dH]);
        var residual = new List<double>(dE.Count);
        for (int k = 0; k < dE.Count; k++)
        {
            residual.Add(Math.Sqrt(Runs.Sq(dE[k] - mE) + Runs.Sq(dN[k] - mN) + Runs.Sq(dH[k] - mH)));
        }

        return (Stats.Median(residual), dE.Count);
    }

    private static (double Cost, int Points) Cost(double[] grid, (double E, double N, double H)[] values, CommonTrack other, double offset, int minPoints)
    {
        double sE = 0, sN = 0, sH = 0, qE = 0, qN = 0, qH = 0;
        int n = 0, nh = 0;
        for (int k = 0; k < grid.Length; k++)
        {
            if (!other.At(grid[k] + offset, out var e, out var north, out var h))
            {
                continue;
            }

            double dE = e - values[k].E, dN = north - values[k].N;
            sE += dE;
            sN += dN;
            qE += dE * dE;
            qN += dN * dN;
            n++;
            double dH = h - values[k].H;
            if (!double.IsNaN(dH))
            {
                sH += dH;
                qH += dH * dH;
                nh++;
            }
        }

        if (n < minPoints)
        {
            return (double.NaN, n);
        }

        double variance = (qE / n) - Runs.Sq(sE / n) + (qN / n) - Runs.Sq(sN / n);
        if (nh >= minPoints)
        {
            variance += (qH / nh) - Runs.Sq(sH / nh);
        }

        return (Math.Sqrt(Math.Max(0, variance)), n);
    }
}
