namespace FlightForensics.Core.Model;

/// <summary>
/// One normalised telemetry sample: where the vehicle was at one instant, with the state that
/// the source recorded at that instant. Every field is <c>null</c> when the source does not say;
/// nothing is derived from another field (an altitude above takeoff is never turned into an
/// altitude above sea level, for example).
/// </summary>
/// <remarks>
/// A value type so that decoders can hand samples to a sink without allocating per record.
/// Units are in the names; angles are degrees, speeds metres per second, heights metres.
/// </remarks>
public readonly record struct TelemetrySample
{
    /// <summary>UTC time of the sample, when the source gives one (or it can be derived from a stated clock).</summary>
    public DateTimeOffset? TimeUtc { get; init; }

    /// <summary>Seconds since the first sample (or the log's start, where the source states one).</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>WGS84 latitude in degrees.</summary>
    public double? LatitudeDegrees { get; init; }

    /// <summary>WGS84 longitude in degrees.</summary>
    public double? LongitudeDegrees { get; init; }

    /// <summary>Altitude above mean sea level (as the source defines it), metres.</summary>
    public double? AltitudeMslMeters { get; init; }

    /// <summary>Height above the takeoff (or home) point, metres.</summary>
    public double? HeightAboveTakeoffMeters { get; init; }

    /// <summary>Height above the ground directly below (rangefinder, terrain), metres.</summary>
    public double? HeightAboveGroundMeters { get; init; }

    /// <summary>Horizontal speed over ground, metres per second.</summary>
    public double? GroundSpeedMetersPerSecond { get; init; }

    /// <summary>Vertical speed, metres per second; up is positive whatever the source's convention.</summary>
    public double? VerticalSpeedMetersPerSecond { get; init; }

    /// <summary>Course over ground, degrees clockwise from true north, [0, 360).</summary>
    public double? CourseDegrees { get; init; }

    public double? RollDegrees { get; init; }
    public double? PitchDegrees { get; init; }

    /// <summary>Heading of the airframe, degrees clockwise from north as the source gives it.</summary>
    public double? YawDegrees { get; init; }

    public double? GimbalRollDegrees { get; init; }

    /// <summary>Gimbal pitch in degrees; 0 is level, -90 looks straight down.</summary>
    public double? GimbalPitchDegrees { get; init; }

    /// <summary>Gimbal yaw in degrees clockwise from north (absolute, not relative to the airframe).</summary>
    public double? GimbalYawDegrees { get; init; }

    public int? Satellites { get; init; }
    public GpsFix? GpsFix { get; init; }
    public double? BatteryPercent { get; init; }

    /// <summary>Flight mode as the source names it. Decoders reuse one string instance per mode.</summary>
    public string? FlightMode { get; init; }

    public bool? IsRecordingVideo { get; init; }

    /// <summary>True when the source marks a photo as taken at this sample.</summary>
    public bool? PhotoTaken { get; init; }

    /// <summary>Remote-controller sticks and switches at this sample, where the source records them.</summary>
    public RemoteControlInput? RemoteControl { get; init; }

    /// <summary>Byte offset in the evidence file of the record that gave the position.</summary>
    public long SourceOffset { get; init; }

    /// <summary>
    /// The aircraft this sample belongs to, for sources that can hold several (a Remote ID capture: the UAS ID or
    /// DJI serial). Null for single-vehicle logs, whose outputs then carry no aircraft field at all.
    /// </summary>
    public string? AircraftId { get; init; }

    /// <summary>True when both latitude and longitude are present and plausible (not the 0/0 of "no fix").</summary>
    public bool HasPosition =>
        LatitudeDegrees is double lat && LongitudeDegrees is double lon
        && double.IsFinite(lat) && double.IsFinite(lon)
        && lat is >= -90 and <= 90 && lon is >= -180 and <= 180
        && !(lat == 0 && lon == 0);
}

/// <summary>GNSS fix quality, in the order of MAVLink's GPS_FIX_TYPE.</summary>
public enum GpsFix
{
    NoGps = 0,
    NoFix = 1,
    Fix2D = 2,
    Fix3D = 3,
    Dgps = 4,
    RtkFloat = 5,
    RtkFixed = 6,
    Static = 7,
    Ppp = 8,
}
