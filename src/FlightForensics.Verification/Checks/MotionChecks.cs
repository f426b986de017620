using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.Checks;

/// <summary>Physics within one file: jumps, impossible speeds, speed that disagrees with positions, altitude sources that diverge.</summary>
internal static class MotionChecks
{
    public static void Run(SourceTrack t, VerifyOptions o, FindingList findings, double[] derivedSpeed)
    {
        var teleportAt = Teleports(t, o, findings);
        ImpossibleSpeed(t, o, findings, derivedSpeed, teleportAt);
        VelocityMismatch(t, o, findings, derivedSpeed, teleportAt);
        AltitudeDivergence(t, o, findings);
    }

    /// <summary>Single steps between consecutive fixes that are both long and faster than the airframe can fly.</summary>
    private static HashSet<int> Teleports(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        var at = new HashSet<int>();
        int previous = -1;
        for (int i = 0; i < t.Count; i++)
        {
            if (!t.HasPosition(i))
            {
                continue;
            }

            if (previous >= 0)
            {
                // In three dimensions where both heights are known: a splice of two flights can join at one place
                // but not at one height.
                double dh = t.Hat[i] - t.Hat[previous];
                double horizontal = Runs.Distance(t, previous, i), dt = t.Time[i] - t.Time[previous];
                double d = double.IsNaN(dh) ? horizontal : Math.Sqrt((horizontal * horizontal) + (dh * dh));
                double speed = dt > 0 ? d / dt : double.PositiveInfinity;
                if (d >= o.TeleportMinMeters && speed > o.MaxSpeedMetersPerSecond)
                {
                    at.Add(i);
                    findings.Add(t, FindingKinds.Teleport, Severity.High, previous, i,
                        F($"The position jumps {d:0} m ({horizontal:0} m horizontally) in {dt:0.###} s between consecutive fixes ({(double.IsInfinity(speed) ? "no time passes" : F($"{speed:0} m/s"))}, above the {o.MaxSpeedMetersPerSecond:0} m/s airframe bound): a GNSS glitch or spoofing, two flights joined, or edited positions."),
                        ("distanceM", Math.Round(d, 2)), ("horizontalM", Math.Round(horizontal, 2)), ("stepS", Math.Round(dt, 6)), ("impliedSpeedMps", double.IsInfinity(speed) ? double.NaN : Math.Round(speed, 2)),
                        ("boundMps", o.MaxSpeedMetersPerSecond));
                }
            }

            previous = i;
        }

        return at;
    }

    private static void ImpossibleSpeed(SourceTrack t, VerifyOptions o, FindingList findings, double[] derived, HashSet<int> teleportAt)
    {
        bool TooFast(int i) =>
            (derived[i] > o.MaxSpeedMetersPerSecond && !NearTeleport(t, teleportAt, i, o)) || t.GroundSpeed[i] > o.MaxSpeedMetersPerSecond;

        foreach (var (from, to) in Runs.Find(t, TooFast, 0, o.SpeedBaselineSeconds))
        {
            double maxDerived = 0, maxReported = 0;
            for (int i = from; i <= to; i++)
            {
                maxDerived = Math.Max(maxDerived, double.IsNaN(derived[i]) ? 0 : derived[i]);
                maxReported = Math.Max(maxReported, double.IsNaN(t.GroundSpeed[i]) ? 0 : t.GroundSpeed[i]);
            }

            findings.Add(t, FindingKinds.ImpossibleSpeed, Severity.Medium, from, to,
                F($"Speed reaches {Math.Max(maxDerived, maxReported):0.#} m/s (from positions {maxDerived:0.#}, reported {maxReported:0.#}) over at least {o.SpeedBaselineSeconds:0.#} s, above the {o.MaxSpeedMetersPerSecond:0} m/s bound for the airframe: GNSS error or spoofing, wrong time stamps, or edited positions."),
                ("maxDerivedSpeedMps", Math.Round(maxDerived, 2)), ("maxReportedSpeedMps", Math.Round(maxReported, 2)), ("boundMps", o.MaxSpeedMetersPerSecond));
        }
    }

