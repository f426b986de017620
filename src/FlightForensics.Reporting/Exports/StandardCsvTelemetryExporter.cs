using System.Globalization;
using CsvHelper;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>Which column names <c>decode --format csv</c> writes.</summary>
public enum CsvColumnSet
{
    /// <summary>The contract's columns (SI units, fixed order).</summary>
    Contract,

    /// <summary>
    /// The "Standard" CSV of the common DJI log viewers, header byte for byte as in the third-party exports shipped
    /// with DROP (feet, mph, milliseconds, UTC), so existing spreadsheets keep working.
    /// </summary>
    Standard,
}

/// <summary>
/// The DJI log viewers' "Standard" CSV: one row per sample, imperial units converted from the model (1 ft = 0.3048 m,
/// 1 mph = 0.44704 m/s, both exact). Cells the model does not hold (battery and cell voltages, the numeric flight-mode
/// code, app messages, an altitude when the source states none) are left empty rather than invented.
/// </summary>
public sealed class StandardCsvTelemetryExporter : ITelemetryExporter
{
    public const double MetresPerFoot = 0.3048;
    public const double MetresPerSecondPerMph = 0.44704;

    /// <summary>The header of the viewers' export (as in shared/samples/dji/reference/third_party/DROP_*_Standard.csv).</summary>
    public static IReadOnlyList<string> Columns => s_columns;

    private static readonly string[] s_columns =
    [
        "latitude", "longitude", "altitude(feet)", "ascent(feet)", "speed(mph)", "distance(feet)", "time(millisecond)",
        "datetime(utc)", "satellites", "voltage(v)", "max_altitude(feet)", "max_ascent(feet)", "max_speed(mph)",
        "max_distance(feet)", "compass_heading(degrees)", "isPhoto", "isVideo", "rc_elevator", "rc_aileron", "rc_throttle",
        "rc_rudder", "gimbal_heading(degrees)", "gimbal_pitch(degrees)", "battery_percent", "voltageCell1", "voltageCell2",
        "voltageCell3", "voltageCell4", "voltageCell5", "voltageCell6", "flycStateRaw", "flycState", "message",
    ];

    private readonly CsvWriter _csv;
    private readonly string[] _cells = new string[s_columns.Length];
    private double? _originLatitude;
    private double _originLongitude;
    private double? _maxAltitudeFeet;
    private double? _maxAscentFeet;
    private double? _maxSpeedMph;
    private double? _maxDistanceFeet;
    private bool _wasRecording;

    public StandardCsvTelemetryExporter(Stream output)
    {
        _csv = CsvOutput.Create(output);
    }

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        // No comment line: viewers' spreadsheets expect the header first.
        _csv.WriteHeader(s_columns);
    }

    public void WriteSample(in TelemetrySample sample)
    {
        var s = sample;
        Array.Fill(_cells, "");
        bool position = s.HasPosition;
        if (position)
        {
            _cells[0] = NumberFormat.Coordinate(s.LatitudeDegrees!.Value);
            _cells[1] = NumberFormat.Coordinate(s.LongitudeDegrees!.Value);
            if (_originLatitude is null)
            {
                _originLatitude = s.LatitudeDegrees;
                _originLongitude = s.LongitudeDegrees!.Value;
            }
        }

        double? altitudeFeet = s.AltitudeMslMeters / MetresPerFoot;
        double? ascentFeet = s.HeightAboveTakeoffMeters / MetresPerFoot;
        double? speedMph = s.GroundSpeedMetersPerSecond / MetresPerSecondPerMph;
        // Distance: horizontal, from the first position of the flight (as the viewers' exports compute it).
        double? distanceFeet = position && _originLatitude is double lat0
            ? GreatCircleMetres(lat0, _originLongitude, s.LatitudeDegrees!.Value, s.LongitudeDegrees!.Value) / MetresPerFoot
            : null;
        _maxAltitudeFeet = Max(_maxAltitudeFeet, altitudeFeet);
        _maxAscentFeet = Max(_maxAscentFeet, ascentFeet);
        _maxSpeedMph = Max(_maxSpeedMph, speedMph);
        _maxDistanceFeet = Max(_maxDistanceFeet, distanceFeet);

        _cells[2] = Number(altitudeFeet);
        _cells[3] = Number(ascentFeet);
        _cells[4] = Number(speedMph);
        _cells[5] = Number(distanceFeet);
        _cells[6] = s.ElapsedSeconds is double e && double.IsFinite(e) ? NumberFormat.Integer((long)Math.Round(e * 1000)) : "";
        // Whole seconds, rounded to the nearest, as in the viewers' exports; always UTC.
        _cells[7] = s.TimeUtc is DateTimeOffset t
            ? new DateTime((t.UtcTicks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc)
                .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "";
        _cells[8] = s.Satellites is int n ? NumberFormat.Integer(n) : "";
        _cells[10] = Number(_maxAltitudeFeet);
        _cells[11] = Number(_maxAscentFeet);
        _cells[12] = Number(_maxSpeedMph);
        _cells[13] = Number(_maxDistanceFeet);
        _cells[14] = s.YawDegrees is double yaw ? NumberFormat.Measure(Heading(yaw)) : "";
        _cells[15] = s.PhotoTaken == true ? "1" : "0";
        // isVideo marks the row where recording starts (the viewers' meaning); the state is the contract's is_recording_video.
        bool recording = s.IsRecordingVideo == true;
        _cells[16] = recording && !_wasRecording ? "1" : "0";
        _wasRecording = recording;
        if (s.RemoteControl is { } rc)
        {
            _cells[17] = RcRaw(rc.ElevatorPercent);
            _cells[18] = RcRaw(rc.AileronPercent);
            _cells[19] = RcRaw(rc.ThrottlePercent);
            _cells[20] = RcRaw(rc.RudderPercent);
        }

        _cells[21] = s.GimbalYawDegrees is double gy ? NumberFormat.Measure(Heading(gy)) : "";
        _cells[22] = s.GimbalPitchDegrees is double gp ? NumberFormat.Measure(gp) : "";
        _cells[23] = s.BatteryPercent is double b ? NumberFormat.Measure(b) : "";
        _cells[31] = s.FlightMode is string mode ? CsvTelemetryExporter.DefuseFormula(mode) : "";
        _csv.WriteRecord(_cells);
    }

    public void End(FlightLogSink bookkeeping) => _csv.Flush();

    public void Dispose() => _csv.Dispose();

    /// <summary>The DJI raw stick value (364 … 1684, centre 1024) the model's percent stands for.</summary>
    private static string RcRaw(double percent) => NumberFormat.Integer((long)Math.Round(1024 + (6.6 * percent)));

    private static double Heading(double degrees)
    {
        double d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    private static string Number(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static double? Max(double? current, double? value) =>
        value is double v && double.IsFinite(v) ? (current is double c ? Math.Max(c, v) : v) : current;

    private static double GreatCircleMetres(double lat1, double lon1, double lat2, double lon2)
    {
        // Haversine on the IUGG mean Earth radius: centimetres over the few kilometres of a drone flight.
        const double R = 6371008.8;
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        double h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
