using FlightForensics.Geo.Layers;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// The shortcut that skips NTS's full validity check must never call an invalid polygon valid. Checked against
/// <see cref="IsValidOp"/> on random small rings built to hit the hard cases: bow-ties, spikes, vertices touching
/// edges, repeated and collinear vertices, snapped to a coarse grid so that touching and collinearity really occur.
/// </summary>
public sealed class SimpleShellTests
{
    private static readonly GeometryFactory s_factory = new(new PrecisionModel(), 4326);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Synthetic_random_rings_the_shortcut_accepts_are_all_valid_by_IsValidOp(int seed)
    {
        var random = new Random(seed);
        int accepted = 0, validByNts = 0, invalidByNts = 0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var n = random.Next(3, 12);
            var grid = random.Next(2) == 0 ? 4 : 1000; // a 4×4 grid makes degenerate rings common
            var coords = new List<Coordinate>();
            for (var k = 0; k < n; k++)
            {
                if (k > 0 && random.Next(10) == 0)
                {
                    coords.Add(coords[^1].Copy()); // repeated vertex
                    continue;
                }

                if (grid == 1000)
                {
                    // Mostly star-shaped rings around a centre (usually valid), sometimes shuffled (usually not).
                    var angle = (2 * Math.PI * k / n) + (random.NextDouble() * 0.3);
                    var radius = 0.2 + random.NextDouble();
                    coords.Add(new Coordinate(Math.Round(radius * Math.Cos(angle) * grid) / grid, Math.Round(radius * Math.Sin(angle) * grid) / grid));
                }
                else
                {
                    coords.Add(new Coordinate(random.Next(grid), random.Next(grid)));
                }
            }

            if (grid == 1000 && random.Next(5) == 0)
            {
                var i = random.Next(coords.Count);
                var j = random.Next(coords.Count);
                (coords[i], coords[j]) = (coords[j], coords[i]);
            }

            coords.Add(coords[0].Copy());
            if (coords.Count < 4)
            {
                continue;
            }

            var polygon = s_factory.CreatePolygon([.. coords]);
            var valid = new IsValidOp(polygon).IsValid;
            if (valid)
            {
                validByNts++;
            }
            else
            {
                invalidByNts++;
            }

            if (SimpleShell.IsProvenValid(polygon))
            {
                accepted++;
                Assert.True(valid, $"shortcut accepted an invalid polygon: {polygon}");
            }
        }

        // Both kinds must really occur, and the shortcut must decide most valid rings (else it saves nothing).
        Assert.True(invalidByNts > 2_000, $"only {invalidByNts} invalid rings generated");
        Assert.True(accepted > validByNts * 0.6, $"shortcut accepted {accepted} of {validByNts} valid rings");
    }

    [Fact]
    public void Hand_made_cases_bow_tie_spike_touching_vertex_and_holes_go_to_the_full_check()
    {
        Assert.True(SimpleShell.IsProvenValid(Polygon((0, 0), (4, 0), (4, 4), (0, 4))));
        Assert.True(SimpleShell.IsProvenValid(Polygon((0, 0), (4, 0), (4, 0), (4, 4), (0, 4)))); // repeated vertex: still valid
        Assert.False(SimpleShell.IsProvenValid(Polygon((0, 0), (4, 4), (4, 0), (0, 4)))); // bow-tie
        Assert.False(SimpleShell.IsProvenValid(Polygon((0, 0), (4, 0), (4, 4), (4, 6), (4, 4), (0, 4)))); // spike
        Assert.False(SimpleShell.IsProvenValid(Polygon((0, 0), (4, 0), (2, 2), (4, 4), (0, 4), (2, 2)))); // self-touching
        Assert.False(SimpleShell.IsProvenValid(Polygon((0, 0), (2, 0), (4, 0), (4, 4), (0, 4)))); // collinear: left to NTS
        Assert.False(SimpleShell.IsProvenValid(Polygon((0, 0), (4, 0), (0, 0)))); // two distinct vertices
        var shell = s_factory.CreateLinearRing([new(0, 0), new(9, 0), new(9, 9), new(0, 9), new(0, 0)]);
        var hole = s_factory.CreateLinearRing([new(1, 1), new(2, 1), new(2, 2), new(1, 1)]);
        Assert.False(SimpleShell.IsProvenValid(s_factory.CreatePolygon(shell, [hole])));
    }

    private static Polygon Polygon(params (double X, double Y)[] points) =>
        s_factory.CreatePolygon([.. points.Select(p => new Coordinate(p.X, p.Y)), new Coordinate(points[0].X, points[0].Y)]);
}
