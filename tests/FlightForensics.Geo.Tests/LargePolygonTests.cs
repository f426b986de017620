using FlightForensics.Geo.Analysis;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// Issue #24 §2: polygons that span a hemisphere or the whole Earth folded over in the flight's tangent plane: a
/// −150..150° box around a flight gave no overflight but a bogus close approach, ±179.9°/±180° boxes gave nothing,
/// and a whole-Earth polygon a 0 m approach. Expected values come from spherical geometry written here.
/// </summary>
public sealed class LargePolygonTests
{
    private const double EarthRadiusMeters = 6_371_008.8; // IUGG mean radius
    private readonly SyntheticFrame _frame = new(-35.363, 149.165);

    private static Polygon Box(double west, double south, double east, double north) => SyntheticFrame.Wgs84.CreatePolygon(
    [
        new Coordinate(west, south), new Coordinate(east, south), new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south),
    ]);

    private Core.Model.FlightLog Flight() => SyntheticFrame.Log(
    [
        _frame.Sample(-300, -200, 0, offset: 1), _frame.Sample(0, 250, 30, offset: 2), _frame.Sample(300, -100, 60, offset: 3), _frame.Sample(-300, -200, 90, offset: 4),
    ]);

    [Theory]
    [InlineData(-150, -85, 150, 85)]
    [InlineData(-179.9, -85, 179.9, 85)]
    [InlineData(-180, -85, 180, 85)]
    [InlineData(-180, -90, 180, 90)]
    public void SyntheticHemisphereAndWholeEarthBoxesAroundTheFlightAreOneOverflightOfTheWholeFlight(double west, double south, double east, double north)
    {
        var zone = SyntheticFrame.Feature("zone/1", "military", Box(west, south, east, north), "Big zone");
        var result = InfrastructureCheck.Run(Flight(), [SyntheticFrame.Layer(zone)]);

        var pass = Assert.Single(result.Overflights);
        Assert.Equal(SyntheticFrame.T0, pass.EntryUtc);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(90), pass.ExitUtc);
        Assert.Empty(result.Proximity);
    }

    [Fact]
    public void SyntheticContinentSizedBoxBesideTheFlightIsAsCloseAsTheSphereSays()
    {
        // West edge is the meridian 0.0025° east of the flight's easternmost point; the box reaches 80° S and 10° N
        // and 25° east: its far corners fold over the tangent plane unless the box is cut near the flight.
        var samples = Flight().Samples;
        double maxLon = samples.Max(s => s.LongitudeDegrees!.Value);
        double edge = maxLon + 0.0025;
        var zone = SyntheticFrame.Feature("zone/2", "military", Box(edge, -80, edge + 25, 10), "Beside");
        var result = InfrastructureCheck.Run(Flight(), [SyntheticFrame.Layer(zone)], new CheckOptions { BufferMetersOverride = 1000 });

        // Distance from a point to a meridian on the sphere: R·asin(cos φ · sin Δλ); the closest sample is the
        // easternmost (the track's straight segments bulge no further east than their ends).
        var east = samples.MaxBy(s => s.LongitudeDegrees!.Value)!;
        double expected = EarthRadiusMeters * Math.Asin(Math.Cos(east.LatitudeDegrees!.Value * Math.PI / 180) * Math.Sin((edge - east.LongitudeDegrees!.Value) * Math.PI / 180));
        Assert.Empty(result.Overflights);
        var close = Assert.Single(result.Proximity);
        Assert.Equal(expected, close.ClosestApproachMeters, expected * 0.005); // sphere vs ellipsoid: well under 0.5 %
    }

    [Fact]
    public void SyntheticSmallFeaturesAreNotCut()
    {
        var small = Box(149.1, -35.4, 149.2, -35.3);
        var window = new Envelope(149.0, 149.3, -35.5, -35.2);
        Assert.Same(small, GeographicClip.ToWindow(small, window));
        var big = Box(-150, -85, 150, 85);
        Assert.True(window.Covers(GeographicClip.ToWindow(big, window).EnvelopeInternal));
    }
}
