using FlightForensics.Geo.Taxonomy;

namespace FlightForensics.Geo.Analysis;

/// <summary>Options of the infrastructure check, with defaults for the CLI.</summary>
public sealed record CheckOptions
{
    public static CheckOptions Default { get; } = new();

    /// <summary>Close-approach distance for every category (<c>--buffer-m</c>); null uses each category's default.</summary>
    public double? BufferMetersOverride { get; init; }

    /// <summary>Two samples further apart in time than this are not joined by a segment (a logging gap, not a flight line).</summary>
    public double MaxSegmentGapSeconds { get; init; } = 30;

    public CameraOptions Camera { get; init; } = CameraOptions.Default;

    public CategoryTaxonomy Taxonomy { get; init; } = CategoryTaxonomy.Default;

    /// <summary>
    /// Terrain (<c>--dem</c>): where a sample has no height above ground, it is derived as
    /// terrain(takeoff) + height above takeoff − terrain(position), and stated in the notes.
    /// </summary>
    public SrtmElevationModel? Terrain { get; init; }

    /// <summary>Horizontal step (metres) at which camera rays are marched against <see cref="Terrain"/>.</summary>
    public double TerrainStepMeters { get; init; } = 5;

    /// <summary>Media (photos, video subtitle tracks) decoded by the caller, to place on the flight (<c>--media</c>).</summary>
    public IReadOnlyList<MediaInput> Media { get; init; } = [];

    public MediaCorrelationOptions MediaCorrelation { get; init; } = MediaCorrelationOptions.Default;

    /// <summary>How drone-zone limits are compared with the flight's heights.</summary>
    public AirspaceOptions Airspace { get; init; } = AirspaceOptions.Default;
}

/// <summary>How the camera's ground footprint is estimated (flat ground; see docs/geo.md).</summary>
public sealed record CameraOptions
{
    public static CameraOptions Default { get; } = new();

    public bool Enabled { get; init; } = true;

    /// <summary>35 mm-equivalent focal length used when no field of view is given (24 mm: most DJI wide cameras).</summary>
    public double FocalLength35mm { get; init; } = 24;

    /// <summary>Image width over height; 4:3 for most drone stills.</summary>
    public double AspectRatio { get; init; } = 4.0 / 3.0;

    /// <summary>Explicit horizontal field of view in degrees (overrides the focal length).</summary>
    public double? HorizontalFovDegrees { get; init; }

    /// <summary>Explicit vertical field of view in degrees (overrides the focal length).</summary>
    public double? VerticalFovDegrees { get; init; }

    /// <summary>Rays at or above the horizon, or meeting the ground further than this, are cut here and the view marked oblique.</summary>
    public double MaxGroundRangeMeters { get; init; } = 1500;

    /// <summary>Image width in pixels, for the ground sample distance; null leaves it out.</summary>
    public int? ImageWidthPixels { get; init; }

    /// <summary>While video is recording, one footprint per this many seconds.</summary>
    public double VideoFrameIntervalSeconds { get; init; } = 1;

    /// <summary>
    /// Captures of one feature less than this far apart (end of one to start of the next) form one episode. 30 s: the
    /// same limit at which a pause in the log is no longer interpolated (<see cref="CheckOptions.MaxSegmentGapSeconds"/>).
    /// </summary>
    public double EpisodeGapSeconds { get; init; } = 30;

    /// <summary>Gimbal pitch to assume when the log has none (null: such moments are skipped and counted).</summary>
    public double? AssumedGimbalPitchDegrees { get; init; }

    /// <summary>Horizontal field of view in degrees: explicit, or 2·atan(17.31 mm / f35) for a 4:3 frame scaled by the aspect.</summary>
    public double HorizontalFov => HorizontalFovDegrees ?? FromFocal(HalfDiagonal35mm * AspectRatio / Math.Sqrt(1 + (AspectRatio * AspectRatio)));

    public double VerticalFov => VerticalFovDegrees ?? FromFocal(HalfDiagonal35mm / Math.Sqrt(1 + (AspectRatio * AspectRatio)));

    /// <summary>Half the diagonal of the 36 × 24 mm frame (43.27 mm / 2).</summary>
    private const double HalfDiagonal35mm = 21.633;

