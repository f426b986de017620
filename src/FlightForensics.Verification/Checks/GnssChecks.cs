using FlightForensics.Core.Model;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.Checks;

/// <summary>Stretches without a GNSS fix, and the GNSS jamming and spoofing indicators the source exposes.</summary>
internal static class GnssChecks
{
    public static void Run(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        NoFix(t, o, findings);
        SatelliteDrop(t, o, findings);
        Events(t, findings);
    }

    private static void NoFix(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        if (t.Count > 0 && t.PositionCount == 0)
        {
            findings.Add(t, FindingKinds.NoGnssFix, Severity.Low, 0, t.Count - 1,
                F($"None of the {t.Count} samples has a position: the receiver never had a fix (a bench test, indoors, a failed receiver), or positions were removed. Nothing in this source can be placed on a map or compared with another source's track."),
                ("samples", t.Count), ("samplesWithPosition", 0));
            return;
        }

        bool NoFixAt(int i) =>
            t.Fix[i] is (int)GpsFix.NoGps or (int)GpsFix.NoFix
            || (t.Fix[i] < 0 && t.Satellites[i] >= 0 && t.Satellites[i] < o.MinSatellitesForFix)
            || !t.HasPosition(i);

        foreach (var (from, to) in Runs.Find(t, NoFixAt, o.NoFixMinSeconds))
        {
            int airborne = 0, minSatellites = int.MaxValue;
            for (int i = from; i <= to; i++)
            {
                airborne += t.IsAirborne(i, o) ? 1 : 0;
                if (t.Satellites[i] >= 0)
                {
                    minSatellites = Math.Min(minSatellites, t.Satellites[i]);
                }
            }

            double seconds = t.Time[to] - t.Time[from];
            bool inAir = airborne > 0;
            findings.Add(t, FindingKinds.NoGnssFix, inAir ? Severity.Medium : Severity.Info, from, to,
                F($"No GNSS fix for {seconds:0.#} s{(inAir ? " while airborne: positions in this stretch are dead reckoning or stale" : " on the ground (normal before the receiver acquires satellites)")}{(minSatellites != int.MaxValue ? F($"; satellites as low as {minSatellites}") : "")}."),
                ("durationS", Math.Round(seconds, 3)), ("airborneSamples", airborne), ("minSatellites", minSatellites == int.MaxValue ? double.NaN : minSatellites));
        }
    }

    /// <summary>A satellite count that collapses within seconds while airborne: what jamming does to a receiver.</summary>
    private static void SatelliteDrop(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        int lastHigh = -1;
        bool Dropped(int i)
        {
            if (t.Satellites[i] >= o.SatelliteDropFrom)
            {
                lastHigh = i;
                return false;
            }

            return t.Satellites[i] >= 0 && t.Satellites[i] < o.MinSatellitesForFix && lastHigh >= 0
                && t.Time[i] - t.Time[lastHigh] <= o.SatelliteDropSeconds && t.IsAirborne(i, o);
        }

        foreach (var (from, to) in Runs.Find(t, Dropped, 0, o.SatelliteDropSeconds))
        {
            findings.Add(t, FindingKinds.GnssJammingIndicator, Severity.Low, from, to,
                F($"The satellite count falls from {o.SatelliteDropFrom} or more to {t.Satellites[from]} within {o.SatelliteDropSeconds:0} s while airborne. Jamming looks like this; so do flying under a bridge or into a building's shadow."),
                ("satellitesAfter", t.Satellites[from]), ("fromAtLeast", o.SatelliteDropFrom), ("withinS", o.SatelliteDropSeconds));
        }
    }

    /// <summary>
    /// Events the autopilot logged: ArduPilot ERR subsystem GPS (11) code 2 = GPS glitch, FAILSAFE_GPS (7), EKFCHECK (16)
    /// code 2 = bad variance, EV 19 LOST_GPS (AP_Logger LogErrorSubsystem / LogEvent); status texts naming jamming,
    /// spoofing or a GPS glitch (ArduPilot "GPS Glitch", PX4 health reports).
    /// </summary>
    private static void Events(SourceTrack t, FindingList findings)
    {
        foreach (var e in t.Log.Events)
        {
            var (kind, why) = Classify(e.Text);
            if (kind is null)
            {
                continue;
            }

            int at = IntegrityChecks.SampleAtOffset(t, e.SourceOffset);
            findings.Add(new Finding
            {
                Kind = kind,
                Severity = Severity.Low,
                StartUtc = e.TimeUtc ?? t.Utc(at),
                EndUtc = e.TimeUtc ?? t.Utc(at),
                Sources = [t.Label],
                Evidence = [EvidenceFigure.Of("event", e.Text)],
                SourceOffsets = [e.SourceOffset],
                Explanation = F($"The autopilot logged \"{e.Text}\": {why}"),
            });
        }
    }

    internal static (string? Kind, string Why) Classify(string text)
    {
        if (text.Contains("(resolved)", StringComparison.Ordinal) || text.Contains("cleared", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "");
        }

        if (text.Contains("jamm", StringComparison.OrdinalIgnoreCase))
        {
            return (FindingKinds.GnssJammingIndicator, "the receiver reported interference.");
        }

        if (text.Contains("spoof", StringComparison.OrdinalIgnoreCase))
        {
            return (FindingKinds.GnssSpoofingIndicator, "the receiver reported signals it judged counterfeit.");
        }

        if (text.Contains("GPS Glitch", StringComparison.OrdinalIgnoreCase) || text.StartsWith("ERR GPS (11) code 2", StringComparison.Ordinal))
        {
            return (FindingKinds.GnssSpoofingIndicator, "GNSS positions disagreed with the inertial estimate (a glitch: multipath or spoofing).");
        }

        if (text.StartsWith("ERR EKFCHECK (16) code 2", StringComparison.Ordinal) || text.Contains("EKF variance", StringComparison.OrdinalIgnoreCase))
        {
            return (FindingKinds.GnssSpoofingIndicator, "the estimator found its sensors inconsistent (bad GNSS, compass or vibration; spoofing is one cause).");
        }

        if (text.StartsWith("ERR FAILSAFE_GPS (7)", StringComparison.Ordinal) || text.Contains("LOST_GPS", StringComparison.Ordinal))
        {
            return (FindingKinds.GnssJammingIndicator, "the GNSS fix was lost in flight (jamming is one cause).");
        }

        if (text.StartsWith("ERR CRASH_CHECK (12)", StringComparison.Ordinal) || text.StartsWith("Crash", StringComparison.OrdinalIgnoreCase))
        {
            return (FindingKinds.CrashIndicator, "the autopilot's own crash check fired.");
        }

        return (null, "");
    }
}
