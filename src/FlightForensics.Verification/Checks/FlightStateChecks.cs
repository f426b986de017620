using FlightForensics.Core.Model;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.Checks;

/// <summary>How the flight ends and whether it crashed: last samples in the air, attitude beyond limits, sudden descent.</summary>
internal static class FlightStateChecks
{
    /// <summary>Seconds after a fast descent within which reaching the ground (or the log's end) makes it a fall.</summary>
    private const double CrashFollowSeconds = 10.0;

    public static void Run(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        EndsAirborne(t, o, findings);
        Attitude(t, o, findings);
        SuddenDescent(t, o, findings);
    }

    private static void EndsAirborne(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        if (t.Count < 2)
        {
            return;
        }

        int last = t.Count - 1;
        var (height, source) = HeightAt(t, last);
        double speed = !double.IsNaN(t.GroundSpeed[last]) ? t.GroundSpeed[last] : double.NaN;
        bool high = height > o.EndsAirborneHeightMeters;
        bool moving = height > o.AirborneHeightMeters && speed > o.EndsAirborneSpeedMetersPerSecond;
        if (!high && !moving)
        {
            return;
        }

        // A landing or disarm logged after the last position says the flight did end on the ground.
        double lastTime = t.Time[last];
        if (t.Log.Events.Any(e => e.Kind is FlightEventKind.Landing or FlightEventKind.Disarm && e.SourceOffset > t.Offset[last]))
        {
            return;
        }

        // Video subtitles and photos stop when the camera stops, a Remote ID capture when the receiver stops or the
        // aircraft leaves its range: ending in the air is what they normally do.
        bool camera = t.Log.FormatId is "dji-srt" or "photo" or "remoteid-capture";
        findings.Add(t, FindingKinds.EndsAirborne, camera ? Severity.Info : Severity.Medium, last, last,
            F($"The last sample is {height:0.#} m above takeoff{(double.IsNaN(speed) ? "" : F($" at {speed:0.#} m/s"))}{(camera ? ": the recording stopped in flight (normal for a video clip or a broadcast capture)." : ": the log ends while airborne, with no landing or disarm logged. The logger lost power (a crash, a battery failure) or the file was cut short.")}"),
            ("heightAboveTakeoffM", Math.Round(height, 2)), ("groundSpeedMps", double.IsNaN(speed) ? double.NaN : Math.Round(speed, 2)),
            EvidenceFigure.Of("heightSource", source), ("lastElapsedS", Math.Round(lastTime - t.Time[0], 3)));
    }

    /// <summary>Height above takeoff, or (where a source has none) MSL altitude above its first value.</summary>
    private static (double Height, string Source) HeightAt(SourceTrack t, int i)
    {
        if (!double.IsNaN(t.Hat[i]))
        {
            return (t.Hat[i], "heightAboveTakeoff");
        }

        double first = double.NaN;
        for (int k = 0; k < t.Count && double.IsNaN(first); k++)
        {
            first = t.Msl[k];
        }

        return (t.Msl[i] - first, "altitudeMsl minus first altitudeMsl");
    }

    private static void Attitude(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        bool Beyond(int i) => (Math.Abs(t.Roll[i]) > o.CrashAttitudeDegrees || Math.Abs(t.Pitch[i]) > o.CrashAttitudeDegrees) && t.IsAirborne(i, o);
        foreach (var (from, to) in Runs.Find(t, Beyond, o.CrashAttitudeMinSeconds, 0.5))
        {
            double roll = 0, pitch = 0;
            for (int i = from; i <= to; i++)
            {
                roll = double.IsNaN(t.Roll[i]) ? roll : Math.Max(roll, Math.Abs(t.Roll[i]));
                pitch = double.IsNaN(t.Pitch[i]) ? pitch : Math.Max(pitch, Math.Abs(t.Pitch[i]));
            }

            double seconds = t.Time[to] - t.Time[from];
            findings.Add(t, FindingKinds.CrashIndicator, Severity.Medium, from, to,
                F($"For {seconds:0.#} s in the air the attitude is beyond {o.CrashAttitudeDegrees:0}° (roll up to {roll:0}°, pitch up to {pitch:0}°): loss of control, a collision or a flip; aerobatics if the airframe does them."),
                ("durationS", Math.Round(seconds, 3)), ("maxAbsRollDeg", Math.Round(roll, 1)), ("maxAbsPitchDeg", Math.Round(pitch, 1)), ("limitDeg", o.CrashAttitudeDegrees));
        }
    }

    private static void SuddenDescent(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        // Height change is measured, a reported vertical speed is a claim (an old APM tlog reports -12 m/s while its
        // height climbs 6 m/s): descent is taken from the height above takeoff where there is one.
        var descent = new double[t.Count];
        int b = 0;
        for (int a = 0; a < t.Count; a++)
        {
            descent[a] = double.IsNaN(t.Hat[a]) && !double.IsNaN(t.VerticalSpeed[a]) ? -t.VerticalSpeed[a] : double.NaN;
            if (double.IsNaN(t.Hat[a]))
            {
                continue;
            }

            b = Math.Max(b, a + 1);
            while (b < t.Count && t.Time[b] - t.Time[a] < o.SpeedBaselineSeconds)
            {
                b++;
            }

            if (b < t.Count && !double.IsNaN(t.Hat[b]) && t.Time[b] - t.Time[a] <= 3 * o.SpeedBaselineSeconds)
            {
                descent[a] = (t.Hat[a] - t.Hat[b]) / (t.Time[b] - t.Time[a]);
            }
        }

        bool Falling(int i) => descent[i] > o.SuddenDescentMetersPerSecond && t.IsAirborne(i, o);
        foreach (var (from, to) in Runs.Find(t, Falling, o.SpeedBaselineSeconds, 0.5))
        {
            double worst = 0;
            for (int i = from; i <= to; i++)
            {
                worst = double.IsNaN(descent[i]) ? worst : Math.Max(worst, descent[i]);
            }

            // A fall ends on the ground or ends the log; a dive that levels off is flown.
            int k = to;
            for (; k < t.Count && t.Time[k] - t.Time[to] <= CrashFollowSeconds; k++)
            {
                if (!double.IsNaN(t.Hat[k]) && t.Hat[k] <= o.AirborneHeightMeters)
                {
                    break;
                }
            }

            bool recovered = k < t.Count && t.Time[k] - t.Time[to] > CrashFollowSeconds;
            findings.Add(t, FindingKinds.CrashIndicator, recovered ? Severity.Low : Severity.Medium, from, to,
                F($"The vehicle descends at up to {worst:0.#} m/s, faster than the {o.SuddenDescentMetersPerSecond:0} m/s a controlled multirotor descent reaches{(recovered ? F($", and is still airborne {CrashFollowSeconds:0} s later: a steep dive it recovered from, or a fall it caught.") : ": and reaches the ground or the end of the log soon after: a fall (motor or power loss, a collision), or a very hard landing.")}"),
                ("maxDescentMps", Math.Round(worst, 2)), ("limitMps", o.SuddenDescentMetersPerSecond),
                ("durationS", Math.Round(t.Time[to] - t.Time[from], 3)));
        }
    }
}
