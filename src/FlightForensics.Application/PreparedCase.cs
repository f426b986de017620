using FlightForensics.Application.Media;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;

namespace FlightForensics.Application;

/// <summary>What a case is made of: the flight log, the layers it is checked against and the inputs beside it.</summary>
public sealed record CaseOptions
{
    /// <summary>The evidence file (format detected from content).</summary>
    public required string FlightPath { get; init; }

    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Infrastructure layer files (any format the layer reader knows).</summary>
    public IReadOnlyList<string> LayerPaths { get; init; } = [];

    /// <summary>Close-approach distance for every feature; null: per category, from the taxonomy.</summary>
    public double? BufferMeters { get; init; }

    /// <summary>SRTM elevation tiles (.hgt, zipped .hgt) or folders of them.</summary>
    public IReadOnlyList<string> DemPaths { get; init; } = [];

    /// <summary>DJI video subtitle files, photos, or folders of them.</summary>
    public IReadOnlyList<string> MediaPaths { get; init; } = [];

    /// <summary>The camera clock's offset from UTC as the examiner states it; null: estimated from position agreement.</summary>
    public TimeSpan? CameraClockUtcOffset { get; init; }

    /// <summary>Gimbal pitch (degrees) to assume for camera moments whose log states none; null: such moments are skipped.</summary>
    public double? AssumedGimbalPitchDegrees { get; init; }

    /// <summary>Every input path of the case (what no output may replace, and what the output's provenance names).</summary>
    public IReadOnlyList<string?> InputPaths() => [FlightPath, .. LayerPaths, .. MediaPaths, .. DemPaths, Decode.DjiKeychainsPath];
}

/// <summary>
/// A case read once: the decoded flight, its layers (with their spatial indexes), the terrain and media, the check
/// options, and the flight's track in its local metric frame. Built by <see cref="Prepare"/>; every workflow (check,
/// report, plot) then works on it without reading or projecting anything again.
/// </summary>
public sealed class PreparedCase
{
    private readonly bool _trackBuilt;

    private PreparedCase(FlightLog log, IReadOnlyList<InfrastructureLayer> layers, CheckOptions checkOptions, bool trackBuilt, FlightTrack? track, int mediaSkippedInFolders)
    {
        _trackBuilt = trackBuilt;
        Log = log;
        Layers = layers;
        CheckOptions = checkOptions;
        Track = track;
        MediaSkippedInFolders = mediaSkippedInFolders;
    }

    public FlightLog Log { get; }

    public IReadOnlyList<InfrastructureLayer> Layers { get; }

    /// <summary>The check's settings: buffer, terrain and the loaded media.</summary>
    public CheckOptions CheckOptions { get; }

    /// <summary>
    /// The flight's positioned samples projected for the check (built with <see cref="CheckOptions"/> when the case has
    /// layers or media); null when none has a position or nothing is checked.
    /// </summary>
    public FlightTrack? Track { get; }

    /// <summary>Files in <c>--media</c> folders that were neither DJI subtitles nor photos.</summary>
    public int MediaSkippedInFolders { get; }

    /// <summary>The check (overflights, close approaches, captures) of this case, on the track built once.</summary>
    public CheckResult Check(CancellationToken cancellationToken = default)
    {
        var result = _trackBuilt
            ? InfrastructureCheck.Run(Log, Track, Layers, CheckOptions, cancellationToken)
            : InfrastructureCheck.Run(Log, Layers, CheckOptions, cancellationToken);
        return MediaSkippedInFolders > 0
            ? result with { Notes = [.. result.Notes, $"--media folders: {MediaSkippedInFolders} file(s) that are neither DJI subtitles nor photos were skipped"] }
            : result;
    }

