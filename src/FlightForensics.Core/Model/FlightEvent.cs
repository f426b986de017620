namespace FlightForensics.Core.Model;

/// <summary>Something that happened at an instant: a photo, a mode change, a warning.</summary>
public sealed record FlightEvent
{
    public DateTimeOffset? TimeUtc { get; init; }
    public double? ElapsedSeconds { get; init; }
    public required FlightEventKind Kind { get; init; }
    public string Text { get; init; } = "";

    /// <summary>Byte offset in the evidence of the record that reported the event.</summary>
    public long SourceOffset { get; init; }

    /// <summary>Position where the source states one with the event (camera triggers do).</summary>
    public double? LatitudeDegrees { get; init; }
    public double? LongitudeDegrees { get; init; }
    public double? AltitudeMslMeters { get; init; }
    public double? HeightAboveTakeoffMeters { get; init; }

    /// <summary>
    /// The camera's orientation the source states with a photo (earth frame, degrees: pitch 0 level and −90 straight
    /// down, yaw clockwise from north); null where it states none or what it states is not the camera's.
    /// </summary>
    public double? CameraPitchDegrees { get; init; }
    public double? CameraYawDegrees { get; init; }
    public double? CameraRollDegrees { get; init; }
}

public enum FlightEventKind
{
    Other = 0,
    Photo,
    VideoStart,
    VideoStop,
    ModeChange,
    Takeoff,
    Landing,
    Arm,
    Disarm,
    Warning,
    Error,
    TextMessage,
    HomeSet,
    MissionItem,
    Parameter,
}

/// <summary>Stable lower-case names used in every output.</summary>
public static class FlightEventKindNames
{
    public static string ToName(this FlightEventKind kind) => kind switch
    {
        FlightEventKind.Photo => "photo",
        FlightEventKind.VideoStart => "video-start",
        FlightEventKind.VideoStop => "video-stop",
        FlightEventKind.ModeChange => "mode-change",
        FlightEventKind.Takeoff => "takeoff",
        FlightEventKind.Landing => "landing",
        FlightEventKind.Arm => "arm",
        FlightEventKind.Disarm => "disarm",
        FlightEventKind.Warning => "warning",
        FlightEventKind.Error => "error",
        FlightEventKind.TextMessage => "text",
        FlightEventKind.HomeSet => "home-set",
        FlightEventKind.MissionItem => "mission-item",
        FlightEventKind.Parameter => "parameter",
        _ => "other",
    };
}
