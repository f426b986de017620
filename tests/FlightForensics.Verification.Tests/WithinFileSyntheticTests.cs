using FlightForensics.Core.Model;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Tests.SyntheticFlight;

namespace FlightForensics.Verification.Tests;

/// <summary>One injected defect per test on an otherwise consistent synthetic flight; each must be found where it was put.</summary>
public class WithinFileSyntheticTests
{
    private static VerifyResult Run(List<TelemetrySample> samples, Action<Core.Decoding.FlightLogSink>? more = null) =>
        new Verifier().Verify([Log(samples, more: more)]);

    private static Finding Single(VerifyResult result, string kind)
    {
        var found = result.Findings.Where(f => f.Kind == kind).ToList();
        Assert.True(found.Count == 1, $"expected one {kind}, got {found.Count}: {string.Join(" | ", result.Findings.Select(f => f.Kind + ": " + f.Explanation))}");
        return found[0];
    }

    private static double Figure(Finding f, string name) => f.Evidence.Single(e => e.Name == name).Number!.Value;

    [Fact]
    public void Synthetic_clean_flight_has_no_medium_or_high_finding()
    {
        var result = Run(Samples());
        Assert.DoesNotContain(result.Findings, f => f.Severity >= Severity.Medium);
        Assert.Single(result.Sources);
        Assert.Equal(1200, result.Sources[0].Samples);
    }

    [Fact]
    public void Synthetic_gap_in_the_air_is_found_with_its_length_and_offsets()
    {
        var s = Samples();
        s.RemoveRange(At(40), At(8)); // 8 s missing from 40 s on: samples at 39.9 s and 48.0 s remain
        var gap = Single(Run(s), FindingKinds.Gap);
        Assert.Equal(8.1, Figure(gap, "gapS"), 3);
        Assert.Equal(Severity.Medium, gap.Severity);
        Assert.Equal(T(39.9), gap.StartUtc);
        Assert.Equal(T(48), gap.EndUtc);
        Assert.Equal([1000 + (399 * 100L), 1000 + (480 * 100L)], gap.SourceOffsets);
    }

    [Fact]
    public void Synthetic_time_backwards_step_is_found()
    {
        var s = Samples();
        s[At(50)] = s[At(50)] with { TimeUtc = s[At(50)].TimeUtc!.Value.AddSeconds(-3) };
        var back = Single(Run(s), FindingKinds.TimeBackwards);
        Assert.Equal(2.9, Figure(back, "stepBackS"), 3); // from 49.9 s to 47.0 s
        Assert.Equal(Severity.Medium, back.Severity);
    }

