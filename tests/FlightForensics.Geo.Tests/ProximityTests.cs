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
