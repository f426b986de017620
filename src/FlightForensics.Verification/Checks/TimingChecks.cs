using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.Checks;

/// <summary>Time within one file: gaps, steps back, clock jumps, duplicated stretches.</summary>
internal static class TimingChecks
{
    public static void Run(SourceTrack t, VerifyOptions o, FindingList findings, double[] derivedSpeed)
    {
        for (int i = 1; i < t.Count; i++)
        {
            double dt = t.Time[i] - t.Time[i - 1];
            if (dt < 0)
            {
                findings.Add(t, FindingKinds.TimeBackwards, -dt >= o.TimeBackwardsMediumSeconds ? Severity.Medium : Severity.Low, i - 1, i,
                    F($"Sample time steps back by {-dt:0.###} s between consecutive records: records were reordered, spliced, or the logging clock was set back."),
                    ("stepBackS", Math.Round(-dt, 6)));
            }
            else if (dt > t.GapThresholdSeconds)
            {
                GapOrJump(t, o, findings, derivedSpeed, i, dt);
            }
        }

        Duplicates(t, o, findings);
    }

    private static void GapOrJump(SourceTrack t, VerifyOptions o, FindingList findings, double[] derivedSpeed, int i, double dt)
    {
        double before = SpeedNear(t, derivedSpeed, i - 1, -1), after = SpeedNear(t, derivedSpeed, i, +1);
        double moved = t.HasPosition(i - 1) && t.HasPosition(i) ? Runs.Distance(t, i - 1, i) : double.NaN;
        bool moving = before >= o.TimeJumpMinSpeedMetersPerSecond && after >= o.TimeJumpMinSpeedMetersPerSecond;
        double expected = Math.Min(before, after) * dt;
        if (moving && !double.IsNaN(moved) && moved < o.TimeJumpDistanceFraction * expected)
        {
            // tlog times are the receiving computer's clock: a ground station or simulator that stalls moves it
            // against the vehicle's own clock without any edit (uavlogviewer_vtol.tlog, docs/verify.md), so there a
            // jump is only low severity.
            // A Remote ID capture is timed by its receiver the same way (a busy capture host stamps late).
            bool receiveClock = t.Log.FormatId is "mavlink-tlog" or "remoteid-capture";
            findings.Add(t, FindingKinds.TimeJump, receiveClock ? Severity.Low : Severity.Medium, i - 1, i,
                F($"Time jumps forward {dt:0.###} s while the vehicle, moving at {before:0.#} and {after:0.#} m/s either side, covers only {moved:0.#} m (about {expected:0} m expected): the clock moved, not the vehicle.{(receiveClock ? " These times are the receiver's clock, which a stalled ground station, simulator or capture host also moves." : "")}"),
                ("stepS", Math.Round(dt, 6)), ("movedM", Math.Round(moved, 2)), ("expectedM", Math.Round(expected, 1)),
                ("speedBeforeMps", Math.Round(before, 2)), ("speedAfterMps", Math.Round(after, 2)));
            return;
        }

        bool airborne = t.IsAirborne(i - 1, o) || t.IsAirborne(i, o);
        var severity = airborne && dt >= o.GapMediumSeconds ? Severity.Medium : Severity.Low;
        findings.Add(t, FindingKinds.Gap, severity, i - 1, i,
            F($"No sample for {dt:0.###} s ({dt / Math.Max(t.MedianIntervalSeconds, 1e-9):0} × the source's median interval of {t.MedianIntervalSeconds:0.###} s){(airborne ? " while airborne" : "")}: logging stopped, the link dropped, or records were removed."),
            ("gapS", Math.Round(dt, 6)), ("medianIntervalS", Math.Round(t.MedianIntervalSeconds, 6)), ("thresholdS", Math.Round(t.GapThresholdSeconds, 6)),
            ("movedM", double.IsNaN(moved) ? double.NaN : Math.Round(moved, 2)), ("airborne", airborne ? 1 : 0));
    }

    /// <summary>Ground speed near sample <paramref name="i"/>: reported where present, else position-derived.</summary>
    private static double SpeedNear(SourceTrack t, double[] derived, int i, int direction)
    {
        for (int k = 0, j = i; k < 20 && j >= 0 && j < t.Count; k++, j += direction)
        {
            if (!double.IsNaN(t.GroundSpeed[j]))
            {
                return t.GroundSpeed[j];
            }

            // Derived speed looks forward from a sample; windows spanning the gap are NaN, so walking away from
            // the gap finds the nearest window on this side.
            if (!double.IsNaN(derived[j]))
            {
                return derived[j];
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// Runs of moving samples whose position and altitude repeat, in order, those of an earlier stretch: a copied
    /// stretch. Samples that merely repeat the previous one (a 5 Hz receiver in a 10 Hz log) do not count.
    /// </summary>
    private static void Duplicates(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        if (t.PositionCount < o.DuplicateMinSamples * 2)
        {
            return;
        }

        var seen = new Dictionary<(double, double, double), int>(Math.Min(t.PositionCount, 1 << 20));
        int runStart = -1, runLast = -1, origStart = -1, lastMatch = -1, previous = -1;
        for (int i = 0; i < t.Count; i++)
        {
            if (!t.HasPosition(i))
            {
                continue;
            }

            var key = (t.Lat[i], t.Lon[i], double.IsNaN(t.Msl[i]) ? t.Hat[i] : t.Msl[i]);
            bool same = previous >= 0 && t.Lat[previous] == t.Lat[i] && t.Lon[previous] == t.Lon[i];
            previous = i;
            if (same)
            {
                continue;
            }

            if (seen.TryGetValue(key, out int match) && match < i - 1)
            {
                if (runStart >= 0 && match > lastMatch)
                {
                    runLast = i;
                    lastMatch = match;
                }
                else
                {
                    Close();
                    runStart = runLast = i;
                    origStart = lastMatch = match;
                }
            }
            else
            {
                Close();
                seen.TryAdd(key, i);
            }
        }

        Close();

        void Close()
        {
            if (runStart < 0)
            {
                return;
            }

            int length = CountMoving(t, runStart, runLast);
            if (length >= o.DuplicateMinSamples)
            {
                findings.Add(t, FindingKinds.DuplicateStretch, Severity.Medium, runStart, runLast,
                    F($"{length} successive positions repeat, in order, the positions logged from {When(t, origStart)}: a stretch was copied, or a logger replayed its buffer."),
                    ("samples", length), ("originalStartElapsedS", Math.Round(t.Time[origStart] - t.Time[0], 3)),
                    ("originalOffset", t.Offset[origStart]));
            }

            runStart = -1;
        }
    }

    private static int CountMoving(SourceTrack t, int from, int to)
    {
        int n = 0, previous = -1;
        for (int i = from; i <= to; i++)
        {
            if (t.HasPosition(i) && (previous < 0 || t.Lat[previous] != t.Lat[i] || t.Lon[previous] != t.Lon[i]))
            {
                n++;
            }

            previous = t.HasPosition(i) ? i : previous;
        }

        return n;
    }
}
