using FlightForensics.Core.Model;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Tests.SyntheticFlight;

namespace FlightForensics.Verification.Tests;

/// <summary>Two synthetic sources of one flight, the second edited; each edit must be found with its size.</summary>
public class CrossSourceSyntheticTests
{
    private static VerifyResult Pair(List<TelemetrySample> b) => new Verifier().Verify([Log(Samples(), "a.log"), Log(b, "b.log")]);

    private static double Figure(Finding f, string name) => f.Evidence.Single(e => e.Name == name).Number!.Value;

    [Fact]
    public void Synthetic_identical_sources_agree_exactly_and_have_no_edit_finding()
    {
        var result = Pair(Samples());
        Assert.Equal(0, result.Alignment[1].ClockOffsetSeconds);
        var agree = Assert.Single(result.Agreement);
        Assert.Equal(0, agree.MedianHorizontalMeters);
        Assert.InRange(agree.OverlapSeconds, 119, 120);
        Assert.DoesNotContain(result.Findings, f => FindingKinds.EditKinds.Contains(f.Kind) || f.Kind == FindingKinds.NotSameFlight);
    }

    [Fact]
    public void Synthetic_stretch_removed_from_one_source_is_a_deleted_segment()
    {
        var b = Samples();
        b.RemoveRange(At(50), At(10));
        var result = Pair(b);
        var deleted = Assert.Single(result.Findings, f => f.Kind == FindingKinds.DeletedSegment);
        Assert.Equal(["b.log", "a.log"], deleted.Sources);
        Assert.Equal(10.1, Figure(deleted, "missingS"), 3);
        Assert.Equal(100, Figure(deleted, "samplesInOtherSource")); // 50.0 .. 59.9 s at 10 Hz
        Assert.Equal(Severity.High, deleted.Severity);
    }

    [Fact]
    public void Synthetic_clock_moved_three_seconds_is_a_time_shift_of_three_seconds()
    {
        var b = Samples().Select(s => s with { TimeUtc = s.TimeUtc!.Value.AddSeconds(3) }).ToList();
        var result = Pair(b);
        Assert.Equal(3.0, result.Alignment[1].ClockOffsetSeconds!.Value, 2);
        Assert.True(result.Alignment[1].Confidence > 0.8);
        var shift = Assert.Single(result.Findings, f => f.Kind == FindingKinds.TimeShift);
        Assert.Equal(3.0, Figure(shift, "clockOffsetS"), 2);
        Assert.True(Assert.Single(result.Agreement).MedianHorizontalMeters < 0.5);
    }

    [Fact]
    public void Synthetic_positions_moved_30_m_east_are_a_position_offset()
    {
        var b = Samples().Select(s => s with { LongitudeDegrees = s.LongitudeDegrees + (30 / MetersPerDegreeLon) }).ToList();
        var result = Pair(b);
        var offset = Assert.Single(result.Findings, f => f.Kind == FindingKinds.PositionOffset);
        Assert.Equal(30, Figure(offset, "offsetM"), 0);
        Assert.Equal(90, Figure(offset, "bearingDeg"), 0);
        Assert.Equal(30, Assert.Single(result.Agreement).MedianHorizontalMeters!.Value, 0);
        Assert.Equal(0, result.Alignment[1].ClockOffsetSeconds!.Value, 2);
    }

    [Fact]
    public void Synthetic_stretch_where_one_track_wanders_is_a_position_divergence()
    {
        var b = Samples();
        for (int i = At(60); i < At(70); i++)
        {
            b[i] = b[i] with { LatitudeDegrees = b[i].LatitudeDegrees + (100 / MetersPerDegreeLat) };
        }

        var result = Pair(b);
        var divergence = Assert.Single(result.Findings, f => f.Kind == FindingKinds.PositionDivergence);
        Assert.Equal(100, Figure(divergence, "maxApartM"), 0);
        Assert.Equal(0, result.Alignment[1].ClockOffsetSeconds);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKinds.PositionOffset);
    }

    [Fact]
    public void Synthetic_other_day_and_place_is_not_the_same_flight_with_the_figures()
    {
        var b = Samples(start: Start.AddDays(1), latOffsetDeg: 0.1);
        var result = Pair(b);
        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKinds.NotSameFlight);
        Assert.Equal(86400 - 119.9, Figure(finding, "timeApartS"), 1);
        Assert.InRange(Figure(finding, "closestApproachM"), 10_700, 10_720); // 0.1° of latitude (11,119.5 m) less the circle's 400 m north-south extent
        Assert.Null(result.Alignment[1].ClockOffsetSeconds);
    }

    [Fact]
    public void Synthetic_single_source_without_positions_and_many_sources_do_not_fail()
    {
        var noPositions = Samples().Select(s => s with { LatitudeDegrees = null, LongitudeDegrees = null }).ToList();
        var result = new Verifier().Verify([Log(noPositions, "dark.log"), Log(Samples(30), "short.log")]);
        Assert.Contains(result.Findings, f => f.Kind == FindingKinds.NoGnssFix && f.Sources[0] == "dark.log");
        Assert.StartsWith("none", result.Alignment[0].Method, StringComparison.Ordinal);

        var many = Enumerable.Range(0, 200).Select(k => Log(Samples(20), "same.log")).ToList();
        var big = new Verifier().Verify(many);
        Assert.Equal(200, big.Sources.Select(s => s.File).Distinct().Count()); // same.log, same.log#2, ...
        Assert.Equal(199, big.Agreement.Count);
        Assert.Empty(new Verifier().Verify([]).Findings);
    }
}
