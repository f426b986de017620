using FlightForensics.Geo.Analysis;
using Xunit;

namespace FlightForensics.Geo.Tests;

public sealed class ProximityTests
{
    private readonly SyntheticFrame _frame = new();

    [Fact]
    public void SyntheticMastPassedAt40MetresIsACloseApproachAtTheClosestTime()
    {
        // Track along y = 40 from x = -100 (0 s) to x = 100 (20 s): closest to the mast at (0, 0) is 40 m at 10 s.
        var mast = SyntheticFrame.Feature("node/5", "telecom", _frame.PointAt(0, 0), "Mast");
        var log = SyntheticFrame.Log([_frame.Sample(-100, 40, 0, offset: 10), _frame.Sample(100, 40, 20, offset: 20)]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(mast)]);

        Assert.Empty(result.Overflights); // telecom point radius is 15 m
        var close = Assert.Single(result.Proximity);
        Assert.Equal(40.0, close.ClosestApproachMeters, 2);
        Assert.Equal(10.0, close.AtSeconds!.Value, 3);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(10), close.AtUtc!.Value, TimeSpan.FromMilliseconds(2));
        Assert.Equal(50, close.BufferMeters);
    }

    [Fact]
    public void SyntheticSquarePassedLastsWhileWithinTheBufferInterpolatedBetweenSamples()
    {
        // Square [-10, 10] × [30, 50]; track along y = 0 at 10 m/s from x = -500 (0 s), one sample every 7 s (70 m).
        // Distance to the square: 30 for |x| ≤ 10, else √((|x| − 10)² + 30²); within 50 m while |x| ≤ 50 (3-4-5):
        // entry at x = −50 (45 s), exit at x = 50 (55 s).
        var site = SyntheticFrame.Feature("way/9", "security", _frame.Square(0, 40, 20), "Depot");
        var samples = Enumerable.Range(0, 15).Select(i => _frame.Sample(-500 + (70 * i), 0, 7 * i, offset: i));
        var result = InfrastructureCheck.Run(SyntheticFrame.Log(samples), [SyntheticFrame.Layer(site)], new CheckOptions { BufferMetersOverride = 50 });

        var close = Assert.Single(result.Proximity);
        Assert.Equal(30.0, close.ClosestApproachMeters, 2);
        Assert.Equal(45.0, close.EntrySeconds!.Value, 2);
        Assert.Equal(55.0, close.ExitSeconds!.Value, 2);
        Assert.Equal(10.0, close.DurationSeconds!.Value, 2);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(45), close.EntryUtc!.Value, TimeSpan.FromMilliseconds(20));
        Assert.Equal(50, close.BufferMeters);
    }

    [Fact]
    public void SyntheticTwoPassesGiveTheStayThatHoldsTheClosestPoint()
    {
        // Mast at the origin, buffer 50: first pass along y = 45 (within 50 for |x| ≤ 21.79), back along y = 30 (|x| ≤ 40).
        // The closest point (30 m) is on the second pass: 80 m, 4 s long at 20 m/s, entered at x = 40 (8 s into the leg).
        var mast = SyntheticFrame.Feature("node/6", "telecom", _frame.PointAt(0, 0), "Mast");
        var log = SyntheticFrame.Log([_frame.Sample(-200, 45, 0), _frame.Sample(200, 45, 20), _frame.Sample(200, 30, 21.5), _frame.Sample(-200, 30, 41.5)]);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(mast)], new CheckOptions { BufferMetersOverride = 50 });

        var close = Assert.Single(result.Proximity);
        Assert.Equal(30.0, close.ClosestApproachMeters, 2);
        Assert.Equal(21.5 + 8, close.EntrySeconds!.Value, 2);
        Assert.Equal(4.0, close.DurationSeconds!.Value, 2);
    }

    [Fact]
    public void SyntheticBufferOverrideBelowDistanceReportsNothing()
    {
        var mast = SyntheticFrame.Feature("node/5", "telecom", _frame.PointAt(0, 0));
        var log = SyntheticFrame.Log([_frame.Sample(-100, 40, 0), _frame.Sample(100, 40, 20)]);

        Assert.Empty(InfrastructureCheck.Run(log, [SyntheticFrame.Layer(mast)], new CheckOptions { BufferMetersOverride = 39 }).Proximity);
        Assert.Single(InfrastructureCheck.Run(log, [SyntheticFrame.Layer(mast)], new CheckOptions { BufferMetersOverride = 41 }).Proximity);
    }

    [Fact]
    public void SyntheticPolygonEdgeDistanceBetweenSamples()
    {
        // Square [-50, 50]²; track along y = 80 → closest approach 30 m to the north side, reached everywhere
        // along x ∈ [-50, 50]; hazmat buffer is 150 m.
        var site = SyntheticFrame.Feature("way/3", "hazmat", _frame.Square(0, 0, 100));
        var log = SyntheticFrame.Log([_frame.Sample(-300, 80, 0), _frame.Sample(300, 80, 24)]);

        var close = Assert.Single(InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)]).Proximity);

        Assert.Equal(30.0, close.ClosestApproachMeters, 2);
        // x = -50 at 10 s, x = 50 at 14 s.
        Assert.InRange(close.AtSeconds!.Value, 10 - 0.01, 14 + 0.01);
    }
}
