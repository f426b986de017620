using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Tests;

public class MapProjectionTests
{
    // Great-circle distance on the same sphere (haversine), written independently of the projection.
    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = MapProjection.EarthRadiusMeters;
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180, dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        double a = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    [Theory]
    [InlineData(52.0, 13.0, 52.01, 13.02)]
    [InlineData(-33.9, 151.2, -33.95, 151.1)]
    [InlineData(0.0, 179.99, 0.01, -179.99)]
    [InlineData(89.99, 0.0, 89.99, 180.0)]
    public void Distance_from_the_centre_is_true(double lat0, double lon0, double lat, double lon)
    {
        var projection = new MapProjection(lat0, lon0);
        var (e, n) = projection.Forward(lat, lon);
        double expected = Haversine(lat0, lon0, lat, lon);
        Assert.Equal(expected, Math.Sqrt((e * e) + (n * n)), 6);
    }

    [Fact]
    public void North_is_up_and_east_is_right_at_the_centre()
    {
        var projection = new MapProjection(52, 13);
        var (e1, n1) = projection.Forward(52.001, 13);
        Assert.True(n1 > 100 && Math.Abs(e1) < 1e-6);
        var (e2, n2) = projection.Forward(52, 13.001);
        Assert.True(e2 > 60 && Math.Abs(n2) < 0.01);
    }

    [Fact]
    public void Centre_of_a_track_across_the_antimeridian_is_on_it_not_at_zero()
    {
        var projection = MapProjection.Centered([new LonLat(179.999, 10), new LonLat(-179.999, 10)]);
        Assert.True(Math.Abs(Math.Abs(projection.CenterLongitudeDegrees) - 180) < 1e-6, projection.CenterLongitudeDegrees.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (eA, _) = projection.Forward(10, 179.999);
        var (eB, _) = projection.Forward(10, -179.999);
        Assert.True(Math.Abs(eA - eB) < 300, "the two sides must be about 220 m apart, not the width of the Earth");
    }

    [Fact]
    public void Centre_of_points_around_a_pole_is_the_pole()
    {
        var projection = MapProjection.Centered([new LonLat(0, 89.999), new LonLat(90, 89.999), new LonLat(180, 89.999), new LonLat(-90, 89.999)]);
        Assert.True(projection.CenterIsPolar);
    }

    [Fact]
    public void No_positions_gives_a_default_centre()
    {
        var projection = MapProjection.Centered([]);
        Assert.Equal(0, projection.CenterLatitudeDegrees);
    }
}
