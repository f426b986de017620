using FlightForensics.Verification.Model;

namespace FlightForensics.Verification.Tests;

/// <summary>A short source against a long reference: the clock search looks where the two can meet.</summary>
public sealed class LongReferenceTests
{
    [Fact]
    public void Synthetic_one_minute_slice_of_a_two_hour_flight_shifted_3_s_is_aligned_and_reported()
    {
        var all = SyntheticFlight.Samples(seconds: 7200);
        // One minute from an hour in, its clock 3 s ahead (built here, not by the code under test).
        var slice = all.Skip(SyntheticFlight.At(3600)).Take(SyntheticFlight.At(60))
            .Select(s => s with { TimeUtc = s.TimeUtc!.Value.AddSeconds(3) }).ToList();
        var result = new Verifier().Verify([SyntheticFlight.Log(all, "long.log"), SyntheticFlight.Log(slice, "slice.log")]);

        var alignment = Assert.Single(result.Alignment, a => a.Source == "slice.log");
        Assert.True(alignment.ClockOffsetSeconds is not null, alignment.Method);
        Assert.Equal(3.0, alignment.ClockOffsetSeconds!.Value, 0.1);
        var shift = Assert.Single(result.Findings, f => f.Kind == FindingKinds.TimeShift);
        Assert.Equal("slice.log", shift.Sources[0]);
        var pair = Assert.Single(result.Agreement);
        Assert.Equal(60, pair.OverlapSeconds, 1.0);
        Assert.True(pair.MedianHorizontalMeters < 1.0);
    }
}