    public static IReadOnlyList<InfrastructureLayer> ReadLayers(IReadOnlyList<string> layerPaths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layerPaths);
        return [.. layerPaths.Select(p => LayerReader.Read(p, LayerReadOptions.Default, cancellationToken))];
    }

    /// <summary>
    /// Decodes the evidence and reads the layers at the same time: the two are independent, and on a national layer
    /// and a long flight each costs about a second of one core. The evidence's error wins when both fail; a failed
    /// decode cancels the layer read and waits for it, so nothing runs on after this returns. Then the terrain and
    /// the media are loaded (their problems are usage errors or reported entries, after the evidence's).
    /// </summary>
    public static PreparedCase Prepare(FlightLogReader reader, CaseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if (options.AssumedGimbalPitchDegrees is double assumed && !(assumed >= -90 && assumed <= 90))
        {
            throw new UsageException("--assume-gimbal-pitch takes degrees from -90 (straight down) to 90");
        }

        var checkOptions = new CheckOptions
        {
            BufferMetersOverride = options.BufferMeters,
            Camera = CameraOptions.Default with { AssumedGimbalPitchDegrees = options.AssumedGimbalPitchDegrees },
        };
        // The track (a projection of every sample) is the check's first step, needed when there is something to check
        // against. Without terrain it is built on the decoding thread while the layers load; with terrain it needs the
        // elevation model and is built after it.
        bool needTrack = options.LayerPaths.Count > 0 || options.MediaPaths.Count > 0;
        bool trackEarly = needTrack && options.DemPaths.Count == 0;
        var (log, layers, track) = ReadLogAndLayers(reader, options, trackEarly ? checkOptions.MaxSegmentGapSeconds : null, cancellationToken);
        foreach (var tile in options.DemPaths)
        {
            if (!File.Exists(tile) && !Directory.Exists(tile))
            {
                throw new UsageException($"--dem: no such file or folder: {tile}");
            }
        }

        if (options.DemPaths.Count > 0)
        {
            // A tile of the wrong size or name, or an unreadable archive, is skipped with a diagnostic the check's notes repeat.
            checkOptions = checkOptions with { Terrain = SrtmElevationModel.Load(options.DemPaths) };
        }

        int skipped = 0;
        if (options.MediaPaths.Count == 0)
        {
            if (options.CameraClockUtcOffset is not null)
            {
                throw new UsageException("--camera-clock-offset needs --media");
            }
        }
        else
        {
            var loader = new MediaLoader(reader, options.Decode, options.CameraClockUtcOffset);
            checkOptions = checkOptions with { Media = loader.Load(options.MediaPaths, cancellationToken) };
            skipped = loader.SkippedInFolders;
        }

        if (needTrack && !trackEarly)
        {
            track = FlightTrack.Build(log, checkOptions.MaxSegmentGapSeconds, checkOptions.Terrain);
        }

        return new PreparedCase(log, layers, checkOptions, needTrack, track, skipped);
    }

    private static (FlightLog Log, IReadOnlyList<InfrastructureLayer> Layers, FlightTrack? Track) ReadLogAndLayers(
        FlightLogReader reader, CaseOptions options, double? trackGapSeconds, CancellationToken cancellationToken)
    {
        if (options.LayerPaths.Count == 0)
        {
            var alone = reader.Read(options.FlightPath, options.Decode, cancellationToken);
            return (alone, [], trackGapSeconds is double g ? FlightTrack.Build(alone, g) : null);
        }

        using var layerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var layerRead = Task.Run(() =>
        {
            var layers = ReadLayers(options.LayerPaths, layerCancellation.Token);
            foreach (var layer in layers)
            {
                LayerIndex.For(layer); // built here, overlapping the decode, rather than after it
            }

            return layers;
        }, layerCancellation.Token);
        FlightLog log;
        try
        {
            log = reader.Read(options.FlightPath, options.Decode, cancellationToken);
        }
        catch
        {
            layerCancellation.Cancel();
            try
            {
                layerRead.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The evidence's error is the one reported; the layer read was cancelled or failed on its own.
            }

            throw;
        }

        var track = trackGapSeconds is double gap ? FlightTrack.Build(log, gap) : null;
        return (log, layerRead.GetAwaiter().GetResult(), track);
    }
}
