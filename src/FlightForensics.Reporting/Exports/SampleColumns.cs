using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The contract's sample columns, in order. CSV uses the snake_case names, JSON the camelCase ones;
/// one table and one formatter so the two can never disagree.
/// </summary>
public static class SampleColumns
{
    public enum Kind { Text, Number, Boolean }

    public sealed record Column(string CsvName, string JsonName, Kind Type);

    public static IReadOnlyList<Column> All { get; } =
    [
        new("time_utc", "timeUtc", Kind.Text),
        new("elapsed_s", "elapsedS", Kind.Number),
        new("latitude_deg", "latitudeDeg", Kind.Number),
        new("longitude_deg", "longitudeDeg", Kind.Number),
        new("altitude_msl_m", "altitudeMslM", Kind.Number),
        new("height_above_takeoff_m", "heightAboveTakeoffM", Kind.Number),
        new("height_above_ground_m", "heightAboveGroundM", Kind.Number),
        new("ground_speed_mps", "groundSpeedMps", Kind.Number),
        new("vertical_speed_mps", "verticalSpeedMps", Kind.Number),
        new("course_deg", "courseDeg", Kind.Number),
        new("roll_deg", "rollDeg", Kind.Number),
        new("pitch_deg", "pitchDeg", Kind.Number),
        new("yaw_deg", "yawDeg", Kind.Number),
        new("gimbal_roll_deg", "gimbalRollDeg", Kind.Number),
        new("gimbal_pitch_deg", "gimbalPitchDeg", Kind.Number),
        new("gimbal_yaw_deg", "gimbalYawDeg", Kind.Number),
        new("satellites", "satellites", Kind.Number),
        new("gps_fix", "gpsFix", Kind.Text),
        new("battery_percent", "batteryPercent", Kind.Number),
        new("flight_mode", "flightMode", Kind.Text),
        new("is_recording_video", "isRecordingVideo", Kind.Boolean),
        new("photo_taken", "photoTaken", Kind.Boolean),
        new("source_offset", "sourceOffset", Kind.Number),
    ];

    /// <summary>The text of column <paramref name="index"/> for a sample, or null when the source does not say.</summary>
    public static string? Format(int index, in TelemetrySample s) => index switch
    {
        0 => s.TimeUtc is { } t ? NumberFormat.Utc(t) : null,
        1 => F(s.ElapsedSeconds, NumberFormat.Seconds),
        2 => F(s.LatitudeDegrees, NumberFormat.Coordinate),
        3 => F(s.LongitudeDegrees, NumberFormat.Coordinate),
        4 => F(s.AltitudeMslMeters, NumberFormat.Measure),
        5 => F(s.HeightAboveTakeoffMeters, NumberFormat.Measure),
        6 => F(s.HeightAboveGroundMeters, NumberFormat.Measure),
        7 => F(s.GroundSpeedMetersPerSecond, NumberFormat.Measure),
        8 => F(s.VerticalSpeedMetersPerSecond, NumberFormat.Measure),
        9 => F(s.CourseDegrees, NumberFormat.Measure),
        10 => F(s.RollDegrees, NumberFormat.Measure),
        11 => F(s.PitchDegrees, NumberFormat.Measure),
        12 => F(s.YawDegrees, NumberFormat.Measure),
        13 => F(s.GimbalRollDegrees, NumberFormat.Measure),
        14 => F(s.GimbalPitchDegrees, NumberFormat.Measure),
        15 => F(s.GimbalYawDegrees, NumberFormat.Measure),
        16 => s.Satellites is int n ? NumberFormat.Integer(n) : null,
        17 => s.GpsFix is GpsFix f ? NumberFormat.GpsFixName(f) : null,
        18 => F(s.BatteryPercent, NumberFormat.Measure),
        19 => s.FlightMode,
        20 => B(s.IsRecordingVideo),
        21 => B(s.PhotoTaken),
        22 => NumberFormat.Integer(s.SourceOffset),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    private static string? F(double? value, Func<double, string> format) =>
        value is double v && double.IsFinite(v) ? format(v) : null;

    private static string? B(bool? value) => value is bool b ? (b ? "true" : "false") : null;
}
