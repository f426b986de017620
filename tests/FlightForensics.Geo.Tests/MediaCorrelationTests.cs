using System.Text;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting.Exports;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// Synthetic flights and media with a known camera clock offset: the flight follows a curve (so that position
/// determines time), the media sample the same curve at their own times and carry the camera's clock.
/// </summary>
public sealed class MediaCorrelationTests
{
    private static readonly SyntheticFrame Frame = new(47.5, 8.5);

    /// <summary>The flight path: a Lissajous curve in metres, a function of seconds after <see cref="SyntheticFrame.T0"/>.</summary>
    private static (double East, double North) Path(double t) => (300 * Math.Sin(t / 60), 200 * Math.Sin(t / 37));

    private static FlightLog Flight(double seconds = 600, double? gimbalPitch = null) => SyntheticFrame.Log(
        Enumerable.Range(0, (int)seconds + 1).Select(i =>
        {
            var (e, n) = Path(i);
            return Frame.Sample(e, n, i, heightAboveTakeoff: 80, offset: i * 100, gimbalPitch: gimbalPitch);
        }));

    /// <summary>Media samples at flight times <paramref name="times"/>, stamped with a camera clock <paramref name="clockAheadSeconds"/> ahead of UTC.</summary>
    private static FlightLog MediaLog(IEnumerable<double> times, double clockAheadSeconds, bool positioned = true, double eastShift = 0,
        double? gimbalPitch = null, double? gimbalYaw = null, string name = "media")
    {
        var samples = times.Select((t, i) =>
        {
            var (e, n) = Path(t);
            var s = Frame.Sample(e + eastShift, n, t, heightAboveTakeoff: 80, offset: 1000 + i, gimbalPitch: gimbalPitch, gimbalYaw: gimbalYaw);
            s = s with { TimeUtc = SyntheticFrame.T0.AddSeconds(t + clockAheadSeconds), ElapsedSeconds = null };
            return positioned ? s : s with { LatitudeDegrees = null, LongitudeDegrees = null };
        });
        return new FlightLog
        {
            Evidence = new EvidenceFile { FileName = name, FullPath = name, Bytes = 0, Sha256 = new string('2', 64) },
            FormatId = "media",
            DecoderName = "synthetic",
            DecoderVersion = "0",
            Samples = [.. samples],
            Summary = new SampleSummary(),
        };
    }

    private static MediaInput Input(FlightLog log, string kind = "video-frame", string? group = null, bool examiner = false, double? focal = null) => new()
    {
        File = log.Evidence.FileName,
        Sha256 = log.Evidence.Sha256,
        Format = kind == "photo" ? "photo" : "dji-srt",
        Log = log,
        Kind = kind,
        ClockGroup = group,
        ExaminerOffset = examiner,
        ExaminerOffsetSeconds = examiner ? 3600 : null,
        FocalLength35mm = focal,
    };

    private static IEnumerable<double> Range(double from, double to, double step)
    {
        for (var t = from; t <= to + 1e-9; t += step)
        {
            yield return t;
        }
    }

    private static FlightTrack Track(FlightLog flight) => FlightTrack.Build(flight, 30)!;

