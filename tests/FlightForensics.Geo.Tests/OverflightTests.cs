using FlightForensics.Geo.Analysis;
using Xunit;

namespace FlightForensics.Geo.Tests;

public sealed class OverflightTests
{
    private readonly SyntheticFrame _frame = new();

    [Fact]
    public void SyntheticSegmentCrossingSquareCornerBetweenTwoSamplesIsAnOverflight()
    {
        // Square [-50, 50]² m. The segment (-100, 20) → (20, -100) lies on x + y = -80: it enters through the west side
        // at (-50, -30) (t = 50/120) and leaves through the south side at (-30, -50) (t = 70/120). Both samples are outside.
        var site = SyntheticFrame.Feature("way/1", "energy", _frame.Square(0, 0, 100), "Substation");
        var log = SyntheticFrame.Log([
            _frame.Sample(-100, 20, 0, heightAboveTakeoff: 50, offset: 100),
            _frame.Sample(20, -100, 12, heightAboveTakeoff: 62, offset: 200),
        ]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)]);

        var pass = Assert.Single(result.Overflights);
        Assert.Equal("way/1", pass.Feature.FeatureId);
        Assert.Equal(5.0, pass.EntrySeconds!.Value, 3);
        Assert.Equal(7.0, pass.ExitSeconds!.Value, 3);
        Assert.Equal(2.0, pass.DurationSeconds!.Value, 3);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(5), pass.EntryUtc!.Value, TimeSpan.FromMilliseconds(2));
        Assert.Equal(55.0, pass.MinHeightAboveTakeoffMeters!.Value, 3);
        Assert.Null(pass.MinHeightAboveGroundMeters);
        Assert.Equal(100, pass.FirstSourceOffset);
        Assert.Equal(200, pass.LastSourceOffset);
        Assert.False(pass.StartedInside);
        var (entryLat, entryLon) = _frame.LatLon(-50, -30);
        Assert.Equal(entryLat, pass.EntryLatitude, 7);
        Assert.Equal(entryLon, pass.EntryLongitude, 7);
        Assert.Empty(result.Proximity);
    }

    [Fact]
    public void SyntheticPassThroughHoleIsTwoPasses()
    {
        // Outer square 200 m with a 100 m hole: a straight east-west line at y = 0 is inside for x in [-100,-50] and [50,100].
        var outer = _frame.Square(0, 0, 200);
        var hole = _frame.Square(0, 0, 100);
        var polygon = SyntheticFrame.Wgs84.CreatePolygon((NetTopologySuite.Geometries.LinearRing)outer.ExteriorRing, [(NetTopologySuite.Geometries.LinearRing)hole.ExteriorRing]);
        var log = SyntheticFrame.Log([_frame.Sample(-200, 0, 0), _frame.Sample(200, 0, 20)]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(SyntheticFrame.Feature("relation/9", "security", polygon))]);

        Assert.Equal(2, result.Overflights.Count);
        // 20 m/s from x = -200 at 0 s.
        Assert.Equal(5.0, result.Overflights[0].EntrySeconds!.Value, 3);
        Assert.Equal(7.5, result.Overflights[0].ExitSeconds!.Value, 3);
        Assert.Equal(12.5, result.Overflights[1].EntrySeconds!.Value, 3);
        Assert.Equal(15.0, result.Overflights[1].ExitSeconds!.Value, 3);
    }

    [Fact]
    public void SyntheticPowerLineCorridorEntryAndExitAtHalfWidth()
    {
        // A north-south power line at x = 0; energy lines count as overflown within 15 m (taxonomy lineHalfWidthM).
        var line = SyntheticFrame.Feature("way/7", "energy", _frame.Line((0, -500), (0, 500)));
        var log = SyntheticFrame.Log([_frame.Sample(-100, 0, 0), _frame.Sample(100, 0, 20)]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(line)]);

        var pass = Assert.Single(result.Overflights);
        Assert.Equal(8.5, pass.EntrySeconds!.Value, 2);
        Assert.Equal(11.5, pass.ExitSeconds!.Value, 2);
        Assert.Equal(15, pass.AreaExpansionMeters);
        Assert.Equal("line", pass.Feature.Geometry);
    }

    [Fact]
    public void SyntheticTrackStartingInsideAndHoveringIsOnePassFromFirstSample()
    {
        var site = SyntheticFrame.Feature("site", "water", _frame.Square(0, 0, 100));
        var log = SyntheticFrame.Log([
            _frame.Sample(0, 0, 0, heightAboveTakeoff: 0),
            _frame.Sample(0, 0, 5, heightAboveTakeoff: 20),
            _frame.Sample(10, 10, 10, heightAboveTakeoff: 30),
            _frame.Sample(200, 10, 20, heightAboveTakeoff: 40),
        ]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)]);

        var pass = Assert.Single(result.Overflights);
        Assert.True(pass.StartedInside);
        Assert.False(pass.EndedInside);
        Assert.Equal(0.0, pass.EntrySeconds!.Value, 6);
        // Leaves at x = 50 on the segment 10 → 200 (t = 40/190) between 10 s and 20 s.
        Assert.Equal(10 + (10 * 40.0 / 190), pass.ExitSeconds!.Value, 3);
        Assert.Equal(0.0, pass.MinHeightAboveTakeoffMeters!.Value, 6);
    }

    [Fact]
    public void SyntheticGapLongerThanLimitIsNotInterpolatedAcross()
    {
        var site = SyntheticFrame.Feature("site", "water", _frame.Square(0, 0, 100));
        var log = SyntheticFrame.Log([_frame.Sample(-200, 0, 0), _frame.Sample(200, 0, 100)]);

        var strict = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { MaxSegmentGapSeconds = 30 });
        var loose = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { MaxSegmentGapSeconds = 120 });

        Assert.Empty(strict.Overflights);
        Assert.Contains(strict.Notes, n => n.Contains("not interpolated", StringComparison.Ordinal));
        Assert.Single(loose.Overflights);
    }

    [Fact]
    public void SyntheticLogWithoutUtcReportsElapsedSecondsOnly()
    {
        var site = SyntheticFrame.Feature("site", "water", _frame.Square(0, 0, 100));
        var log = SyntheticFrame.Log([_frame.Sample(-100, 0, 0, utc: false), _frame.Sample(100, 0, 20, utc: false)]);

        var pass = Assert.Single(InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)]).Overflights);

        Assert.Null(pass.EntryUtc);
        Assert.Equal(5.0, pass.EntrySeconds!.Value, 3);
        Assert.Equal(10.0, pass.DurationSeconds!.Value, 3);
    }

    [Fact]
    public void SyntheticLogWithoutPositionsGivesEmptyResultWithNote()
    {
        var log = SyntheticFrame.Log([new Core.Model.TelemetrySample { ElapsedSeconds = 1 }]);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(SyntheticFrame.Feature("a", "energy", _frame.Square(0, 0, 10)))]);
        Assert.Empty(result.Overflights);
        Assert.Single(result.Notes);
    }
}