    private double FromFocal(double halfSizeMm) => 2 * Math.Atan(halfSizeMm / FocalLength35mm) * 180 / Math.PI;
}

/// <summary>Which feature of which layer a result is about.</summary>
public sealed record FeatureReference(string FeatureId, string? Name, string Category, string? Subcategory, string Geometry, string Layer, string LayerSha256);

/// <summary>One continuous stay of the track inside a feature's area (polygon, or corridor/radius of lines and points).</summary>
public sealed record Overflight
{
    public required FeatureReference Feature { get; init; }
    public DateTimeOffset? EntryUtc { get; init; }
    public DateTimeOffset? ExitUtc { get; init; }

    /// <summary>Track seconds (after the first UTC, or elapsed when the log has no UTC) of the interpolated entry and exit.</summary>
    public double? EntrySeconds { get; init; }
    public double? ExitSeconds { get; init; }
    public double? DurationSeconds { get; init; }
    public double? MinHeightAboveTakeoffMeters { get; init; }
    public double? MinHeightAboveGroundMeters { get; init; }
    public double EntryLatitude { get; init; }
    public double EntryLongitude { get; init; }
    public double ExitLatitude { get; init; }
    public double ExitLongitude { get; init; }

    /// <summary>The samples that bracket the pass: the last one before entry and the first one after exit (indices into the log's samples).</summary>
    public int FirstSampleIndex { get; init; }
    public int LastSampleIndex { get; init; }
    public long FirstSourceOffset { get; init; }
    public long LastSourceOffset { get; init; }

    /// <summary>The track starts (or ends) inside: entry (exit) is the first (last) sample, not a boundary crossing.</summary>
    public bool StartedInside { get; init; }
    public bool EndedInside { get; init; }

    /// <summary>0 for polygons; the corridor half-width or radius that turned a line or point into an area.</summary>
    public double AreaExpansionMeters { get; init; }
}

/// <summary>The closest approach to a feature that was not flown over but came within its buffer distance.</summary>
public sealed record CloseApproach
{
    public required FeatureReference Feature { get; init; }
    public double ClosestApproachMeters { get; init; }
    public DateTimeOffset? AtUtc { get; init; }
    public double? AtSeconds { get; init; }
    public double BufferMeters { get; init; }
    public double? HeightAboveTakeoffMeters { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }

    /// <summary>
    /// The continuous stretch of track within <see cref="BufferMeters"/> of the feature that holds the closest point,
    /// interpolated on segments like an overflight (track seconds as in <see cref="Overflight.EntrySeconds"/>).
    /// </summary>
    public DateTimeOffset? EntryUtc { get; init; }
    public DateTimeOffset? ExitUtc { get; init; }
    public double? EntrySeconds { get; init; }
    public double? ExitSeconds { get; init; }
    public double? DurationSeconds { get; init; }

    /// <summary>The sample at or just before the closest point.</summary>
    public int SampleIndex { get; init; }
    public long SourceOffset { get; init; }
}

/// <summary>A feature inside the camera's estimated ground footprint, for a photo or a stretch of video.</summary>
public sealed record CameraCapture
{
    public required FeatureReference Feature { get; init; }

    /// <summary>Time of the photo, or of the first video frame that had the feature in view.</summary>
    public DateTimeOffset? Utc { get; init; }
    public double? Seconds { get; init; }

    /// <summary>Last video frame with the feature in view (null for photos).</summary>
    public DateTimeOffset? LastUtc { get; init; }

    /// <summary>Track seconds of <see cref="LastUtc"/> (null for photos).</summary>
    public double? LastSeconds { get; init; }

    /// <summary><c>photo</c> or <c>video</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Smallest straight-line distance from the camera to the part of the feature in view.</summary>
    public double SlantRangeMeters { get; init; }

    /// <summary>Ground size of one pixel at that range (needs <see cref="CameraOptions.ImageWidthPixels"/>).</summary>
    public double? GroundSampleDistanceMeters { get; init; }

    /// <summary>Some footprint rays met the horizon or the range limit: the footprint is cut at the range limit.</summary>
    public bool Oblique { get; init; }