    [Fact]
    public void SyntheticVideoWithCameraClockOneHourAheadIsPlacedAndTheOffsetRecovered()
    {
        var video = MediaLog(Range(100, 160, 0.1), clockAheadSeconds: 3600, name: "DJI_0001.SRT");
        var result = MediaCorrelator.Correlate(Track(Flight()), [Input(video)]);

        var m = Assert.Single(result.Media);
        Assert.True(m.Matched, m.Reason);
        Assert.Equal("estimated", m.OffsetSource);
        Assert.Equal(3600, m.ClockOffsetSeconds!.Value, 0.05);
        // The flight is sampled at 1 Hz and interpolated linearly: the residual is the chord error of the curve (< 1 m here).
        Assert.InRange(m.ResidualMeters!.Value, 0, 1);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(100), m.FirstUtc!.Value, TimeSpan.FromSeconds(0.05));
        // One frame per second of video for the footprints (61 cues a second apart from 100 s to 160 s).
        Assert.Equal(61, m.Frames);
        Assert.All(result.Frames, f => Assert.Equal("video-frame", f.Kind));
    }

    [Fact]
    public void SyntheticFlightWithUntimedSamplesStillPlacesTheVideo()
    {
        // Every fifth flight sample has a position but no time (as some DJI records do): they are left out of the timeline.
        var flight = SyntheticFrame.Log(Enumerable.Range(0, 601).Select(i =>
        {
            var (e, n) = Path(i);
            return Frame.Sample(e, n, i, heightAboveTakeoff: 80, utc: i % 5 != 3);
        }));
        var video = MediaLog(Range(100, 160, 0.1), clockAheadSeconds: -25200);
        var m = Assert.Single(MediaCorrelator.Correlate(Track(flight), [Input(video)]).Media);
        Assert.True(m.Matched, m.Reason);
        Assert.Equal(-25200, m.ClockOffsetSeconds!.Value, 0.05);
    }

    [Theory]
    [InlineData(-7200)]
    [InlineData(19800)]   // UTC+05:30
    [InlineData(-13 * 3600 - 17.4)]
    public void SyntheticOffsetsAcrossTheSearchWindowAreRecovered(double clockAhead)
    {
        var video = MediaLog(Range(300, 330, 0.5), clockAhead);
        var m = Assert.Single(MediaCorrelator.Correlate(Track(Flight()), [Input(video)]).Media);
        Assert.True(m.Matched, m.Reason);
        Assert.Equal(clockAhead, m.ClockOffsetSeconds!.Value, 0.1);
    }

    [Fact]
    public void SyntheticPhotosOfOneCameraShareOneOffsetAndAPhotoWithoutGpsGetsIt()
    {
        var flight = Flight();
        var photos = new[] { 50.0, 170, 333, 480 }.Select((t, i) => Input(MediaLog([t], 3600, name: $"DJI_{i:0000}.JPG"), "photo", group: "camera-1")).ToList();
        photos.Add(Input(MediaLog([250], 3600, positioned: false, name: "DJI_NOGPS.JPG"), "photo", group: "camera-1"));

        var result = MediaCorrelator.Correlate(Track(flight), photos);

        Assert.All(result.Media, m => Assert.True(m.Matched, m.Reason));
        Assert.All(result.Media, m => Assert.Equal(3600, m.ClockOffsetSeconds!.Value, 0.05));
        var noGps = result.Media.Single(m => m.File == "DJI_NOGPS.JPG");
        Assert.Null(noGps.ResidualMeters);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(250), noGps.FirstUtc!.Value, TimeSpan.FromSeconds(0.05));
        Assert.Equal(5, result.Frames.Count);
    }

    [Fact]
    public void SyntheticPhotosFromSeveralFlightsOfOneCameraStillPlaceThisFlightsPhotos()
    {
        // Eight photos of the same camera from other flights (hours later, elsewhere) and three of this flight.
        var inputs = new List<MediaInput>();
        foreach (var (t, i) in new[] { 80.0, 260, 420 }.Select((t, i) => (t, i)))
        {
            inputs.Add(Input(MediaLog([t], 3600, name: $"this_{i}.JPG"), "photo", group: "camera-1"));
        }

        for (var i = 0; i < 8; i++)
        {
            inputs.Add(Input(MediaLog([5000 + (i * 700)], 3600, eastShift: 3000, name: $"other_{i}.JPG"), "photo", group: "camera-1"));
        }

        var result = MediaCorrelator.Correlate(Track(Flight()), inputs);

        Assert.All(result.Media.Where(m => m.File.StartsWith("this_", StringComparison.Ordinal)), m =>
        {
            Assert.True(m.Matched, m.Reason);
            Assert.Equal(3600, m.ClockOffsetSeconds!.Value, 0.05);
        });
        Assert.All(result.Media.Where(m => m.File.StartsWith("other_", StringComparison.Ordinal)), m =>
        {
            Assert.False(m.Matched);
            Assert.Contains("does not overlap", m.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void SyntheticMediaWithoutPositionFallBackToTheStatedClockAndSaySo()
    {
        var video = MediaLog(Range(100, 110, 1), clockAheadSeconds: 0, positioned: false);
        var m = Assert.Single(MediaCorrelator.Correlate(Track(Flight()), [Input(video)]).Media);
        Assert.True(m.Matched, m.Reason);
        Assert.Equal("stated", m.OffsetSource);
        Assert.Equal(0, m.ClockOffsetSeconds);
        Assert.Contains("no position", m.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticMediaOutsideTheFlightAreReportedNotDropped()
    {
        var flight = Flight();
        // Two days later: no offset within ±14 h overlaps.
        var late = MediaLog(Range(100, 130, 1), clockAheadSeconds: 2 * 86400, name: "late.SRT");
        // Without position and one hour off: the stated clock does not overlap.
        var unpositioned = MediaLog(Range(100, 130, 1), clockAheadSeconds: 3 * 3600, positioned: false, name: "nogps.SRT");
        var result = MediaCorrelator.Correlate(Track(flight), [Input(late), Input(unpositioned)]);

        Assert.Equal(2, result.Media.Count);
        Assert.All(result.Media, m => Assert.False(m.Matched));
        Assert.Contains("no time overlap", result.Media[0].Reason, StringComparison.Ordinal);
        Assert.Contains("does not overlap the flight", result.Media[1].Reason, StringComparison.Ordinal);
        Assert.Empty(result.Frames);
    }

    [Fact]
    public void SyntheticMediaFromElsewhereAreNotMatched()
    {
        // The same shape of path, 5 km east: every offset leaves kilometres between media and flight.
        var elsewhere = MediaLog(Range(100, 160, 0.5), 3600, eastShift: 5000);
        var m = Assert.Single(MediaCorrelator.Correlate(Track(Flight()), [Input(elsewhere)]).Media);
        Assert.False(m.Matched);
        Assert.Contains("positions disagree", m.Reason, StringComparison.Ordinal);
        Assert.True(m.ResidualMeters > 4000);
    }

    [Fact]
    public void SyntheticExaminerOffsetIsUsedAsStated()
    {
        // Times already converted with the examiner's offset (here correctly): no estimate, offset reported as given.
        var video = MediaLog(Range(200, 210, 1), clockAheadSeconds: 0);
        var m = Assert.Single(MediaCorrelator.Correlate(Track(Flight()), [Input(video, examiner: true)]).Media);
        Assert.True(m.Matched, m.Reason);
        Assert.Equal("examiner", m.OffsetSource);
        Assert.Equal(3600, m.ClockOffsetSeconds);
        Assert.InRange(m.ResidualMeters!.Value, 0, 1);
    }

    [Fact]
    public void SyntheticMediaAgainstAFlightWithoutUtcOrPositionsAreReported()
    {
        var video = MediaLog(Range(100, 110, 1), 0);
        var noUtc = SyntheticFrame.Log([Frame.Sample(0, 0, 0, utc: false), Frame.Sample(10, 0, 1, utc: false)]);
        var m = Assert.Single(MediaCorrelator.Correlate(Track(noUtc), [Input(video)]).Media);
        Assert.False(m.Matched);
        Assert.Contains("no UTC", m.Reason, StringComparison.Ordinal);

        var none = Assert.Single(MediaCorrelator.Correlate(null, [Input(video), new MediaInput { File = "x", Sha256 = "", Format = "unknown", Problem = "not media" }]).Media.Take(1));
        Assert.False(none.Matched);
    }

    [Fact]
    public void SyntheticCapturesFromMediaNameTheFileAndUseItsPose()
    {
        // The flight log has no gimbal state; the video (gimbal straight down) and a photo do. A 40 m site under the track at 120 s.
        var flight = Flight();
        var (e, n) = Path(120);
        var site = SyntheticFrame.Feature("site", "energy", Frame.Square(e, n, 40));
        var video = MediaLog(Range(110, 130, 0.1), 3600, gimbalPitch: -90, gimbalYaw: 0, name: "DJI_0002.SRT");
        var photo = MediaLog([120], 3600, gimbalPitch: -90, gimbalYaw: 0, name: "DJI_0003.JPG");
        var options = new CheckOptions { Media = [Input(video, focal: 24), Input(photo, "photo", group: "cam", focal: 24)] };

        var result = InfrastructureCheck.Run(flight, [SyntheticFrame.Layer(site)], options);

        Assert.Equal(2, result.Media.Count(m => m.Matched));
        var fromVideo = Assert.Single(result.Captures, c => c.Kind == "video-frame");
        Assert.Equal("DJI_0002.SRT", fromVideo.MediaFile);
        Assert.True(fromVideo.Frames > 1);
        var fromPhoto = Assert.Single(result.Captures, c => c.Kind == "photo");
        Assert.Equal("DJI_0003.JPG", fromPhoto.MediaFile);
        // Nadir at 80 m over the site: the slant range is the height.
        Assert.Equal(80, fromPhoto.SlantRangeMeters, 1);
        Assert.Equal(SyntheticFrame.T0.AddSeconds(120), fromPhoto.Utc!.Value, TimeSpan.FromSeconds(0.05));
        Assert.Equal("flat", fromPhoto.Ground);

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            CheckJson.WriteCheck(w, result, options);
        }

        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var media = doc.RootElement.GetProperty("media");
        Assert.Equal(2, media.GetArrayLength());
        foreach (var name in new[] { "file", "sha256", "format", "clockOffsetS", "residualM", "matched", "reason" })
        {
            Assert.True(media[0].TryGetProperty(name, out _), name);
        }

        Assert.Contains(doc.RootElement.GetProperty("captures").EnumerateArray(), c => c.GetProperty("mediaFile").GetString() == "DJI_0003.JPG");
    }

    [Fact]
    public void SyntheticUnmatchedMediaAppearInTheNotes()
    {
        var late = MediaLog(Range(100, 130, 1), clockAheadSeconds: 2 * 86400, name: "late.SRT");
        var result = InfrastructureCheck.Run(Flight(), [], new CheckOptions { Media = [Input(late)] });
        Assert.False(Assert.Single(result.Media).Matched);
        Assert.Contains(result.Notes, n => n.Contains("late.SRT", StringComparison.Ordinal));
    }
}
