using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.CrossSource;

/// <summary>
/// Two sources of one flight after clock alignment: how far apart they are, and the edits that show only when one is
/// held against the other (a time shift, a position offset, a stretch missing from one).
/// </summary>
internal static class PairChecks
{
    public static PairAgreement Compare(CommonTrack a, CommonTrack b, double offset, VerifyOptions o, FindingList findings)
    {
        var grid = a.Grid(20_000, Math.Max(a.Source.MedianIntervalSeconds, 0.05), b.Start - offset, b.End - offset);
        var dE = new List<double>(grid.Length);
        var dN = new List<double>(grid.Length);
        var horizontal = new List<double>(grid.Length);
        var vertical = new List<double>(grid.Length);
        var verticalAt = new List<double>(grid.Length);
        var at = new List<double>(grid.Length);
        for (int k = 0; k < grid.Length; k++)
        {
            a.At(grid[k], out var ea, out var na, out var ha);
            if (!b.At(grid[k] + offset, out var eb, out var nb, out var hb))
            {
                continue;
            }

            dE.Add(eb - ea);
            dN.Add(nb - na);
            horizontal.Add(Math.Sqrt(Runs.Sq(eb - ea) + Runs.Sq(nb - na)));
            at.Add(grid[k]);
            verticalAt.Add(Math.Abs(hb - ha));
            if (!double.IsNaN(hb - ha))
            {
                vertical.Add(Math.Abs(hb - ha));
            }
        }

        double step = grid.Length > 1 ? (grid[^1] - grid[0]) / (grid.Length - 1) : 0;
        double overlap = Math.Round(horizontal.Count * step, 3);
        if (horizontal.Count == 0)
        {
            return new PairAgreement(a.Source.Label, b.Source.Label, 0, null, null, null, null);
        }

        var agreement = new PairAgreement(a.Source.Label, b.Source.Label, overlap,
            Math.Round(Stats.Median([.. horizontal]), 3), Math.Round(Stats.Percentile([.. horizontal], 95), 3),
            vertical.Count > 0 ? Math.Round(Stats.Median([.. vertical]), 3) : null,
            vertical.Count > 0 ? Math.Round(Stats.Percentile([.. vertical], 95), 3) : null)
        {
            Series = PerSecond(at, horizontal, verticalAt, a.Source.HasUtc),
        };
        Offsets(a, b, offset, o, findings, dE, dN, at);
        return agreement;
    }

    /// <summary>Median distances per whole second of the reference clock (the points are in time order).</summary>
    private static AgreementSeries PerSecond(List<double> at, List<double> horizontal, List<double> vertical, bool utc)
    {
        var seconds = new List<double>();
        var h = new List<double>();
        var v = new List<double>();
        int k = 0;
        while (k < at.Count)
        {
            double second = Math.Floor(at[k]);
            int end = k;
            while (end < at.Count && Math.Floor(at[end]) == second)
            {
                end++;
            }

            seconds.Add(second);
            h.Add(Math.Round(Stats.Median(horizontal.GetRange(k, end - k)), 2));
            var known = vertical.GetRange(k, end - k).Where(x => !double.IsNaN(x)).ToList();
            v.Add(known.Count > 0 ? Math.Round(Stats.Median(known), 2) : double.NaN);
            k = end;
        }

        return new AgreementSeries([.. seconds], [.. h], [.. v], utc);
    }

    private static void Offsets(CommonTrack a, CommonTrack b, double offset, VerifyOptions o, FindingList findings, List<double> dE, List<double> dN, List<double> at)
    {
        double mE = Stats.Median([.. dE]), mN = Stats.Median([.. dN]);
        double magnitude = Math.Sqrt((mE * mE) + (mN * mN));
        var residual = new List<double>(dE.Count);
        for (int k = 0; k < dE.Count; k++)
        {
            residual.Add(Math.Sqrt(Runs.Sq(dE[k] - mE) + Runs.Sq(dN[k] - mN)));
        }

        double residualMedian = Stats.Median([.. residual]);
        if (magnitude >= o.PositionOffsetMinMeters && magnitude > 2 * residualMedian)
        {
            double bearing = (Math.Atan2(mE, mN) * 180 / Math.PI + 360) % 360;
            findings.Add(new Finding
            {
                Kind = FindingKinds.PositionOffset,
                Severity = magnitude >= 2 * o.PositionOffsetMinMeters ? Severity.High : Severity.Medium,
                StartUtc = b.Source.HasUtc ? SourceTrack.ToUtc(at[0]) : null,
                EndUtc = b.Source.HasUtc ? SourceTrack.ToUtc(at[^1]) : null,
                Sources = [b.Source.Label, a.Source.Label],
                Evidence = [("offsetM", Math.Round(magnitude, 2)), ("bearingDeg", Math.Round(bearing, 1)), ("eastM", Math.Round(mE, 2)),
                    ("northM", Math.Round(mN, 2)), ("medianResidualM", Math.Round(residualMedian, 2)), ("thresholdM", o.PositionOffsetMinMeters)],
                SourceOffsets = b.Source.Offsets(0, b.Source.Count - 1, o.MaxOffsetsPerFinding),
                Explanation = F($"{b.Source.Label} is displaced {magnitude:0.#} m towards {bearing:0}° from {a.Source.Label} throughout (the rest of the difference is only {residualMedian:0.#} m): one source's positions were shifted, or it uses another datum or antenna position. Two GNSS receivers agree within about {o.PositionOffsetMinMeters:0} m."),
            });
        }

        // Stretches where, beyond any constant offset, the tracks part.
        int start = -1;
        for (int k = 0; k <= residual.Count; k++)
        {
            bool apart = k < residual.Count && residual[k] > o.PositionDivergenceMeters;
            if (apart && start < 0)
            {
                start = k;
            }
            else if (!apart && start >= 0)
            {
                double seconds = at[k - 1] - at[start];
                if (seconds >= o.PositionDivergenceMinSeconds)
                {
                    double worst = residual.GetRange(start, k - start).Max();
                    findings.Add(new Finding
                    {
                        Kind = FindingKinds.PositionDivergence,
                        Severity = Severity.Medium,
                        StartUtc = a.Source.HasUtc ? SourceTrack.ToUtc(at[start]) : null,
                        EndUtc = a.Source.HasUtc ? SourceTrack.ToUtc(at[k - 1]) : null,
                        Sources = [b.Source.Label, a.Source.Label],
                        Evidence = [("durationS", Math.Round(seconds, 3)), ("maxApartM", Math.Round(worst, 2)), ("thresholdM", o.PositionDivergenceMeters)],
                        SourceOffsets = OffsetsBetween(b, at[start] + offset, at[k - 1] + offset, o.MaxOffsetsPerFinding),
                        Explanation = F($"For {seconds:0.#} s the two tracks part by up to {worst:0} m beyond their constant offset: one source's positions in this stretch are wrong (a GNSS glitch, dead reckoning without a fix, spoofing of one receiver) or were edited."),
                    });
                }

                start = -1;
            }
        }
    }