    [Fact]
    public void Synthetic_clock_jump_with_continuous_positions_is_a_time_jump_not_a_gap()
    {
        var s = Samples();
        for (int i = At(60); i < s.Count; i++)
        {
            s[i] = s[i] with { TimeUtc = s[i].TimeUtc!.Value.AddSeconds(6) };
        }

        var result = Run(s);
        var jump = Single(result, FindingKinds.TimeJump);
        Assert.Equal(6.1, Figure(jump, "stepS"), 3);
        Assert.Equal(1.0, Figure(jump, "movedM"), 1); // 0.1 s at 10 m/s
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKinds.Gap);
    }

    [Fact]
    public void Synthetic_copied_stretch_is_a_duplicate_stretch()
    {
        var s = Samples();
        for (int k = 0; k < 50; k++)
        {
            // 5 s of positions from 30 s on, replayed at 80 s with the later times.
            s[At(80) + k] = s[At(30) + k] with { TimeUtc = s[At(80) + k].TimeUtc, SourceOffset = s[At(80) + k].SourceOffset };
        }

        var dup = Single(Run(s), FindingKinds.DuplicateStretch);
        Assert.Equal(50, Figure(dup, "samples"));
        Assert.Equal(30, Figure(dup, "originalStartElapsedS"), 3);
        Assert.Equal(T(80), dup.StartUtc);
    }

    [Fact]
    public void Synthetic_checksum_failures_are_placed_on_the_timeline()
    {
        var s = Samples();
        long at70 = s[At(70)].SourceOffset + 10;
        var result = Run(s, sink =>
        {
            sink.AddDiagnostic(at70, DiagnosticKind.Crc, "bad crc", 40);
            sink.AddDiagnostic(at70 + 100, DiagnosticKind.Crc, "bad crc", 40);
        });
        var crc = Single(result, FindingKinds.Checksum);
        Assert.Equal(T(70), crc.StartUtc);
        Assert.Equal(T(70.1), crc.EndUtc);
        Assert.Equal([at70, at70 + 100], crc.SourceOffsets);
        Assert.Equal(80, Figure(crc, "bytesAffected"));
    }

    [Fact]
    public void Synthetic_position_jump_is_a_teleport()
    {
        var s = Samples();
        var p = s[At(65)];
        s[At(65)] = p with { LatitudeDegrees = p.LatitudeDegrees + (500 / MetersPerDegreeLat) };
        var result = Run(s);
        var teleports = result.Findings.Where(f => f.Kind == FindingKinds.Teleport).ToList();
        Assert.Equal(2, teleports.Count); // out and back
        Assert.All(teleports, f => Assert.InRange(Figure(f, "distanceM"), 495, 505));
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKinds.ImpossibleSpeed);
    }

    [Fact]
    public void Synthetic_reported_speed_beyond_the_airframe_is_impossible_speed()
    {
        var s = Samples();
        for (int i = At(50); i < At(53); i++)
        {
            s[i] = s[i] with { GroundSpeedMetersPerSecond = 80 };
        }

        var speed = Single(Run(s), FindingKinds.ImpossibleSpeed);
        Assert.Equal(80, Figure(speed, "maxReportedSpeedMps"));
    }

    [Fact]
    public void Synthetic_reported_speed_that_positions_contradict_is_a_mismatch()
    {
        var s = Samples();
        for (int i = At(40); i < At(52); i++)
        {
            s[i] = s[i] with { GroundSpeedMetersPerSecond = 0 };
        }

        var mismatch = Single(Run(s), FindingKinds.PositionVelocityMismatch);
        Assert.InRange(Figure(mismatch, "derivedMps"), 9.5, 10.5); // the circle flown at 10 m/s
        Assert.Equal(0, Figure(mismatch, "reportedMps"));
    }

    [Fact]
    public void Synthetic_gps_altitude_drifting_from_baro_is_altitude_divergence()
    {
        var s = Samples();
        for (int i = At(60); i < At(70); i++)
        {
            s[i] = s[i] with { AltitudeMslMeters = s[i].AltitudeMslMeters + 1300 };
        }

        var div = Single(Run(s), FindingKinds.AltitudeDivergence);
        Assert.Equal(1300, Figure(div, "maxDivergenceM"), 1);
        Assert.Equal(GroundMsl, Figure(div, "usualDifferenceM"), 1);
    }

    [Fact]
    public void Synthetic_lost_fix_in_the_air_is_medium_no_gnss_fix()
    {
        var s = Samples();
        for (int i = At(50); i < At(60); i++)
        {
            s[i] = s[i] with { GpsFix = GpsFix.NoFix, Satellites = 2 };
        }

        var noFix = Single(Run(s), FindingKinds.NoGnssFix);
        Assert.Equal(Severity.Medium, noFix.Severity);
        Assert.Equal(2, Figure(noFix, "minSatellites"));
        Assert.Equal(9.9, Figure(noFix, "durationS"), 3);
    }

    [Fact]
    public void Synthetic_log_cut_at_40_m_ends_airborne()
    {
        var s = Samples().Take(At(60)).ToList();
        var end = Single(Run(s), FindingKinds.EndsAirborne);
        Assert.Equal(40, Figure(end, "heightAboveTakeoffM"));
        Assert.Equal(Severity.Medium, end.Severity);
    }

    [Fact]
    public void Synthetic_roll_beyond_limits_and_a_fall_are_crash_indicators()
    {
        var s = Samples(90).Take(At(64)).ToList();
        for (int i = At(55); i < At(58); i++)
        {
            s[i] = s[i] with { RollDegrees = 95 };
        }

        for (int i = At(60); i < s.Count; i++)
        {
            // Falls from 40 m at 15 m/s from 60 s on, reaching the ground at 62.7 s, where the log ends.
            double h = Math.Max(0, 40 - (15 * ((i - At(60)) / Rate)));
            s[i] = s[i] with { HeightAboveTakeoffMeters = h, AltitudeMslMeters = GroundMsl + h };
        }

        var crash = Run(s).Findings.Where(f => f.Kind == FindingKinds.CrashIndicator).OrderBy(f => f.StartUtc).ToList();
        Assert.Equal(2, crash.Count);
        Assert.Equal(95, Figure(crash[0], "maxAbsRollDeg"));
        Assert.Equal(15, Figure(crash[1], "maxDescentMps"), 1);
        Assert.All(crash, f => Assert.Equal(Severity.Medium, f.Severity));
    }

    [Fact]
    public void Synthetic_satellite_collapse_and_receiver_reports_are_gnss_indicators()
    {
        var s = Samples();
        for (int i = At(70); i < At(75); i++)
        {
            s[i] = s[i] with { Satellites = 1, GpsFix = null };
        }

        var result = Run(s, sink =>
        {
            sink.AddEvent(new FlightEvent { Kind = FlightEventKind.Error, Text = "ERR GPS (11) code 2", SourceOffset = s[At(30)].SourceOffset, TimeUtc = T(30) });
            sink.AddEvent(new FlightEvent { Kind = FlightEventKind.Warning, Text = "GPS jamming detected", SourceOffset = s[At(31)].SourceOffset, TimeUtc = T(31) });
            sink.AddEvent(new FlightEvent { Kind = FlightEventKind.Other, Text = "ERR GPS (11) code 0 (resolved)", SourceOffset = s[At(32)].SourceOffset, TimeUtc = T(32) });
        });
        var jamming = result.Findings.Where(f => f.Kind == FindingKinds.GnssJammingIndicator).OrderBy(f => f.StartUtc).ToList();
        Assert.Equal(2, jamming.Count);
        Assert.Equal(T(31), jamming[0].StartUtc);
        Assert.Equal(T(70), jamming[1].StartUtc);
        var spoofing = Single(result, FindingKinds.GnssSpoofingIndicator);
        Assert.Equal([s[At(30)].SourceOffset], spoofing.SourceOffsets);
    }

    [Fact]
    public void Synthetic_logger_dropouts_and_mavlink_sequence_loss_are_sequence_gaps()
    {
        var s = Samples();
        var result = Run(s, sink =>
        {
            sink.AddDiagnostic(s[At(44)].SourceOffset + 5, DiagnosticKind.Gap, "dropout of 120 ms");
            sink.AddCounter("mavlink", "v2", 900);
            sink.AddCounter("mavlink", "sequenceLost", 100);
        });
        var gaps = result.Findings.Where(f => f.Kind == FindingKinds.SequenceGap).ToList();
        Assert.Equal(2, gaps.Count);
        var counted = gaps.Single(f => f.Evidence.Any(e => e.Name == "packetsLost"));
        Assert.Equal(0.1, Figure(counted, "lostFraction"), 6); // 100 of 1,000 sent
        Assert.Contains(gaps, f => f.StartUtc == T(44));
    }
}
