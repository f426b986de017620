using FlightForensics.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Which features were inside the camera footprint: at every photo (photo events, else samples flagged as
/// photos) and every <see cref="CameraOptions.VideoFrameIntervalSeconds"/> while video was recording.
/// </summary>
internal sealed partial class CaptureDetector(FlightLog log, FlightTrack track, STRtree<FeatureShape> features, CameraOptions options, GeometryFactory factory,
    IReadOnlyList<MediaFrame>? mediaFrames = null, SrtmElevationModel? terrain = null, double terrainStepMeters = 5)
{
    private static readonly GeometryFactory s_wgs84 = new(new PrecisionModel(), 4326);
    private Dictionary<long, int>? _byOffset;

    public int MediaFrames { get; private set; }
    public int TerrainRays { get; private set; }
    public int TerrainRaysUnknown { get; private set; }
    public int FlatFallbacks { get; private set; }

    public int SkippedNoGimbal { get; private set; }
    public int SkippedNoHeight { get; private set; }
    public int SkippedNoPosition { get; private set; }
    public int PhotoMoments { get; private set; }
    public int VideoFrames { get; private set; }
    public int ObliqueFootprints { get; private set; }
    public int UnboundedFootprints { get; private set; }

    /// <summary>Moments that used <see cref="CameraOptions.AssumedGimbalPitchDegrees"/> (the log gave no pitch).</summary>
    public int AssumedPitch { get; private set; }

    /// <summary>Moments whose footprint stood on flat ground at takeoff level (no height above ground).</summary>
    public int AboveTakeoff { get; private set; }

    /// <summary>Moments without gimbal yaw, by what stood in: the aircraft's heading, its course, or north.</summary>
    public int YawFromAircraft { get; private set; }
    public int YawFromCourse { get; private set; }
    public int YawNorth { get; private set; }

    public List<CameraCapture> Detect()
    {
        var captures = new List<CameraCapture>();
        foreach (var moment in PhotoMoments_())
        {
            PhotoMoments++;
            foreach (var hit in Look(moment))
            {
                captures.Add(new CaptureRun(hit, 0).ToCapture("photo", track.Projection, s_wgs84));
            }
        }

        // Video: contiguous runs of frames in which a feature stays in view become one capture.
        var open = new Dictionary<FeatureShape, CaptureRun>();
        var frameIndex = 0;
        foreach (var moment in VideoMoments())
        {
            VideoFrames++;
            frameIndex++;
            foreach (var hit in Look(moment))
            {
                Extend(open, hit, frameIndex, "video", captures);
            }
        }

        Close(open, "video", captures);

        // Media: every photo is a capture; the frames of one video form runs like the log's own video.
        foreach (var file in (mediaFrames ?? []).GroupBy(f => f.MediaFile, StringComparer.Ordinal))
        {
            var mediaRuns = new Dictionary<FeatureShape, CaptureRun>();
            var index = 0;
            foreach (var frame in file.OrderBy(f => f.FlightSeconds))
            {
                MediaFrames++;
                index++;
                var moment = new Moment(frame.FlightSeconds, frame.SourceOffset, null, null, frame);
                foreach (var hit in Look(moment))
                {
                    if (frame.Kind != "video-frame")
                    {
                        captures.Add(new CaptureRun(hit, index).ToCapture(frame.Kind, track.Projection, s_wgs84));
                    }
                    else
                    {
                        Extend(mediaRuns, hit, index, "video-frame", captures);
                    }
                }
            }

            Close(mediaRuns, "video-frame", captures);
        }

        return captures;
    }

    /// <summary>Continues the feature's run when it was in view in the previous frame; else closes it and starts another.</summary>
    private void Extend(Dictionary<FeatureShape, CaptureRun> runs, CaptureHit hit, int frameIndex, string kind, List<CameraCapture> captures)
    {
        if (runs.TryGetValue(hit.Shape, out var run) && run.FrameIndex == frameIndex - 1)
        {
            run.Add(hit, frameIndex);
            return;
        }

        if (run is not null)
        {
            captures.Add(run.ToCapture(kind, track.Projection, s_wgs84));
        }

        runs[hit.Shape] = new CaptureRun(hit, frameIndex);
    }

    private void Close(Dictionary<FeatureShape, CaptureRun> runs, string kind, List<CameraCapture> captures)
    {
        foreach (var run in runs.Values)
        {
            captures.Add(run.ToCapture(kind, track.Projection, s_wgs84));
        }
    }

    private List<CaptureHit> Look(Moment moment)
    {
        var hits = new List<CaptureHit>();
        // Position and heights: the track point itself, or the track interpolated at the event's time.
        int before;
        double fraction;
        if (moment.Point is int k)
        {
            before = k;
            fraction = 0;
        }
        else
        {
            before = track.PointAtOrBefore(moment.Seconds);
            if (before < 0)
            {
                SkippedNoPosition++;
                return hits;
            }

            var after = track.SegmentEnd(before);
            var span = track.Seconds[after] - track.Seconds[before];
            fraction = after == before || !(span > 0) ? 0 : Math.Clamp((moment.Seconds - track.Seconds[before]) / span, 0, 1);
            if (after != before && !track.IsUsable(before))
            {
                // Inside a logging gap the position is unknown.
                SkippedNoPosition++;
                return hits;
            }
        }

        var seg = Math.Min(before, track.SegmentCount - 1);
        double x, y;
        if (moment.Media is { LatitudeDegrees: double mlat, LongitudeDegrees: double mlon })
        {
            (x, y) = track.Projection.Forward(mlat, mlon);
        }
        else if (moment.Event is { LatitudeDegrees: double elat, LongitudeDegrees: double elon })
        {
            (x, y) = track.Projection.Forward(elat, elon);
        }
        else
        {
            (x, y) = track.PointAt(seg, before == seg ? fraction : 0);
        }

        var end = track.SegmentEnd(seg);
        var f = before == seg ? fraction : 0;
        var agl = FlightTrack.Lerp(track.HeightAboveGround, seg, end, f);
        var hat = moment.Media?.HeightAboveTakeoffMeters ?? moment.Event?.HeightAboveTakeoffMeters ?? FlightTrack.Lerp(track.HeightAboveTakeoff, seg, end, f);
        string reference;
        double height;
        if (!double.IsNaN(agl))
        {
            (height, reference) = (agl, "above-ground");
        }
        else if (!double.IsNaN(hat))
        {
            (height, reference) = (hat, "above-takeoff");
        }
        else
        {
            SkippedNoHeight++;
            return hits;
        }

        if (height <= 0.5)
        {
            // On (or below) the ground: no meaningful footprint.
            SkippedNoHeight++;
            return hits;
        }

        var nearest = f >= 0.5 ? end : seg;
        var state = log.Samples[track.SampleIndex[nearest]];
        var media = moment.Media;
        var logPitch = media?.GimbalPitchDegrees ?? moment.Event?.CameraPitchDegrees ?? state.GimbalPitchDegrees;
        var pitch = logPitch ?? options.AssumedGimbalPitchDegrees;
        if (pitch is not double pitchDeg)
        {
            SkippedNoGimbal++;
            return hits;
        }

        AssumedPitch += logPitch is null ? 1 : 0;
        AboveTakeoff += reference == "above-takeoff" ? 1 : 0;
        // A photo message with the camera's whole orientation (MAVLink CAMERA_IMAGE_CAPTURED) outranks the gimbal samples;
        // a yaw alone (CAMERA_FEEDBACK) only stands in where the log has no gimbal yaw.
        var yaw = (moment.Event is { CameraPitchDegrees: not null, CameraYawDegrees: double full } ? full : (double?)null)
            ?? YawOf(media, state, moment.Event?.CameraYawDegrees);
        var roll = media?.GimbalRollDegrees ?? moment.Event?.CameraRollDegrees ?? state.GimbalRollDegrees ?? 0;
        // The media's own focal length (and aspect) where they state one; the options otherwise.
        var camera = options;
        var fovSource = "assumption";
        if (media is not null && options.HorizontalFovDegrees is null && options.VerticalFovDegrees is null)
        {
            camera = options with
            {
                FocalLength35mm = media.FocalLength35mm is double f35 && f35 > 0 ? f35 : options.FocalLength35mm,
                AspectRatio = media.AspectRatio is double ar && ar > 0 ? ar : options.AspectRatio,
                ImageWidthPixels = media.ImageWidthPixels ?? options.ImageWidthPixels,
            };
            fovSource = media.FocalLength35mm is > 0 ? "file" : fovSource;
        }

        // Altitude of the camera: the photo event's own, else the nearest sample's (the track keeps no MSL column).
        var altitudeMsl = moment.Event?.AltitudeMslMeters ?? state.AltitudeMslMeters ?? double.NaN;

        // Terrain: rays are marched against the DEM from the camera at terrain(nadir) + height above ground.
        CameraFootprint footprint;
        var ground = "flat";
        var nadirGround = double.NaN;
        if (terrain is not null)
        {
            var (nlat, nlon) = track.Projection.Inverse(x, y);
            nadirGround = terrain.HeightMeters(nlat, nlon);
        }

        if (terrain is not null && !double.IsNaN(nadirGround) && reference == "above-ground")
        {
            var projection = track.Projection;
            var model = terrain;
            footprint = CameraFootprint.Compute(factory, x, y, height, pitchDeg, yaw, roll,
                camera.HorizontalFov, camera.VerticalFov, camera.MaxGroundRangeMeters,
                (px, py) => { var (la, lo) = projection.Inverse(px, py); return model.HeightMeters(la, lo); },
                nadirGround, terrainStepMeters);
            ground = "terrain";
            TerrainRays += footprint.TerrainHits;
            TerrainRaysUnknown += footprint.TerrainUnknown;
        }
        else
        {
            if (terrain is not null)
            {
                FlatFallbacks++;
            }

            footprint = CameraFootprint.Compute(factory, x, y, height, pitchDeg, yaw, roll,
                camera.HorizontalFov, camera.VerticalFov, camera.MaxGroundRangeMeters);
        }

        if (footprint.Oblique)
        {
            ObliqueFootprints++;
        }

        UnboundedFootprints += footprint.Unbounded ? 1 : 0;

        var candidates = features.Query(footprint.Polygon.EnvelopeInternal);
        if (candidates.Count == 0)
        {
            return hits;
        }

        var prepared = PreparedGeometryFactory.Prepare(footprint.Polygon);
        var nadir = factory.CreatePoint(new Coordinate(x, y));
        foreach (var shape in candidates)
        {
            if (!prepared.Intersects(shape.Local))
            {
                continue;
            }

            var inView = footprint.Polygon.Intersection(shape.Local);
            var horizontal = inView.IsEmpty ? footprint.Polygon.Distance(shape.Local) : inView.Distance(nadir);
            var dz = height;
            if (ground == "terrain")
            {
                // Slant range to the terrain at the nearest point in view, not to the plane at the nadir.
                var near = NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(inView.IsEmpty ? footprint.Polygon : inView, nadir)[0];
                var (la, lo) = track.Projection.Inverse(near.X, near.Y);
                var there = terrain!.HeightMeters(la, lo);
                dz = nadirGround + height - (double.IsNaN(there) ? nadirGround : there);
            }

            var slant = Math.Sqrt((horizontal * horizontal) + (dz * dz));
            double? gsd = camera.ImageWidthPixels is int px && px > 0
                ? slant * 2 * Math.Tan(camera.HorizontalFov * Math.PI / 360) / px
                : null;
            hits.Add(new CaptureHit(shape, track.UtcAt(moment.Seconds), double.IsFinite(moment.Seconds) ? moment.Seconds : null, slant, gsd,
                footprint.Oblique, reference, height, pitchDeg, yaw, moment.SourceOffset)
            {
                Roll = roll,
                HorizontalFov = camera.HorizontalFov,
                VerticalFov = camera.VerticalFov,
                FovSource = fovSource,
                Ground = ground,
                MediaFile = media?.MediaFile,
                Unbounded = footprint.Unbounded,
                CameraX = x,
                CameraY = y,
                AltitudeMsl = altitudeMsl,
                Footprint = footprint.Polygon,
            });
        }

        return hits;
    }

    /// <summary>Where the camera looked: the gimbal's yaw (or the photo message's), else the aircraft's heading, its course, or north (each counted).</summary>
    private double YawOf(MediaFrame? media, in TelemetrySample state, double? photoYaw)
    {
        if ((media?.GimbalYawDegrees ?? state.GimbalYawDegrees ?? photoYaw) is double gimbal)
        {
            return gimbal;
        }

        if ((media?.YawDegrees ?? state.YawDegrees) is double heading)
        {
            YawFromAircraft++;
            return heading;
        }

        if (state.CourseDegrees is double course)
        {
            YawFromCourse++;
            return course;
        }

        YawNorth++;
        return 0;
    }
}
