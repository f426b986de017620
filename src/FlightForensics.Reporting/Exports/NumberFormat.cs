using System.Globalization;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The one place that turns numbers into text for every output, invariant and with fixed maximum
/// precision so that float-to-double noise (0.30000001192092896) does not reach the evidence tables.
/// </summary>
public static class NumberFormat
{
    /// <summary>Degrees of latitude/longitude: 9 decimals, about 0.1 mm.</summary>
    public static string Coordinate(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    /// <summary>Metres, m/s, degrees of attitude, percent: 4 decimals.</summary>
    public static string Measure(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Seconds: microsecond resolution (tlog timestamps are µs).</summary>
    public static string Seconds(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC with milliseconds and Z, as the contract's <c>time_utc</c>.</summary>
    public static string Utc(DateTimeOffset value) => Core.UtcText.Format(value);

    public static string GpsFixName(FlightForensics.Core.Model.GpsFix fix) => fix switch
    {
        FlightForensics.Core.Model.GpsFix.NoGps => "no-gps",
        FlightForensics.Core.Model.GpsFix.NoFix => "no-fix",
        FlightForensics.Core.Model.GpsFix.Fix2D => "2d",
        FlightForensics.Core.Model.GpsFix.Fix3D => "3d",
        FlightForensics.Core.Model.GpsFix.Dgps => "dgps",
        FlightForensics.Core.Model.GpsFix.RtkFloat => "rtk-float",
        FlightForensics.Core.Model.GpsFix.RtkFixed => "rtk-fixed",
        FlightForensics.Core.Model.GpsFix.Static => "static",
        FlightForensics.Core.Model.GpsFix.Ppp => "ppp",
        _ => "unknown",
    };
}
