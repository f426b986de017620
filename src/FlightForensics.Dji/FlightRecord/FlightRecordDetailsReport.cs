using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>
/// What the details block (the flight summary the app wrote into the header) says, handed to the sink: vehicle
/// identity, summary counters, start time and, where no HOME record was decoded, the take-off point.
/// </summary>
internal static class FlightRecordDetailsReport
{
    private const string CounterGroup = FlightRecordWalker.CounterGroup;

    /// <summary>Vehicle identity, the summary counters and the start time from the details block.</summary>
    public static void Report(FlightLogSink sink, FlightRecordDetails d, long detailsOffset)
    {
        sink.SetVehicle(new VehicleIdentity
        {
            Manufacturer = "DJI",
            Model = d.ProductName,
            AircraftName = NullIfEmpty(d.AircraftName),
            AircraftSerial = NullIfEmpty(d.AircraftSerial),
            CameraSerial = NullIfEmpty(d.CameraSerial),
            RemoteControllerSerial = NullIfEmpty(d.RemoteControllerSerial),
            BatterySerial = NullIfEmpty(d.BatterySerial),
            AppVersion = d.AppVersion == "0.0.0" ? null : d.AppVersion,
            VehicleType = "multirotor",
        });
        string? platform = FlightRecordCodes.PlatformName(d.AppPlatformCode);
        if (platform is not null)
        {
            sink.AddVehicle(new VehicleIdentity { AppName = $"DJI app ({platform})" });
        }

        sink.AddCounter(CounterGroup, "productType", d.ProductTypeCode);
        sink.AddCounter(CounterGroup, "detailsRecordLineCount", d.RecordLineCount);
        // The summary the app wrote into the header, as neutral facts (whole units: counters are integers), so that a
        // reader can hold it against the records (dji-formats.md §2.3 details block).
        sink.AddCounter(CounterGroup, "detailsOffset", detailsOffset);
        sink.AddCounter(CounterGroup, "detailsTotalTimeMs", d.TotalTimeMilliseconds);
        sink.AddCounter(CounterGroup, "detailsTotalDistanceCm", Centi(d.TotalDistanceMeters));
        sink.AddCounter(CounterGroup, "detailsMaxHeightCm", Centi(d.MaxHeightMeters));
        sink.AddCounter(CounterGroup, "detailsMaxHorizontalSpeedCmps", Centi(d.MaxHorizontalSpeedMetersPerSecond));
        if (d.StartUtc is DateTimeOffset start)
        {
            sink.SetStartUtc(start);
        }
        else if (d.StartTimeMilliseconds != 0)
        {
            sink.AddDiagnostic(0, DiagnosticKind.InvalidValue, $"details start time {d.StartTimeMilliseconds} ms is outside 2010–2100; ignored");
        }
    }

    /// <summary>
    /// Without a decoded HOME record (v13+ without keys, or none written), the details' start point (degrees) is
    /// the take-off point the app recorded.
    /// </summary>
    public static void SetTakeoffPoint(FlightLogSink sink, FlightRecordDetails d, long detailsOffset)
    {
        double lat = d.LatitudeDegrees, lon = d.LongitudeDegrees;
        if (double.IsFinite(lat) && double.IsFinite(lon) && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180 && !(Math.Abs(lat) < 1e-6 && Math.Abs(lon) < 1e-6))
        {
            sink.SetHome(new HomePoint(lat, lon) { TimeUtc = d.StartUtc, SourceOffset = detailsOffset });
            sink.AddCounter(CounterGroup, "homeFromDetails");
        }
    }

    private static long Centi(float value) => float.IsFinite(value) && Math.Abs(value) < 1e12f ? (long)Math.Round(value * 100.0) : 0;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
