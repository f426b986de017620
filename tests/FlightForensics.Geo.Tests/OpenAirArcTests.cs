using System.Globalization;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// OpenAir circles and arcs become polygons whose edges stay within LayerReadOptions.ArcMaxChordErrorMeters (1 m) of
/// the true circle: fewer points for small radii, more for large ones, between 8 and 720 per full circle.
/// </summary>
public sealed class OpenAirArcTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Vertices of a Synthetic circle of <paramref name="nauticalMiles"/> and the largest gap, in metres,
    /// between the circle and an edge (radius minus the distance from the centre to the edge's midpoint).</summary>
    private (int Vertices, double MaxGapMeters, double MaxVertexOffMeters) Circle(double nauticalMiles)
    {
        var path = _files.Write("circle.txt", string.Create(CultureInfo.InvariantCulture,
            $"AC R\nAN Synthetic circle\nV X=47:00:00 N 008:00:00 E\nDC {nauticalMiles}\n"));
        var polygon = Assert.IsType<Polygon>(Assert.Single(LayerReader.Read(path).Features).Geometry);
        var radius = nauticalMiles * 1852;
        var local = new LocalProjection(47, 8).Project(polygon.Shell);
        var c = local.Coordinates;
        double maxGap = 0, maxOff = 0;
        for (var i = 0; i + 1 < c.Length; i++)
        {
            double mx = (c[i].X + c[i + 1].X) / 2, my = (c[i].Y + c[i + 1].Y) / 2;
            maxGap = Math.Max(maxGap, radius - Math.Sqrt((mx * mx) + (my * my)));
            maxOff = Math.Max(maxOff, Math.Abs(radius - Math.Sqrt((c[i].X * c[i].X) + (c[i].Y * c[i].Y))));
        }

        return (c.Length - 1, maxGap, maxOff);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.8)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(50)]
    public void Synthetic_circle_edges_stay_within_one_metre_of_the_circle(double nauticalMiles)
    {
        var (vertices, maxGap, maxOff) = Circle(nauticalMiles);

        Assert.InRange(maxGap, 0, 1.0 + 1e-6);
        Assert.InRange(maxOff, 0, 1e-3); // the vertices themselves lie on the circle
        // Not more points than the rule needs: one step fewer would exceed the 1 m.
        var fewer = 2 * Math.PI / (vertices - 1);
        Assert.True(maxGap > 0.5, $"gap {maxGap} m with {vertices} points");
        Assert.True(nauticalMiles * 1852 * (1 - Math.Cos(fewer / 2)) > 1.0, $"{vertices} points where {vertices - 1} would do");
    }

    [Fact]
    public void Synthetic_tiny_and_huge_circles_keep_8_and_720_points()
    {
        Assert.Equal(8, Circle(0.0001).Vertices);
        var huge = Circle(500);
        Assert.Equal(720, huge.Vertices);
        // Beyond about 105 km the cap wins: the gap is then r·(1 − cos 0.25°), 8.8 m at 926 km.
        Assert.InRange(huge.MaxGapMeters, 8.0, 9.5);
    }

    [Fact]
    public void Synthetic_negative_or_infinite_radius_drops_the_airspace_with_a_diagnostic()
    {
        var path = _files.Write("bad.txt", "AC R\nAN Minus\nV X=47:00:00 N 008:00:00 E\nDC -2\nAC R\nAN Infinite\nV X=47:00:00 N 008:00:00 E\nDC 1e999\n");
        var layer = LayerReader.Read(path);

        Assert.True(layer.Features.Count == 0, string.Join("\n", layer.Diagnostics.Select(d => $"{d.Location}: {d.Message}")));
        Assert.Contains(layer.Diagnostics, d => d.Location == "line 4" && d.Message.Contains("not a distance", StringComparison.Ordinal));
        Assert.Contains(layer.Diagnostics, d => d.Location == "line 8" && d.Message.Contains("not a distance", StringComparison.Ordinal));
    }
}
