using System.Globalization;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// The <c>check</c> analysis: overflights, close approaches and camera captures of a flight against
/// infrastructure layers. Cost grows with the features near the track, not with the layers' size: each
/// layer's index gives the features near the flight, and each feature only visits the track segments near it.
/// </summary>
public static class InfrastructureCheck
{
    private static readonly GeometryFactory s_localFactory = new(new PrecisionModel(), 0);

    public static CheckResult Run(FlightLog log, IReadOnlyList<InfrastructureLayer> layers, CheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= CheckOptions.Default;
        return Run(log, FlightTrack.Build(log, options.MaxSegmentGapSeconds, options.Terrain), layers, options, cancellationToken);
    }

    /// <summary>
    /// The check on a track the caller already built (with <see cref="FlightTrack.Build"/> from this log and these
    /// options' gap limit and terrain), so that a host can build it early, for instance while the layers are read.
    /// </summary>
    public static CheckResult Run(FlightLog log, FlightTrack? track, IReadOnlyList<InfrastructureLayer> layers, CheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(layers);
        options ??= CheckOptions.Default;
        var notes = new List<string>();
        foreach (var cut in layers.Where(l => l.Truncation is not null))
        {
            // A cap that cut a layer changes what "no finding" means: say it where the findings are read.
            notes.Add($"layer {cut.FileName} was not read to its end ({cut.Truncation}): features after the cut were not checked");
        }

        var flight = new CheckedFlight(log.Evidence.FileName, log.Evidence.Sha256, log.FormatId,
            log.StartUtc ?? log.Summary.FirstUtc, log.Summary.LastUtc);
        if (track is null)
        {
            notes.Add("the log has no positioned samples: nothing to check");
            var unplaced = MediaCorrelator.Correlate(null, options.Media, options.MediaCorrelation, options.Camera.VideoFrameIntervalSeconds, cancellationToken);
            return new CheckResult
            {
                Flight = flight,
                Layers = [.. layers.Select(l => new CheckedLayer(l.FileName, l.Sha256, l.Format, l.Features.Count, 0, l.Attribution))],
                Overflights = [],
                Proximity = [],
                Captures = [],
                Projection = "none",
                Taxonomy = TaxonomyName(options),
                Notes = notes,
                Media = unplaced.Media,
            };
        }

        if (track.GapSegments > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{track.GapSegments} track segment(s) span more than {options.MaxSegmentGapSeconds} s between samples and were not interpolated"));
        }

        foreach (var d in options.Terrain?.Diagnostics ?? [])
        {
            notes.Add($"elevation model: {d}");
        }

        if (options.Terrain is { } terrain)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{track.DerivedGroundHeights} height(s) above ground derived as terrain(takeoff) + height above takeoff − terrain(position) from {string.Join(", ", terrain.Files)}"));
        }

        var correlation = MediaCorrelator.Correlate(track, options.Media, options.MediaCorrelation, options.Camera.VideoFrameIntervalSeconds, cancellationToken);
        foreach (var m in correlation.Media.Where(m => !m.Matched))
        {
            notes.Add($"media {m.File} not matched to the flight: {m.Reason}");
        }

        if (track.TimeOrigin is null)
        {
            notes.Add("the log states no UTC: times are given as elapsed seconds only");
        }

        var reach = SearchReachMeters(options, log, correlation.Frames.Count > 0);
        var clipWindow = LayerIndex.WindowAround(track, reach + GeographicClip.MarginMeters);
        var shapes = new List<FeatureShape>();
        var zones = new List<(InfrastructureFeature, InfrastructureLayer)>();
        var checkedLayers = new List<CheckedLayer>();
        foreach (var layer in layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var near = 0;
            foreach (var feature in LayerIndex.Near(layer, track, reach))
            {
                near++;
                if (feature.Airspace is not null)
                {
                    // Drone zones are judged in three dimensions (AirspaceCheck), not as sites to fly over or photograph.
                    zones.Add((feature, layer));
                    continue;
                }

                var category = options.Taxonomy.Get(feature.Category);
                if (GeographicClip.ToWindow(feature.Geometry, clipWindow) is { IsEmpty: false } geometry)
                {
                    shapes.Add(new FeatureShape(feature, layer, track.Projection, category, options.BufferMetersOverride, geometry));
                }
            }

            checkedLayers.Add(new CheckedLayer(layer.FileName, layer.Sha256, layer.Format, layer.Features.Count, near, layer.Attribution));
        }

