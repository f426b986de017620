using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

public sealed class CameraFootprintTests
{
    private static readonly GeometryFactory s_factory = new();

    [Fact]
    public void NadirFootprintAt100MetresWith24mmIs144By108()
    {
        // 24 mm equivalent, 4:3: HFOV = 2·atan(17.31/24), VFOV = 2·atan(12.98/24); width = 2·h·tan(HFOV/2).
        var camera = CameraOptions.Default;
        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, -90, 0, 0, camera.HorizontalFov, camera.VerticalFov, 1500);

        var env = fp.Polygon.EnvelopeInternal;
        Assert.False(fp.Oblique);
        Assert.Equal(2 * 100 * 17.306 / 24, env.Width, 1);
        Assert.Equal(2 * 100 * 12.98 / 24, env.Height, 1);
        Assert.Equal(env.Width * env.Height, fp.Polygon.Area, 0);
    }

    [Fact]
    public void Oblique45DegreePitchNearAndFarEdges()
    {
        // Pitch -45°, yaw 0 (north), h = 100: the top and bottom image edges meet the ground at
        // h·(1 ± tv)/(1 ∓ tv) north of the drone, tv = tan(VFOV/2).
        var camera = CameraOptions.Default;
        var tv = Math.Tan(camera.VerticalFov * Math.PI / 360);
        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, -45, 0, 0, camera.HorizontalFov, camera.VerticalFov, 5000);

        Assert.False(fp.Oblique);
        Assert.Equal(100 * (1 + tv) / (1 - tv), fp.Polygon.EnvelopeInternal.MaxY, 3);
        Assert.Equal(100 * (1 - tv) / (1 + tv), fp.Polygon.EnvelopeInternal.MinY, 3);
    }

    [Fact]
    public void YawTurnsTheFootprintClockwiseFromNorth()
    {
        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, -45, 90, 0, 60, 45, 5000);
        Assert.True(fp.Polygon.Centroid.X > 50);
        Assert.Equal(0, fp.Polygon.Centroid.Y, 6);
    }

    [Fact]
    public void LevelCameraIsObliqueAndCutAtTheRangeLimit()
    {
        var fp = CameraFootprint.Compute(s_factory, 0, 0, 100, 0, 0, 0, 60, 45, 1000);
        Assert.True(fp.Oblique);
        // The cut corners lie at the range limit from the drone, along their own horizontal direction.
        var farthest = fp.Polygon.Coordinates.Max(c => Math.Sqrt((c.X * c.X) + (c.Y * c.Y)));
        Assert.Equal(1000, farthest, 6);
        // The lower edge (22.5° below the horizon) meets the ground at h / tan(22.5°).
        Assert.Equal(100 / Math.Tan(22.5 * Math.PI / 180), fp.Polygon.EnvelopeInternal.MinY, 3);
    }

    [Fact]
    public void UnboundedOnlyWhenARayIsAtOrAboveTheHorizonNotWhenTheGroundIsMerelyFar()
    {
        // Pitch −45°, VFOV 45°: the top edge is 22.5° below the horizon and meets the ground 241 m out.
        var far = CameraFootprint.Compute(s_factory, 0, 0, 100, -45, 0, 0, 60, 45, 150);
        var level = CameraFootprint.Compute(s_factory, 0, 0, 100, -10, 0, 0, 60, 45, 1000);

        Assert.True(far.Oblique);
        Assert.False(far.Unbounded);
        // Pitch −10°, VFOV 45°: the top edge points 12.5° above the horizon.
        Assert.True(level.Unbounded);
    }

    [Fact]
    public void SyntheticPhotoEventOverSiteIsACaptureWithSlantRangeEqualToHeight()
    {
        var frame = new SyntheticFrame();
        // Site 400 m east, flown past at 300 m distance: no overflight, but a nadir photo taken above it sees it.
        var site = SyntheticFrame.Feature("way/42", "security", frame.Square(400, 0, 40), "Prison");
        var log = SyntheticFrame.Log(
            [
                frame.Sample(0, 0, 0, heightAboveTakeoff: 80, gimbalPitch: -90, gimbalYaw: 0),
                frame.Sample(800, 0, 20, heightAboveTakeoff: 80, gimbalPitch: -90, gimbalYaw: 0),
            ],
            [new FlightEvent { Kind = FlightEventKind.Photo, TimeUtc = SyntheticFrame.T0.AddSeconds(10), SourceOffset = 777 }]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { Camera = CameraOptions.Default with { ImageWidthPixels = 4000 } });

        var capture = Assert.Single(result.Captures);
        Assert.Equal("photo", capture.Kind);
        Assert.Equal(80.0, capture.SlantRangeMeters, 2);
        Assert.Equal(777, capture.SourceOffset);
        Assert.Equal("above-takeoff", capture.HeightReference);
        Assert.Equal(80 * 2 * 17.306 / 24 / 4000, capture.GroundSampleDistanceMeters!.Value, 4);

        // The footprint is in WGS84 around the camera 400 m east: a nadir view 115 × 87 m (24 mm, 4:3, 80 m up).
        var footprint = Assert.IsType<Polygon>(capture.Footprint);
        var (lat, lon) = frame.LatLon(400, 0);
        Assert.Equal(lat, capture.CameraLatitudeDegrees!.Value, 7);
        Assert.Equal(lon, capture.CameraLongitudeDegrees!.Value, 7);
        Assert.True(footprint.Contains(SyntheticFrame.Wgs84.CreatePoint(new Coordinate(lon, lat))));
        Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(footprint.ExteriorRing.Coordinates));
        Assert.Equal(footprint.ExteriorRing.Coordinates[0], footprint.ExteriorRing.Coordinates[^1]);
        Assert.Equal("assumption", capture.FovSource);
        Assert.False(capture.Unbounded);
    }

    [Fact]
    public void SyntheticVideoRunIsOneCaptureWithFrameCount()
    {
        var frame = new SyntheticFrame();
        var site = SyntheticFrame.Feature("way/43", "energy", frame.Square(0, 300, 20));
        // Flying north at 10 m/s, 50 m up, camera nadir: the 20 m site (y 290..310) is under the 72 m-deep footprint
        // (half-depth 27 m) while y ∈ [263, 337]: about 8 one-second frames.
        var samples = Enumerable.Range(0, 61).Select(i => frame.Sample(0, i * 10, i, heightAboveTakeoff: 50, gimbalPitch: -90, video: true));
        var result = InfrastructureCheck.Run(SyntheticFrame.Log(samples), [SyntheticFrame.Layer(site)]);

        var capture = Assert.Single(result.Captures, c => c.Kind == "video");
        Assert.InRange(capture.Frames, 7, 8);
        Assert.Equal(50.0, capture.SlantRangeMeters, 1);
        Assert.NotNull(capture.LastUtc);
    }

    [Fact]
    public void SyntheticAssumedPitchMissingYawAndHorizonAreEachStatedWithCounts()
    {
        var frame = new SyntheticFrame();
        var site = SyntheticFrame.Feature("x", "energy", frame.Square(0, 200, 40));
        // Two photo flags, no gimbal data at all; the examiner assumes a pitch of −5° (the upper image edge is above the horizon).
        var log = SyntheticFrame.Log([frame.Sample(0, 0, 0, photo: true), frame.Sample(0, 10, 1), frame.Sample(0, 20, 2, photo: true), frame.Sample(0, 30, 3)]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { Camera = CameraOptions.Default with { AssumedGimbalPitchDegrees = -5 } });

        Assert.Contains("2 camera moment(s) without gimbal pitch in the log used the examiner's assumed pitch of -5° (--assume-gimbal-pitch)", result.Notes);
        // The synthetic samples state neither heading nor course.
        Assert.Contains("2 camera moment(s) without gimbal yaw: the aircraft's heading stood in for 0, its course over ground for 0, north was assumed for 2", result.Notes);
        Assert.Contains(result.Notes, n => n.StartsWith("2 footprint(s) reach the horizon", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("2 camera moment(s) without height above ground", StringComparison.Ordinal));
        Assert.NotEmpty(result.Captures);
        Assert.All(result.Captures, c => Assert.True(c.Unbounded));
    }

    [Fact]
    public void SyntheticNoGimbalPitchSkipsWithNote()
    {
        var frame = new SyntheticFrame();
        var site = SyntheticFrame.Feature("x", "energy", frame.Square(0, 0, 20));
        var log = SyntheticFrame.Log([frame.Sample(0, 0, 0, photo: true), frame.Sample(10, 0, 1)]);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)]);
        Assert.Empty(result.Captures);
        Assert.Contains(result.Notes, n => n.Contains("no gimbal pitch", StringComparison.Ordinal));
    }
}