    private static bool NearTeleport(SourceTrack t, HashSet<int> teleportAt, int i, VerifyOptions o)
    {
        if (teleportAt.Count == 0)
        {
            return false;
        }

        for (int j = i + 1; j < t.Count && t.Time[j] - t.Time[i] <= 3 * o.SpeedBaselineSeconds; j++)
        {
            if (teleportAt.Contains(j))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reported ground speed against the speed the positions imply, where the source reports one.</summary>
    private static void VelocityMismatch(SourceTrack t, VerifyOptions o, FindingList findings, double[] derived, HashSet<int> teleportAt)
    {
        bool Mismatch(int i)
        {
            double d = derived[i], r = t.GroundSpeed[i];
            if (double.IsNaN(d) || double.IsNaN(r) || NearTeleport(t, teleportAt, i, o))
            {
                return false;
            }

            double diff = Math.Abs(d - r);
            return diff > o.VelocityMismatchMetersPerSecond && diff > o.VelocityMismatchFraction * Math.Max(d, r);
        }

        foreach (var (from, to) in Runs.Find(t, Mismatch, o.VelocityMismatchMinSeconds, o.SpeedBaselineSeconds))
        {
            double worst = 0, atDerived = 0, atReported = 0;
            for (int i = from; i <= to; i++)
            {
                if (!double.IsNaN(derived[i]) && !double.IsNaN(t.GroundSpeed[i]) && Math.Abs(derived[i] - t.GroundSpeed[i]) > worst)
                {
                    worst = Math.Abs(derived[i] - t.GroundSpeed[i]);
                    atDerived = derived[i];
                    atReported = t.GroundSpeed[i];
                }
            }

            double seconds = t.Time[to] - t.Time[from];
            findings.Add(t, FindingKinds.PositionVelocityMismatch, Severity.Low, from, to,
                F($"For {seconds:0.#} s the reported ground speed and the speed the positions imply differ by up to {worst:0.#} m/s (reported {atReported:0.#}, from positions {atDerived:0.#}): positions or velocities are wrong (GNSS glitch or spoofing, a stale estimator), or were edited separately."),
                ("durationS", Math.Round(seconds, 3)), ("maxDifferenceMps", Math.Round(worst, 2)), ("reportedMps", Math.Round(atReported, 2)), ("derivedMps", Math.Round(atDerived, 2)));
        }
    }

    /// <summary>Altitude MSL minus height above takeoff drifting away from its usual value (the takeoff altitude).</summary>
    private static void AltitudeDivergence(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        var differences = new List<double>();
        for (int i = 0; i < t.Count; i++)
        {
            if (HasBoth(t, i))
            {
                differences.Add(t.Msl[i] - t.Hat[i]);
            }
        }

        if (differences.Count < 10)
        {
            return;
        }

        double reference = Stats.Median(differences);
        bool Diverges(int i) => HasBoth(t, i) && Math.Abs(t.Msl[i] - t.Hat[i] - reference) > o.AltitudeDivergenceMeters;
        foreach (var (from, to) in Runs.Find(t, Diverges, o.AltitudeDivergenceMinSeconds, 1.0))
        {
            double worst = 0;
            for (int i = from; i <= to; i++)
            {
                if (HasBoth(t, i) && Math.Abs(t.Msl[i] - t.Hat[i] - reference) > Math.Abs(worst))
                {
                    worst = t.Msl[i] - t.Hat[i] - reference;
                }
            }

            double seconds = t.Time[to] - t.Time[from];
            findings.Add(t, FindingKinds.AltitudeDivergence, Severity.Medium, from, to,
                F($"For {seconds:0.#} s the altitude above sea level and the height above takeoff disagree by up to {worst:0.#} m beyond their usual difference of {reference:0.#} m (the takeoff altitude): the GNSS and barometric/estimated altitudes diverge (GNSS error or spoofing, a baro fault), or one was edited."),
                ("durationS", Math.Round(seconds, 3)), ("maxDivergenceM", Math.Round(worst, 2)), ("usualDifferenceM", Math.Round(reference, 2)),
                ("thresholdM", o.AltitudeDivergenceMeters));
        }
    }

    /// <summary>Both altitudes, at a sample with a position: without a fix a receiver reports altitude 0, which is not a divergence.</summary>
    private static bool HasBoth(SourceTrack t, int i) => t.HasPosition(i) && !double.IsNaN(t.Msl[i]) && !double.IsNaN(t.Hat[i]);
}
