using FlightForensics.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Which features were inside the camera footprint: at every photo (photo events, else samples flagged as
/// photos) and every <see cref="CameraOptions.VideoFrameIntervalSeconds"/> while video was recording.
/// </summary>
internal sealed class CaptureDetector(FlightLog log, FlightTrack track, STRtree<FeatureShape> features, CameraOptions options, GeometryFactory factory,
    IReadOnlyList<MediaFrame>? mediaFrames = null, SrtmElevationModel? terrain = null, double terrainStepMeters = 5)
{
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

    public List<CameraCapture> Detect()
    {
        var captures = new List<CameraCapture>();
        foreach (var moment in PhotoMoments_())
        {
            PhotoMoments++;
            foreach (var hit in Look(moment))
            {
                captures.Add(hit.ToCapture("photo", null, 1));
            }
        }

        // Video: contiguous runs of frames in which a feature stays in view become one capture.
        var open = new Dictionary<FeatureShape, (Hit First, Hit Best, Hit Last, int Frames, int FrameIndex)>();
        var frameIndex = 0;
        foreach (var moment in VideoMoments())
        {
            VideoFrames++;
            frameIndex++;
            var seen = new HashSet<FeatureShape>();
            foreach (var hit in Look(moment))
            {
                seen.Add(hit.Shape);
                if (open.TryGetValue(hit.Shape, out var run) && run.FrameIndex == frameIndex - 1)
                {
                    open[hit.Shape] = (run.First, hit.SlantRange < run.Best.SlantRange ? hit : run.Best, hit, run.Frames + 1, frameIndex);
                }
                else
                {
                    if (open.TryGetValue(hit.Shape, out var ended))
                    {
                        captures.Add(ended.Best.ToCapture("video", ended, ended.Frames));
                    }

                    open[hit.Shape] = (hit, hit, hit, 1, frameIndex);
                }
            }
        }

        foreach (var run in open.Values)
        {
            captures.Add(run.Best.ToCapture("video", run, run.Frames));
        }

        // Media: every photo is a capture; the frames of one video form runs like the log's own video.
        foreach (var file in (mediaFrames ?? []).GroupBy(f => f.MediaFile, StringComparer.Ordinal))
        {
            var mediaRuns = new Dictionary<FeatureShape, (Hit First, Hit Best, Hit Last, int Frames, int FrameIndex)>();
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
                        captures.Add(hit.ToCapture(frame.Kind, null, 1));
                        continue;
                    }

                    if (mediaRuns.TryGetValue(hit.Shape, out var run) && run.FrameIndex == index - 1)
                    {
                        mediaRuns[hit.Shape] = (run.First, hit.SlantRange < run.Best.SlantRange ? hit : run.Best, hit, run.Frames + 1, index);
                    }
                    else
                    {
                        if (mediaRuns.TryGetValue(hit.Shape, out var ended))
                        {
                            captures.Add(ended.Best.ToCapture("video-frame", ended, ended.Frames));
                        }

                        mediaRuns[hit.Shape] = (hit, hit, hit, 1, index);
                    }
                }
            }

            foreach (var run in mediaRuns.Values)
            {
                captures.Add(run.Best.ToCapture("video-frame", run, run.Frames));
            }
        }

        return captures;
    }

    private IEnumerable<Moment> PhotoMoments_()
    {
        var photoEvents = log.Events.Where(e => e.Kind == FlightEventKind.Photo).ToList();
        if (photoEvents.Count > 0)
        {
            foreach (var e in photoEvents)
            {
                var seconds = SecondsOf(e);
                if (seconds is not double t)
                {
                    SkippedNoPosition++;
                    continue;
                }

                yield return new Moment(t, e.SourceOffset, e);
            }

            yield break;
        }

        var previous = false;
        for (var k = 0; k < track.Count; k++)
        {
            var photo = track.PhotoTaken[k];
            if (photo && !previous)
            {
                yield return new Moment(track.Seconds[k], track.SourceOffset[k], null, k);
            }

            previous = photo;
        }
    }

    private IEnumerable<Moment> VideoMoments()
    {
        var next = double.NegativeInfinity;
        for (var k = 0; k < track.Count; k++)
        {
            if (!track.RecordingVideo[k])
            {
                next = double.NegativeInfinity;
                continue;
            }

            var t = track.Seconds[k];
            if (double.IsNaN(t) || t >= next)
            {
                yield return new Moment(t, track.SourceOffset[k], null, k);
                next = double.IsNaN(t) ? double.NegativeInfinity : t + options.VideoFrameIntervalSeconds;
            }
        }
    }

    private double? SecondsOf(FlightEvent e)
    {
        if (track.TimeOrigin is DateTimeOffset origin)
        {
            if (e.TimeUtc is DateTimeOffset utc)
            {
                return (utc - origin).TotalSeconds;
            }

            if (SampleTime.After(log.StartUtc, e.ElapsedSeconds) is DateTimeOffset at)
            {
                return (at - origin).TotalSeconds;
            }

            return null;
        }

        return e.ElapsedSeconds;
    }

    private List<Hit> Look(Moment moment)
    {
        var hits = new List<Hit>();
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
        var pitch = media?.GimbalPitchDegrees ?? state.GimbalPitchDegrees ?? options.AssumedGimbalPitchDegrees;
        if (pitch is not double pitchDeg)
        {
            SkippedNoGimbal++;
            return hits;
        }

        var yaw = media?.GimbalYawDegrees ?? media?.YawDegrees ?? state.GimbalYawDegrees ?? state.YawDegrees ?? state.CourseDegrees ?? 0;
        var roll = media?.GimbalRollDegrees ?? state.GimbalRollDegrees ?? 0;
        // The media's own focal length (and aspect) where they state one; the options otherwise.
        var camera = options;
        if (media is not null && options.HorizontalFovDegrees is null && options.VerticalFovDegrees is null)
        {
            camera = options with
            {
                FocalLength35mm = media.FocalLength35mm is double f35 && f35 > 0 ? f35 : options.FocalLength35mm,
                AspectRatio = media.AspectRatio is double ar && ar > 0 ? ar : options.AspectRatio,
                ImageWidthPixels = media.ImageWidthPixels ?? options.ImageWidthPixels,
            };
        }

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
            hits.Add(new Hit(shape, track.UtcAt(moment.Seconds), double.IsFinite(moment.Seconds) ? moment.Seconds : null, slant, gsd,
                footprint.Oblique, reference, height, pitchDeg, yaw, moment.SourceOffset)
            {
                Roll = roll,
                HorizontalFov = camera.HorizontalFov,
                Ground = ground,
                MediaFile = media?.MediaFile,
            });
        }

        return hits;
    }

    private readonly record struct Moment(double Seconds, long SourceOffset, FlightEvent? Event, int? Point = null, MediaFrame? Media = null);

    private sealed record Hit(FeatureShape Shape, DateTimeOffset? Utc, double? Seconds, double SlantRange, double? Gsd,
        bool Oblique, string Reference, double Height, double Pitch, double Yaw, long SourceOffset)
    {
        public double Roll { get; init; }
        public double HorizontalFov { get; init; }
        public string Ground { get; init; } = "flat";
        public string? MediaFile { get; init; }

        public CameraCapture ToCapture(string kind, (Hit First, Hit Best, Hit Last, int Frames, int FrameIndex)? run, int frames) => new()
        {
            Feature = Shape.Reference,
            Kind = kind,
            Utc = run?.First.Utc ?? Utc,
            Seconds = run?.First.Seconds ?? Seconds,
            LastUtc = run?.Last.Utc,
            SlantRangeMeters = SlantRange,
            GroundSampleDistanceMeters = Gsd,
            Oblique = Oblique,
            HeightReference = Reference,
            HeightMeters = Height,
            GimbalPitchDegrees = Pitch,
            GimbalYawDegrees = Yaw,
            Frames = frames,
            SourceOffset = run?.First.SourceOffset ?? SourceOffset,
            GimbalRollDegrees = Roll,
            HorizontalFovDegrees = HorizontalFov,
            Ground = Ground,
            MediaFile = MediaFile,
        };
    }
}
