using FlightForensics.Core.Model;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// One media file (video subtitles, a photo) to place on the flight, already decoded into the telemetry model by the
/// caller: Geo does not read file formats. <see cref="Log"/> is null when the file could not be used as media; then
/// <see cref="Problem"/> says why and the file is still reported.
/// </summary>
public sealed record MediaInput
{
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required string Format { get; init; }
    public FlightLog? Log { get; init; }
    public string? Problem { get; init; }

    /// <summary><c>photo</c> (each sample is one still) or <c>video-frame</c> (samples are frames of one video).</summary>
    public string Kind { get; init; } = "photo";

    /// <summary>Media with the same group (the same camera) share one clock-offset estimate; null: the file alone.</summary>
    public string? ClockGroup { get; init; }

    /// <summary>What the media's <c>TimeUtc</c> values are, in words (e.g. "camera clock, no time zone, read as UTC").</summary>
    public string ClockBasis { get; init; } = "stated clock";

    /// <summary>The times were converted with the examiner's clock offset: they are used as they are, not estimated.</summary>
    public bool ExaminerOffset { get; init; }

    /// <summary>The examiner's offset in seconds (reported as the clock offset when <see cref="ExaminerOffset"/>).</summary>
    public double? ExaminerOffsetSeconds { get; init; }

    /// <summary>35 mm-equivalent focal length the media state (null: <see cref="CameraOptions"/> decide).</summary>
    public double? FocalLength35mm { get; init; }

    /// <summary>Image width over height when the media state it.</summary>
    public double? AspectRatio { get; init; }
    public int? ImageWidthPixels { get; init; }
}

/// <summary>Options of the media-to-flight correlation.</summary>
public sealed record MediaCorrelationOptions
{
    public static MediaCorrelationOptions Default { get; } = new();

    /// <summary>Clock offsets searched: ± this many seconds around the stated clock (time zones reach ±14 h).</summary>
    public double SearchWindowSeconds { get; init; } = 14 * 3600;

    /// <summary>Largest coarse step of the search; the step shrinks for short overlaps (never below 0.25 s).</summary>
    public double CoarseStepSeconds { get; init; } = 1;

    /// <summary>Coarse candidates evaluated at most (the step grows beyond this).</summary>
    public int MaxCoarseSteps { get; init; } = 40_000;

    /// <summary>Positioned media samples used for the coarse search (evenly spaced); the refinement uses all.</summary>
    public int MaxSearchSamples { get; init; } = 300;

    /// <summary>When no offset makes any media position agree with the track, the reported (failed) placement prefers offsets that put at least this fraction inside the flight.</summary>
    public double MinOverlapFraction { get; init; } = 0.5;

    /// <summary>Mean distance between media and flight positions above which the media are not matched; also the inlier distance of the search.</summary>
    public double MaxResidualMeters { get; init; } = 50;
}

/// <summary>How one media file was placed on the flight (the <c>media</c> array of the check JSON).</summary>
public sealed record MediaMatch
{
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required string Format { get; init; }
    public string Kind { get; init; } = "photo";
    public int Samples { get; init; }
    public int PositionedSamples { get; init; }

    /// <summary>Camera clock minus flight clock (UTC), seconds: +3600 means the camera clock runs one hour ahead (a UTC+01:00 clock).</summary>
    public double? ClockOffsetSeconds { get; init; }

    /// <summary><c>estimated</c> (from position agreement), <c>stated</c> (media without position: the clock as stated), <c>examiner</c>.</summary>
    public string? OffsetSource { get; init; }
    public string? ClockBasis { get; init; }

    /// <summary>Mean horizontal distance between media positions and the flight track at media time, metres.</summary>
    public double? ResidualMeters { get; init; }

    /// <summary>Positioned samples the residual was computed from.</summary>
    public int ResidualSamples { get; init; }
    public bool Matched { get; init; }
    public required string Reason { get; init; }

    /// <summary>First and last media time on the flight clock (after the offset).</summary>
    public DateTimeOffset? FirstUtc { get; init; }
    public DateTimeOffset? LastUtc { get; init; }

    /// <summary>Frames (photos, or video frames at the footprint interval) handed to the camera-footprint computation.</summary>
    public int Frames { get; init; }
}

/// <summary>The pose of the camera at one photo or video frame of a media file, on the flight's clock.</summary>
public sealed record MediaFrame
{
    /// <summary><c>photo</c> or <c>video-frame</c>.</summary>
    public required string Kind { get; init; }
    public required string MediaFile { get; init; }

    /// <summary>Seconds on the flight track's clock (after its first UTC).</summary>
    public double FlightSeconds { get; init; }
    public DateTimeOffset? Utc { get; init; }
    public double? LatitudeDegrees { get; init; }
    public double? LongitudeDegrees { get; init; }
    public double? HeightAboveTakeoffMeters { get; init; }
    public double? GimbalPitchDegrees { get; init; }
    public double? GimbalYawDegrees { get; init; }
    public double? GimbalRollDegrees { get; init; }
    public double? YawDegrees { get; init; }
    public double? FocalLength35mm { get; init; }
    public double? AspectRatio { get; init; }
    public int? ImageWidthPixels { get; init; }

    /// <summary>Byte offset in the media file of the record (cue, metadata segment).</summary>
    public long SourceOffset { get; init; }
}

/// <summary>Result of <see cref="MediaCorrelator"/>: one match per media file and the frames of the matched ones.</summary>
public sealed record MediaCorrelation(IReadOnlyList<MediaMatch> Media, IReadOnlyList<MediaFrame> Frames);
