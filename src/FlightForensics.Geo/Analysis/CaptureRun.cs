using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>One feature in view at one camera moment, with the pose and the footprint (local frame) it was seen from.</summary>
internal sealed record CaptureHit(FeatureShape Shape, DateTimeOffset? Utc, double? Seconds, double SlantRange, double? Gsd,
    bool Oblique, string Reference, double Height, double Pitch, double Yaw, long SourceOffset)
{
    public double Roll { get; init; }
    public double HorizontalFov { get; init; }
    public double VerticalFov { get; init; }
    public string FovSource { get; init; } = "assumption";
    public string Ground { get; init; } = "flat";
    public string? MediaFile { get; init; }
    public bool Unbounded { get; init; }

    /// <summary>The camera's position in the local frame and its altitude above mean sea level (NaN when unknown).</summary>
    public double CameraX { get; init; }
    public double CameraY { get; init; }
    public double AltitudeMsl { get; init; } = double.NaN;

    /// <summary>The footprint of this moment in the local frame (shared by every feature seen at the moment).</summary>
    public required Polygon Footprint { get; init; }
}

/// <summary>
/// Consecutive camera moments (video frames) that keep one feature in view; a photo is a run of one. The run keeps
/// every frame's footprint so that an episode's coverage is the ground actually swept, not only the best frame's.
/// </summary>
internal sealed class CaptureRun(CaptureHit first, int frameIndex)
{
    private readonly List<Polygon> _footprints = [first.Footprint];

    public CaptureHit First { get; } = first;
    public CaptureHit Best { get; private set; } = first;
    public CaptureHit Last { get; private set; } = first;
    public int Frames { get; private set; } = 1;
    public int FrameIndex { get; private set; } = frameIndex;

    public void Add(CaptureHit hit, int frameIndex)
    {
        Best = hit.SlantRange < Best.SlantRange ? hit : Best;
        Last = hit;
        Frames++;
        FrameIndex = frameIndex;
        _footprints.Add(hit.Footprint);
    }

    /// <summary>
    /// The capture of this run: time of the first frame, pose and footprint of the closest frame. The footprint is
    /// turned into WGS84 (X longitude, Y latitude) only here, for the moments that captured something.
    /// </summary>
    public CameraCapture ToCapture(string kind, LocalProjection projection, GeometryFactory wgs84)
    {
        var b = Best;
        var (lat, lon) = projection.Inverse(b.CameraX, b.CameraY);
        return new CameraCapture
        {
            Feature = b.Shape.Reference,
            Kind = kind,
            Utc = First.Utc,
            Seconds = First.Seconds,
            LastUtc = Frames > 1 || kind is "video" or "video-frame" ? Last.Utc : null,
            LastSeconds = Frames > 1 || kind is "video" or "video-frame" ? Last.Seconds : null,
            SlantRangeMeters = b.SlantRange,
            GroundSampleDistanceMeters = b.Gsd,
            Oblique = b.Oblique,
            Unbounded = b.Unbounded,
            HeightReference = b.Reference,
            HeightMeters = b.Height,
            GimbalPitchDegrees = b.Pitch,
            GimbalYawDegrees = b.Yaw,
            Frames = Frames,
            SourceOffset = First.SourceOffset,
            GimbalRollDegrees = b.Roll,
            HorizontalFovDegrees = b.HorizontalFov,
            VerticalFovDegrees = b.VerticalFov,
            FovSource = b.FovSource,
            Ground = b.Ground,
            MediaFile = b.MediaFile,
            CameraLatitudeDegrees = lat,
            CameraLongitudeDegrees = lon,
            CameraAltitudeMslMeters = double.IsNaN(b.AltitudeMsl) ? null : b.AltitudeMsl,
            Footprint = ToWgs84(b.Footprint, projection, wgs84),
            LocalFootprints = _footprints,
        };
    }

    /// <summary>
    /// The local polygon's shell in WGS84, closed and counter-clockwise as RFC 7946 §3.1.6 asks of an exterior ring.
    /// East/north and longitude/latitude are both right-handed, so the orientation carries over unchanged.
    /// </summary>
    internal static Polygon ToWgs84(Polygon local, LocalProjection projection, GeometryFactory wgs84)
    {
        var ring = local.ExteriorRing.Coordinates;
        // A degenerate footprint (a camera on the ground) has no orientation to correct.
        var ccw = local.Area <= 0 || Orientation.IsCCW(ring);
        var coordinates = new Coordinate[ring.Length];
        for (var i = 0; i < ring.Length; i++)
        {
            var c = ring[ccw ? i : ring.Length - 1 - i];
            var (lat, lon) = projection.Inverse(c.X, c.Y);
            coordinates[i] = new Coordinate(lon, lat);
        }

        // Exact closure: the inverse projection of the same point gives the same numbers, but say it rather than rely on it.
        coordinates[^1] = coordinates[0].Copy();
        return wgs84.CreatePolygon(coordinates);
    }
}