        var overflights = new List<Overflight>();
        var proximity = new List<CloseApproach>();
        foreach (var shape in shapes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var passes = OverflightDetector.Detect(track, shape);
            if (passes.Count > 0)
            {
                overflights.AddRange(passes);
                continue;
            }

            if (ProximityDetector.Detect(track, shape) is { } approach)
            {
                proximity.Add(approach);
            }
        }

        if (overflights.Count(o => o.MinHeightAboveGroundMeters is null) is var noGround and > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{noGround} overflight(s) without height above ground: the log gives none{(options.Terrain is null ? " and no elevation model (--dem) was given" : " where the elevation model has no height")}; height above takeoff is stated instead"));
        }

        if (proximity.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"close approaches: horizontal distance from the track (segments between samples) to the feature, within {(options.BufferMetersOverride is double b ? $"{b:0.#} m for every feature (--buffer-m)" : "each category's distance of the taxonomy")}; the approach lasts while the track stays within it"));
        }

        var airspace = zones.Count == 0 ? [] : AirspaceCheck.Judge(track, zones, clipWindow, options, notes, cancellationToken);
        var captures = new List<CameraCapture>();
        if (options.Camera.Enabled && shapes.Count > 0)
        {
            var index = new STRtree<FeatureShape>();
            foreach (var shape in shapes)
            {
                index.Insert(shape.Local.EnvelopeInternal, shape);
            }

            index.Build();
            var detector = new CaptureDetector(log, track, index, options.Camera, s_localFactory, correlation.Frames, options.Terrain, options.TerrainStepMeters);
            captures = detector.Detect();
            if (detector.PhotoMoments + detector.VideoFrames + detector.MediaFrames > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"camera footprints on {(options.Terrain is null ? "flat ground" : "the terrain model where heights above ground are known (flat ground otherwise)")}: {detector.PhotoMoments} photo(s), {detector.VideoFrames} video frame(s) from the log, {detector.MediaFrames} frame(s) from media; default HFOV {options.Camera.HorizontalFov:F1}°, VFOV {options.Camera.VerticalFov:F1}° (media with a stated focal length use theirs), range cut at {options.Camera.MaxGroundRangeMeters} m ({detector.ObliqueFootprints} oblique)"));
            }

