using System.Buffers.Binary;
using FlightForensics.Geo.Analysis;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// Camera rays marched against a synthetic SRTM tile with a known ramp, checked against the intersection computed by hand.
/// </summary>
public sealed class TerrainRayTests : IDisposable
{
    private const double Rad = Math.PI / 180;
    private static readonly GeometryFactory s_factory = new();
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// Synthetic 3″ tile N47E008: flat at 500 m up to column 600 (longitude 8.5°), then rising 20 m per column eastwards.
    /// Bilinear interpolation of a grid linear in the column is exactly linear in longitude on the ramp.
    /// </summary>
    private string RampTile()
    {
        var bytes = new byte[1201 * 1201 * 2];
        for (var row = 0; row < 1201; row++)
        {
            for (var col = 0; col < 1201; col++)
            {
                BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * ((row * 1201) + col)), (short)(col <= 600 ? 500 : 500 + (20 * (col - 600))));
            }
        }

        return _files.Write("N47E008.hgt", bytes);
    }

    private sealed record Setup(SrtmElevationModel Dem, LocalProjection Projection, double RampStartEast, double SlopePerMetre)
    {
        public double Terrain(double east, double north)
        {
            var (lat, lon) = Projection.Inverse(east, north);
            return Dem.HeightMeters(lat, lon);
        }
    }

    /// <summary>The camera stands at column 590.5 (9.5 columns, about 596 m, west of the ramp), latitude 47.5.</summary>
    private Setup Build()
    {
        var dem = SrtmElevationModel.Load([RampTile()]);
        var projection = new LocalProjection(47.5, 8 + (590.5 / 1200));
        var rampStart = projection.Forward(47.5, 8.5).East;
        var metresPerColumn = projection.Forward(47.5, 8.5 + (1.0 / 1200)).East - rampStart;
        return new Setup(dem, projection, rampStart, 20 / metresPerColumn);
    }

    /// <summary>
    /// Corner ray of a camera looking east (yaw 90°, roll 0) at pitch p, by hand: forward (N, E, D) = (0, cos p, −sin p),
    /// right = (−1, 0, 0) (south), image-down = forward × right = (0, sin p, cos p); corner = forward + a·th·right + b·tv·down.
    /// </summary>
    private static (double N, double E, double D) Corner(double pitchDeg, double hfovDeg, double vfovDeg, int a, int b)
    {
        var p = pitchDeg * Rad;
        var th = Math.Tan(hfovDeg * Rad / 2);
        var tv = Math.Tan(vfovDeg * Rad / 2);
        return (-a * th, Math.Cos(p) + (b * tv * Math.Sin(p)), -Math.Sin(p) + (b * tv * Math.Cos(p)));
    }

    /// <summary>
    /// Where a ray from 100 m above the 500 m plain meets the ground: on the plain at horizontal distance s = 100·h/D if
    /// that point lies west of the ramp, else on the ramp 500 + k·(x − x0): 600 − s·D/h = 500 + k·(s·E/h − x0).
    /// </summary>
    private static (double East, double North) HandHit((double N, double E, double D) r, double rampStart, double k)
    {
        var h = Math.Sqrt((r.N * r.N) + (r.E * r.E));
        var s = r.D > 0 ? 100 * h / r.D : double.PositiveInfinity;
        if (!(s * r.E / h <= rampStart))
        {
            s = (100 + (k * rampStart)) / ((r.D + (k * r.E)) / h);
        }

        return (s * r.E / h, s * r.N / h);
    }

    private static void AssertHasVertexNear(Polygon polygon, (double East, double North) expected, double tolerance)
    {
        var nearest = polygon.Coordinates.Min(c => Math.Sqrt(Math.Pow(c.X - expected.East, 2) + Math.Pow(c.Y - expected.North, 2)));
        Assert.True(nearest <= tolerance, $"no footprint corner within {tolerance} m of ({expected.East:F2}, {expected.North:F2}); nearest {nearest:F2} m");
    }

    [Fact]
    public void SyntheticRampRaysStopAtTheFirstTerrainIntersection()
    {
        var setup = Build();
        const double pitch = -5, hfov = 20, vfov = 15;
        Assert.Equal(500, setup.Terrain(0, 0), 6);

        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, pitch, 90, 0, hfov, vfov, 1500, setup.Terrain, 500);

        Assert.False(fp.Oblique);
        Assert.Equal(4, fp.TerrainHits);
        foreach (var (a, b) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) })
        {
            var ray = Corner(pitch, hfov, vfov, a, b);
            var hit = HandHit(ray, setup.RampStartEast, setup.SlopePerMetre);
            AssertHasVertexNear(fp.Polygon, hit, 0.5);
            if (b == -1)
            {
                // The upper image edge points 2.5° above the horizon: it never meets flat ground, but meets the ramp.
                Assert.True(ray.D < 0);
                Assert.True(hit.East > setup.RampStartEast);
            }
            else
            {
                // The lower image edge meets the plain before the ramp.
                Assert.True(hit.East < setup.RampStartEast);
            }
        }
    }

    [Fact]
    public void SyntheticRampOnFlatGroundTheSameViewIsObliqueAndCut()
    {
        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, -5, 90, 0, 20, 15, 1500);
        Assert.True(fp.Oblique);
        Assert.Equal(0, fp.TerrainHits);
    }

    [Fact]
    public void SyntheticRayThatNeverMeetsTheTerrainIsCutAtTheRangeAndOblique()
    {
        var setup = Build();
        // Looking west, over the plain, 5° up: the upper rays rise, the lower ones (tan 7.5° − tan 5° below) meet the
        // plain only beyond 1500 m.
        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, 5, 270, 0, 20, 15, 1500, setup.Terrain, 500);
        Assert.True(fp.Oblique);
        Assert.Equal(0, fp.TerrainHits);
        var farthest = fp.Polygon.Coordinates.Max(c => Math.Sqrt((c.X * c.X) + (c.Y * c.Y)));
        Assert.Equal(1500, farthest, 3);
    }

    [Fact]
    public void SyntheticNadirOverTheRampMeetsTheSlopedGround()
    {
        var setup = Build();
        // Camera 1000 m east of the ramp start, 100 m above the terrain there, looking straight down with 60° x 45°: the
        // east edge meets ground that is higher, the west edge ground that is lower, so the footprint is shifted west.
        var x = setup.RampStartEast + 1000;
        var ground = setup.Terrain(x, 0);
        Assert.Equal(500 + (setup.SlopePerMetre * 1000), ground, 0.5);
        var fp = CameraFootprint.Compute(s_factory, x, 0, 100, -90, 0, 0, 60, 45, 1500, setup.Terrain, ground);
        var env = fp.Polygon.EnvelopeInternal;
        // By hand, for the image's left/right edges (east/west with yaw 0 pitch -90: right = east): along east the ray
        // drops 1/tan30° per metre; it meets the ramp where 100 − u/tan30° = k·u (east, u > 0) or k·u (u < 0).
        var t30 = Math.Tan(30 * Rad);
        var k = setup.SlopePerMetre;
        Assert.Equal(x + (100 / ((1 / t30) + k)), env.MaxX, 0.5);
        Assert.Equal(x - (100 / ((1 / t30) - k)), env.MinX, 0.5);
    }

    [Fact]
    public void SyntheticCheckWithTerrainReportsTerrainFootprints()
    {
        var setup = Build();
        var frame = new SyntheticFrame(47.5, 8 + (590.5 / 1200));
        // A hover 100 m above takeoff over the plain with the camera looking east at the ramp; a site on the ramp.
        var site = SyntheticFrame.Feature("slope-site", "energy", frame.Square(setup.RampStartEast + 300, 0, 100));
        var log = SyntheticFrame.Log([
            frame.Sample(0, 0, 0, heightAboveTakeoff: 100, gimbalPitch: -5, gimbalYaw: 90, photo: true),
            frame.Sample(0, 0, 1, heightAboveTakeoff: 100, gimbalPitch: -5, gimbalYaw: 90),
        ]);
        var options = new CheckOptions { Terrain = setup.Dem, Camera = CameraOptions.Default with { HorizontalFovDegrees = 20, VerticalFovDegrees = 15 } };

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], options);

        var capture = Assert.Single(result.Captures);
        Assert.Equal("terrain", capture.Ground);
        Assert.False(capture.Oblique);
        Assert.Contains(result.Notes, n => n.Contains("met the DEM", StringComparison.Ordinal));

        // On flat ground the upper rays never meet the ground: whatever that view covers comes from rays cut at 1500 m (oblique).
        var flat = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], options with { Terrain = null });
        Assert.All(flat.Captures, c => Assert.True(c.Oblique));
    }

    [Fact]
    public void SyntheticTruncatedTileIsSkippedWithItsSizeAndTheCheckFallsBackToFlatGround()
    {
        var wrong = _files.Write("N10E010.hgt", new byte[(1201 * 1201 * 2) - 2]);
        var dem = SrtmElevationModel.Load([wrong]);
        Assert.Empty(dem.Tiles);
        Assert.Contains(dem.Diagnostics, d => d.Contains("2884800 bytes", StringComparison.Ordinal));

        var frame = new SyntheticFrame(10.5, 10.5);
        var site = SyntheticFrame.Feature("s", "energy", frame.Square(0, 0, 40));
        var log = SyntheticFrame.Log([frame.Sample(0, 0, 0, heightAboveTakeoff: 60, photo: true, gimbalPitch: -90), frame.Sample(10, 0, 1, heightAboveTakeoff: 60)]);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { Terrain = dem });

        var capture = Assert.Single(result.Captures);
        Assert.Equal("flat", capture.Ground);
        Assert.Contains(result.Notes, n => n.StartsWith("elevation model: N10E010.hgt not used:", StringComparison.Ordinal));
    }

    /// <summary>
    /// Synthetic 3″ tile N47E008: 500 m plain with a 200 m ridge from column 600 to 610 (700 m); the camera stands at
    /// column 595 (about 313 m west of the ridge's foot), 100 m above the plain, looking east 10° down through a narrow
    /// field of view. On flat ground the view would land h/tan 10° = 567 m east, beyond the ridge; the ray meets the
    /// ridge's west face first: 600 − s·tan 10° = 500 + 200·(s − s599)/w, w the width of one column, s599 the foot.
    /// </summary>
    [Fact]
    public void SyntheticRidgeStopsTheViewOnItsNearFaceAndGivesHeightAboveGroundOverIt()
    {
        var bytes = new byte[1201 * 1201 * 2];
        for (var i = 0; i < 1201 * 1201; i++)
        {
            var col = i % 1201;
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * i), (short)(col is >= 600 and <= 610 ? 700 : 500));
        }

        var dem = SrtmElevationModel.Load([_files.Write("N47E008.hgt", bytes)]);
        var projection = new LocalProjection(47.5, 8 + (595.0 / 1200));
        var foot = projection.Forward(47.5, 8 + (599.0 / 1200)).East;
        var width = projection.Forward(47.5, 8 + (600.0 / 1200)).East - foot;
        var t = Math.Tan(10 * Rad);
        var expected = (100 + (200 * foot / width)) / (t + (200 / width));
        Assert.True(expected < 100 / t);

        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, -10, 90, 0, 0.01, 0.01, 1500,
            (x, y) => { var (lat, lon) = projection.Inverse(x, y); return dem.HeightMeters(lat, lon); }, 500, 2);

        Assert.Equal(4, fp.TerrainHits);
        Assert.Equal(expected, fp.Polygon.Centroid.X, 0);

        // Height above ground over the ridge: takeoff on the plain at column 595, 300 m above takeoff at column 605.
        var frame = new SyntheticFrame(47.5, 8 + (595.0 / 1200));
        var over = frame.Projection.Forward(47.5, 8 + (605.0 / 1200)).East;
        var site = SyntheticFrame.Feature("ridge-site", "energy", frame.Square(over, 0, 60));
        var log = SyntheticFrame.Log([frame.Sample(0, 0, 0, heightAboveTakeoff: 0), frame.Sample(over, 0, 25, heightAboveTakeoff: 300), frame.Sample(over, 0, 50, heightAboveTakeoff: 300)]);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { Terrain = dem });
        // 500 + 300 − 700 = 100 m above the ridge top at the hover point; heights above ground are interpolated between
        // samples (0 m at takeoff), so at the entry 30 m west of it: 100·(over − 30)/over. Flat ground would give 300.
        Assert.Equal(100 * (over - 30) / over, Assert.Single(result.Overflights).MinHeightAboveGroundMeters!.Value, 1);
    }
}