    /// <summary>Stretches one source covers continuously while the other has a hole: in both directions.</summary>
    public static void DeletedSegments(SourceTrack a, SourceTrack b, double offset, VerifyOptions o, FindingList findings)
    {
        Holes(a, b, offset, o, findings);
        Holes(b, a, -offset, o, findings);
    }

    /// <summary>Holes in <paramref name="missing"/> (on its clock; reference time = its time − offset) that <paramref name="present"/> covers.</summary>
    private static void Holes(SourceTrack present, SourceTrack missing, double offsetOfMissing, VerifyOptions o, FindingList findings)
    {
        double min = Math.Max(o.DeletedSegmentMinSeconds, missing.GapThresholdSeconds);
        for (int i = 1; i < missing.Count; i++)
        {
            double from = missing.Time[i - 1] - offsetOfMissing, to = missing.Time[i] - offsetOfMissing;
            if (to - from <= min)
            {
                continue;
            }

            int first = LowerBound(present.Time, present.Count, from + (present.MedianIntervalSeconds / 2));
            int last = LowerBound(present.Time, present.Count, to - (present.MedianIntervalSeconds / 2)) - 1;
            if (first <= 0 || last >= present.Count - 1 || last - first + 1 < 3)
            {
                continue;
            }

            double longest = 0;
            for (int k = first; k <= last + 1; k++)
            {
                longest = Math.Max(longest, present.Time[k] - present.Time[k - 1]);
            }

            // The other source must cover the hole: continuously (high), or at least with no break of half its length
            // (medium: it has gaps of its own there).
            double hole = to - from;
            if (longest > hole / 2)
            {
                continue;
            }

            bool continuous = longest <= present.GapThresholdSeconds;
            findings.Add(new Finding
            {
                Kind = FindingKinds.DeletedSegment,
                Severity = continuous && hole >= o.GapMediumSeconds ? Severity.High : Severity.Medium,
                StartUtc = present.HasUtc ? SourceTrack.ToUtc(from) : null,
                EndUtc = present.HasUtc ? SourceTrack.ToUtc(to) : null,
                Sources = [missing.Label, present.Label],
                Evidence = [("missingS", Math.Round(hole, 3)), ("samplesInOtherSource", last - first + 1),
                    ("otherLongestIntervalS", Math.Round(longest, 3)), ("lastOffsetBefore", missing.Offset[i - 1]), ("firstOffsetAfter", missing.Offset[i])],
                SourceOffsets = [missing.Offset[i - 1], missing.Offset[i]],
                Explanation = F($"{missing.Label} has nothing for {hole:0.###} s while {present.Label} logs {last - first + 1} samples over the same time{(continuous ? " without a break" : F($" (its own longest break there: {longest:0.#} s)"))}: the stretch was deleted from {missing.Label}, or its logger or link stopped while the other kept going."),
            });
        }
    }

    private static IReadOnlyList<long> OffsetsBetween(CommonTrack track, double from, double to, int max)
    {
        int first = LowerBound(track.Time, track.Count, from), last = LowerBound(track.Time, track.Count, to + 1e-9) - 1;
        return first <= last && first < track.Count ? track.Source.Offsets(track.SampleIndex[first], track.SampleIndex[Math.Min(last, track.Count - 1)], max) : [];
    }

    /// <summary>First index whose time is at or after <paramref name="value"/> (times must ascend).</summary>
    private static int LowerBound(double[] time, int count, double value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
