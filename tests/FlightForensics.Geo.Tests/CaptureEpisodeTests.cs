using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>Capture episodes: grouping in time and coverage of the feature, against rectangles worked out by hand.</summary>
public sealed class CaptureEpisodeTests
{
    // Nadir footprint of the default camera (24 mm equivalent, 4:3) at 100 m: half-width 100·17.3064/24, half-depth 100·12.9798/24
    // (half the 43.27 mm diagonal of the 36 × 24 mm frame split 4:3).
    private const double HalfWidth = 100 * 17.3064 / 24;
    private const double HalfDepth = 100 * 12.9798 / 24;

    private static FlightEvent Photo(double seconds) => new() { Kind = FlightEventKind.Photo, TimeUtc = SyntheticFrame.T0.AddSeconds(seconds) };

    [Fact]
    public void SyntheticTwoNadirPhotosCoverTheUnionOfTheirFootprintsAndALaterPhotoStartsAnotherEpisode()
    {
        var frame = new SyntheticFrame();
        // Site 200 × 200 m centred 100 m east: x 0…200, y −100…100. Flight east along y = 0 at 2 m/s, 100 m up, camera down.
        var site = SyntheticFrame.Feature("way/1", "security", frame.Square(100, 0, 200), "Yard");
        var log = SyntheticFrame.Log(
            Enumerable.Range(0, 21).Select(i => frame.Sample(i * 10, 0, i * 5, heightAboveTakeoff: 100, gimbalPitch: -90, gimbalYaw: 0)),
            [Photo(0), Photo(20), Photo(95)]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { BufferMetersOverride = 0 });

        Assert.Equal(3, result.Captures.Count);
        Assert.Equal(2, result.CaptureEpisodes.Count);
        var first = result.CaptureEpisodes[0];
        Assert.Equal(2, first.Photos);
        Assert.Equal(0, first.VideoFrames);
        Assert.Equal(20.0, first.DurationSeconds!.Value, 3);
        Assert.Equal(SyntheticFrame.T0, first.StartUtc);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(20), first.EndUtc);
        // Photos at x = 0 and x = 40: together they see x 0…40 + HalfWidth of the site, over the full depth 2·HalfDepth.
        Assert.Equal((40 + HalfWidth) * 2 * HalfDepth / 40_000, first.CoverageFraction!.Value, 3);
        Assert.Equal(100.0, first.MinSlantRangeMeters, 3);
        Assert.NotNull(first.Coverage);
        // Third photo at x = 190: sees x 190 − HalfWidth … 200 of the site.
        var second = result.CaptureEpisodes[1];
        Assert.Equal(1, second.Photos);
        Assert.Equal(0.0, second.DurationSeconds!.Value, 3);
        Assert.Equal((10 + HalfWidth) * 2 * HalfDepth / 40_000, second.CoverageFraction!.Value, 3);
    }

    [Fact]
    public void SyntheticVideoRunIsOneEpisodeWithItsFramesAndSweptCoverage()
    {
        var frame = new SyntheticFrame();
        // Site 40 × 400 m along the track (x −20…20, y 0…400); flying north 10 m/s, 100 m up, nadir video at one frame per
        // second: the frames sweep y −HalfDepth … 600 + HalfDepth, so the whole site is seen.
        var site = SyntheticFrame.Feature("way/2", "energy", frame.Polygon((-20, 0), (20, 0), (20, 400), (-20, 400)), "Line yard");
        var samples = Enumerable.Range(0, 61).Select(i => frame.Sample(0, i * 10, i, heightAboveTakeoff: 100, gimbalPitch: -90, gimbalYaw: 0, video: true));

        var result = InfrastructureCheck.Run(SyntheticFrame.Log(samples), [SyntheticFrame.Layer(site)], new CheckOptions { BufferMetersOverride = 0 });

        var episode = Assert.Single(result.CaptureEpisodes);
        Assert.Equal(0, episode.Photos);
        // In view while −HalfDepth ≤ y − 0 and y − HalfDepth ≤ 400: y from 0 to 400 + HalfDepth, at 10 m per frame.
        var expectedFrames = (int)Math.Floor((400 + HalfDepth) / 10) + 1;
        Assert.Equal(expectedFrames, episode.VideoFrames);
        Assert.Equal(1.0, episode.CoverageFraction!.Value, 6);
        Assert.Equal((expectedFrames - 1) * 1.0, episode.DurationSeconds!.Value, 3);
    }
}
