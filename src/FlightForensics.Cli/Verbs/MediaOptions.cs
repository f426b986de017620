using System.CommandLine;
using FlightForensics.Core.Decoding;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>--media</c>, <c>--camera-clock-offset</c> and <c>--dem</c>: the inputs beside the flight log of check, report and plot.</summary>
public sealed class MediaOptions(bool withMedia = true)
{
    public Option<string[]> Media { get; } = new("--media")
    {
        Description = "DJI video subtitle file (.SRT), photo, or a folder of them (detected from content). Repeatable. Placed on the flight by UTC time, the camera clock offset estimated from position agreement.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> CameraClockOffset { get; } = new("--camera-clock-offset")
    {
        Description = "The camera clock's offset from UTC (e.g. +02:00, -05:30, or seconds): used as stated instead of the estimate.",
    };

    public Option<string[]> Dem { get; } = new("--dem")
    {
        Description = "SRTM elevation tile (.hgt, 1201² or 3601², named like N47E008.hgt). Repeatable. Heights above ground and camera rays that meet rising ground.",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (withMedia)
        {
            command.Options.Add(Media);
            command.Options.Add(CameraClockOffset);
        }

        command.Options.Add(Dem);
    }

    /// <summary>Input paths (for the refuse-to-overwrite checks and the output's provenance).</summary>
    public IReadOnlyList<string> Paths(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return [.. (withMedia ? parse.GetValue(Media) ?? [] : []), .. parse.GetValue(Dem) ?? []];
    }

    /// <summary>The check options with terrain and media added; media loading problems become reported entries, not errors.</summary>
    internal CheckOptions Apply(CheckOptions options, ParseResult parse, CliContext context, DecodeOptions decodeOptions, out MediaLoader? loader)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        loader = null;
        var dem = parse.GetValue(Dem) ?? [];
        if (dem.Length > 0)
        {
            foreach (var tile in dem)
            {
                if (!File.Exists(tile))
                {
                    throw new CliUsageException($"--dem: no such file: {tile}");
                }
            }

            // A tile of the wrong size or name is a LayerUnreadableException (exit 2 with its one-line reason).
            options = options with { Terrain = SrtmElevationModel.Load(dem) };
        }

        if (!withMedia)
        {
            return options;
        }

        TimeSpan? offset = parse.GetValue(CameraClockOffset) is string text ? MediaLoader.ParseOffset(text) : null;
        var media = parse.GetValue(Media) ?? [];
        if (media.Length == 0)
        {
            if (offset is not null)
            {
                throw new CliUsageException("--camera-clock-offset needs --media");
            }

            return options;
        }

        loader = new MediaLoader(context, decodeOptions, offset);
        return options with { Media = loader.Load(media) };
    }
}
