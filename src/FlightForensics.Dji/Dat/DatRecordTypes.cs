using System.Globalization;

namespace FlightForensics.Dji.Dat;

/// <summary>Record type ids of the flight-controller log (dji-formats.md §4; DatCon record classes) and their names.</summary>
public static class DatRecordTypes
{
    public const ushort Osd = 12;
    public const ushort HomePoint = 13;
    public const ushort ImuAtti0 = 2048;
    public const ushort ImuAtti2 = 2050;
    public const ushort Gps0 = 2096;
    public const ushort Gps2 = 2098;
    public const ushort FlightControllerText = 32768;
    public const ushort RecordDefinitions = 0xFFFD;
    public const ushort SdCardText = 0xFF00;

    // V1 (Phantom 3 / Inspire 1) ids.
    public const ushort V1ImuAtti = 1;
    public const ushort V1Gps = 5;

    /// <summary>The name used in <c>recordCounts</c>, or null for an id this decoder does not know.</summary>
    public static string? KnownName(ushort type, bool v1) => v1
        ? type switch
        {
            V1ImuAtti => "IMU_ATTI",
            V1Gps => "GPS",
            HomePoint => "HOME_POINT",
            _ => null,
        }
        : type switch
        {
            Osd => "OSD",
            HomePoint => "HOME_POINT",
            ImuAtti0 => "IMU_ATTI(0)",
            2049 => "IMU_ATTI(1)",
            ImuAtti2 => "IMU_ATTI(2)",
            Gps0 => "GPS(0)",
            2097 => "GPS(1)",
            Gps2 => "GPS(2)",
            FlightControllerText => "FC_TEXT",
            RecordDefinitions => "RECORD_DEFINITIONS",
            SdCardText => "SD_TEXT",
            _ => null,
        };

    public static string UnknownName(ushort type) => string.Create(CultureInfo.InvariantCulture, $"Unknown({type})");
}