            if (options.Terrain is not null && (detector.TerrainRays + detector.FlatFallbacks) > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"terrain: {detector.TerrainRays} corner ray(s) met the DEM (marched in {options.TerrainStepMeters:0.##} m steps); {detector.FlatFallbacks} footprint(s) on flat ground (no terrain below the camera or no height above ground); {detector.TerrainRaysUnknown} ray(s) crossed DEM voids or left the tiles (flat ground assumed there)"));
            }

            CameraAssumptionNotes(detector, options.Camera, notes);
            if (detector.SkippedNoGimbal > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{detector.SkippedNoGimbal} camera moment(s) skipped: no gimbal pitch in the log"));
            }

            if (detector.SkippedNoHeight > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{detector.SkippedNoHeight} camera moment(s) skipped: height unknown or on the ground"));
            }

            if (detector.SkippedNoPosition > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{detector.SkippedNoPosition} camera moment(s) skipped: no position at that time"));
            }
        }

        var orderedCaptures = captures.OrderBy(c => c.Seconds ?? double.MaxValue).ThenBy(c => c.Feature.FeatureId, StringComparer.Ordinal).ToList();
        var episodes = orderedCaptures.Count == 0 ? [] : CaptureEpisodeBuilder.Build(orderedCaptures, shapes, track.Projection, options.Camera, notes);
        return new CheckResult
        {
            Flight = flight,
            Layers = checkedLayers,
            Overflights = [.. overflights.OrderBy(o => o.EntrySeconds ?? double.MaxValue).ThenBy(o => o.Feature.FeatureId, StringComparer.Ordinal)],
            Proximity = [.. proximity.OrderBy(p => p.AtSeconds ?? double.MaxValue).ThenBy(p => p.Feature.FeatureId, StringComparer.Ordinal)],
            Captures = orderedCaptures,
            CaptureEpisodes = episodes,
            Projection = track.Projection.Description,
            Taxonomy = TaxonomyName(options),
            TrackPoints = track.Count,
            Notes = notes,
            Media = correlation.Media,
            Airspace = airspace,
        };
    }

    /// <summary>Every stand-in the footprints used where the evidence was silent, with its count.</summary>
    private static void CameraAssumptionNotes(CaptureDetector detector, CameraOptions camera, List<string> notes)
    {
        var ic = CultureInfo.InvariantCulture;
        if (detector.AssumedPitch > 0)
        {
            notes.Add(string.Create(ic, $"{detector.AssumedPitch} camera moment(s) without gimbal pitch in the log used the examiner's assumed pitch of {camera.AssumedGimbalPitchDegrees:0.#}° (--assume-gimbal-pitch)"));
        }

        if (detector.AboveTakeoff > 0)
        {
            notes.Add(string.Create(ic, $"{detector.AboveTakeoff} camera moment(s) without height above ground: the ground was taken as flat at takeoff level (height above takeoff used)"));
        }

        if (detector.YawFromAircraft + detector.YawFromCourse + detector.YawNorth > 0)
        {
            notes.Add(string.Create(ic, $"{detector.YawFromAircraft + detector.YawFromCourse + detector.YawNorth} camera moment(s) without gimbal yaw: the aircraft's heading stood in for {detector.YawFromAircraft}, its course over ground for {detector.YawFromCourse}, north was assumed for {detector.YawNorth}"));
        }

        if (detector.UnboundedFootprints > 0)
        {
            notes.Add(string.Create(ic, $"{detector.UnboundedFootprints} footprint(s) reach the horizon (a corner of the image at or above it): cut at {camera.MaxGroundRangeMeters:0.#} m and marked unbounded"));
        }
    }

    private static bool AnyCameraSample(FlightLog log)
    {
        var samples = new SampleView(log.Samples);
        for (var i = 0; i < samples.Length; i++)
        {
            ref readonly var s = ref samples[i];
            if (s.PhotoTaken == true || s.IsRecordingVideo == true)
            {
                return true;
            }
        }

        return false;
    }

    private static string TaxonomyName(CheckOptions options) => $"{options.Taxonomy.Name} {options.Taxonomy.Version}";

    /// <summary>How far from the track a feature can matter: the largest buffer, corridor or camera range.</summary>
    private static double SearchReachMeters(CheckOptions options, FlightLog log, bool mediaFrames)
    {
        var reach = options.BufferMetersOverride ?? 0;
        foreach (var c in options.Taxonomy.Categories)
        {
            reach = Math.Max(reach, Math.Max(options.BufferMetersOverride ?? c.BufferMeters, Math.Max(c.LineHalfWidthMeters, c.PointRadiusMeters)));
        }

        var hasCamera = options.Camera.Enabled && (mediaFrames || log.Events.Any(e => e.Kind == FlightEventKind.Photo) || AnyCameraSample(log));
        if (hasCamera)
        {
            reach = Math.Max(reach, options.Camera.MaxGroundRangeMeters);
        }

        return reach + 1;
    }
}