    /// <summary><c>above-ground</c>, or <c>above-takeoff</c> when flat ground at takeoff level was assumed.</summary>
    public required string HeightReference { get; init; }
    public double HeightMeters { get; init; }
    public double GimbalPitchDegrees { get; init; }
    public double GimbalYawDegrees { get; init; }

    /// <summary>Video frames (footprints) that had the feature in view; 1 for a photo.</summary>
    public int Frames { get; init; } = 1;

    /// <summary>Byte offset of the photo event, or of the sample of the first video frame.</summary>
    public long SourceOffset { get; init; }

    public double GimbalRollDegrees { get; init; }

    /// <summary>Horizontal field of view used for the footprint (from the media's focal length, the options or the default).</summary>
    public double HorizontalFovDegrees { get; init; }

    /// <summary><c>flat</c> (rays cut with a plane at the ground below the camera) or <c>terrain</c> (rays marched against the DEM).</summary>
    public string Ground { get; init; } = "flat";

    /// <summary>The media file (photo, video subtitles) the pose came from; null for the flight log's own camera state.</summary>
    public string? MediaFile { get; init; }

    /// <summary>Vertical field of view used for the footprint.</summary>
    public double VerticalFovDegrees { get; init; }

    /// <summary>
    /// Where the field of view came from: <c>file</c> (the media's stated focal length), <c>camera-table</c> (a table keyed
    /// by camera model) or <c>assumption</c> (the options: the default 24 mm equivalent or the examiner's value).
    /// </summary>
    public string FovSource { get; init; } = "assumption";

    /// <summary>A corner ray pointed at or above the horizon: the footprint is cut at <see cref="CameraOptions.MaxGroundRangeMeters"/>.</summary>
    public bool Unbounded { get; init; }

    /// <summary>Where the camera was (the photo's or media frame's own position, else the track at that time).</summary>
    public double? CameraLatitudeDegrees { get; init; }
    public double? CameraLongitudeDegrees { get; init; }

    /// <summary>The photo event's altitude, else that of the sample nearest the moment; null when the log has none.</summary>
    public double? CameraAltitudeMslMeters { get; init; }

    /// <summary>
    /// The ground footprint of the frame the capture reports (the photo, or the closest video frame): WGS84, X longitude,
    /// Y latitude, exterior ring closed and counter-clockwise. Null only for captures made without a footprint.
    /// </summary>
    public NetTopologySuite.Geometries.Polygon? Footprint { get; init; }

    /// <summary>Every footprint of the capture (one per video frame) in the check's local frame, for episode coverage.</summary>
    internal IReadOnlyList<NetTopologySuite.Geometries.Polygon> LocalFootprints { get; init; } = [];
}

/// <summary>Provenance of the analysed flight, as the contract's <c>flight</c> object wants it.</summary>
public sealed record CheckedFlight(string File, string Sha256, string Format, DateTimeOffset? StartUtc, DateTimeOffset? EndUtc);

/// <summary>Provenance of one layer used in a check.</summary>
public sealed record CheckedLayer(string File, string Sha256, string Format, int Features, int FeaturesNearTrack, string? Attribution);

/// <summary>Everything the <c>check</c> verb reports.</summary>
public sealed record CheckResult
{
    public required CheckedFlight Flight { get; init; }
    public required IReadOnlyList<CheckedLayer> Layers { get; init; }
    public required IReadOnlyList<Overflight> Overflights { get; init; }
    public required IReadOnlyList<CloseApproach> Proximity { get; init; }
    public required IReadOnlyList<CameraCapture> Captures { get; init; }

    /// <summary>The captures grouped by feature and time, with the ground they covered.</summary>
    public IReadOnlyList<CaptureEpisode> CaptureEpisodes { get; init; } = [];

    /// <summary>How distances were computed (the local projection and its origin).</summary>
    public required string Projection { get; init; }
    public required string Taxonomy { get; init; }
    public int TrackPoints { get; init; }

    /// <summary>Statements a reader needs: assumptions made, moments skipped, gaps not interpolated.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How each media file was placed on the flight (matched or not, and why).</summary>
    public IReadOnlyList<MediaMatch> Media { get; init; } = [];

    /// <summary>Drone zones entered while they applied, with the vertical verdict (zone-feed layers only).</summary>
    public IReadOnlyList<AirspaceFinding> Airspace { get; init; } = [];
}
