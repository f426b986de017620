using System.CommandLine;
using FlightForensics.Application.Media;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>--media</c>, <c>--camera-clock-offset</c>, <c>--dem</c> and <c>--assume-gimbal-pitch</c>: the inputs beside the flight log of check, report and plot.</summary>
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
        Description = "SRTM elevation tile (.hgt, 1201² or 3601², named like N47E008.hgt; or a .zip holding one), or a folder of them. Repeatable. Heights above ground and camera rays that meet rising ground; unusable tiles are skipped with a note.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<double?> AssumeGimbalPitch { get; } = new("--assume-gimbal-pitch")
    {
        Description = "Gimbal pitch in degrees (−90 straight down, 0 level) for camera moments whose log states none (default: none; such moments are skipped and counted in the notes).",
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
        command.Options.Add(AssumeGimbalPitch);
    }

    /// <summary>The case with the terrain and media inputs added (loaded later, when the case is prepared).</summary>
    public CaseOptions Apply(CaseOptions options, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        options = options with { DemPaths = parse.GetValue(Dem) ?? [], AssumedGimbalPitchDegrees = parse.GetValue(AssumeGimbalPitch) };
        return withMedia
            ? options with
            {
                MediaPaths = parse.GetValue(Media) ?? [],
                CameraClockUtcOffset = parse.GetValue(CameraClockOffset) is string text ? MediaLoader.ParseOffset(text) : null,
            }
            : options;
    }
}
