using System.Globalization;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>Record type ids of the flight record (dji-formats.md §3) and the names used in <c>recordCounts</c>.</summary>
public static class FlightRecordType
{
    public const byte Osd = 1;
    public const byte Home = 2;
    public const byte Gimbal = 3;
    public const byte Rc = 4;
    public const byte Custom = 5;
    public const byte Deform = 6;
    public const byte CenterBattery = 7;
    public const byte SmartBattery = 8;
    public const byte AppTip = 9;
    public const byte AppWarn = 10;
    public const byte RcGps = 11;
    public const byte Recover = 13;
    public const byte AppGps = 14;
    public const byte Firmware = 15;
    public const byte SmartBatteryGroup = 22;
    public const byte AppSeriousWarn = 24;
    public const byte Camera = 25;
    public const byte ComponentSerial = 40;
    public const byte KeyStorageRecover = 50;
    public const byte KeyStorage = 56;
    public const byte RcDisplayField = 62;

    private static readonly string?[] s_known = BuildKnown();
    private static readonly string[] s_names = BuildNames();

    /// <summary>The DJI name of a type (upper case, as DJI's FlightRecordDataType), or <c>Unknown(n)</c>.</summary>
    public static string Name(byte type) => s_names[type];

    /// <summary>True when the type has a DJI name (it may still be counted only, not decoded).</summary>
    public static bool IsKnown(byte type) => s_known[type] is not null;

    private static string[] BuildNames()
    {
        var names = new string[256];
        for (int i = 0; i < 256; i++)
        {
            names[i] = s_known[i] ?? string.Create(CultureInfo.InvariantCulture, $"Unknown({i})");
        }

        return names;
    }

    private static string?[] BuildKnown()
    {
        var n = new string?[256];
        n[1] = "OSD";
        n[2] = "HOME";
        n[3] = "GIMBAL";
        n[4] = "RC";
        n[5] = "CUSTOM";
        n[6] = "DEFORM";
        n[7] = "CENTER_BATTERY";
        n[8] = "SMART_BATTERY";
        n[9] = "APP_TIP";
        n[10] = "APP_WARN";
        n[11] = "RC_GPS";
        n[12] = "RC_DEBUG";
        n[13] = "RECOVER";
        n[14] = "APP_GPS";
        n[15] = "FIRMWARE";
        n[16] = "OFDM_DEBUG";
        n[17] = "VISION_GROUP";
        n[18] = "VISION_WARN";
        n[19] = "MC_PARAM";
        n[20] = "APP_OPERATION";
        n[21] = "AG_OSD";
        n[22] = "SMART_BATTERY_GROUP";
        n[24] = "APP_SERIOUS_WARN";
        n[25] = "CAMERA";
        n[26] = "ADSB_FLIGHT_DATA";
        n[27] = "ADSB_FLIGHT_ORIGINAL";
        n[28] = "FLY_FORBID_DB_UUID";
        n[29] = "APP_SPECIAL_CONTROL_JOYSTICK";
        n[30] = "APP_LOW_FREQ_CUSTOM";
        n[31] = "NAVIGATION_MODE_GROUP";
        n[32] = "GS_MISSION_STATUS";
        n[33] = "VIRTUAL_STICK";
        n[34] = "GS_MISSION_EVENT";
        n[35] = "WAYPOINT_MISSION_UPLOAD";
        n[36] = "WAYPOINT_UPLOAD";
        n[38] = "WAYPOINT_MISSION_DOWNLOAD";
        n[39] = "WAYPOINT_DOWNLOAD";
        n[40] = "COMPONENT_SERIAL";
        n[41] = "AG_DISPLAY_FIELD";
        n[43] = "AG_RADAR_PUSH";
        n[44] = "AG_SPRAY";
        n[45] = "RTK_DIFFERENCE";
        n[46] = "AG_FARM_MISSION_INFO";
        n[47] = "AG_FARM_TASK_TEAM";
        n[48] = "AG_GROUND_STATION_PUSH";
        n[49] = "OFDM";
        n[50] = "KEY_STORAGE_RECOVER";
        n[51] = "FLYSAFE_LIMIT_INFO";
        n[52] = "FLYSAFE_UNLOCK_LICENSE";
        n[53] = "FLIGHTHUB_INFO";
        n[54] = "GO_BUSINESS";
        n[56] = "KEY_STORAGE";
        n[58] = "HEALTH_GROUP";
        n[59] = "FC_IMU_INFO";
        n[62] = "RC_DISPLAY_FIELD";
        n[63] = "FC_COMMON_OSD";
        return n;
    }
}

/// <summary>
/// The AES key slot ("feature point") a record type is encrypted under in v13+ files
/// (dji-formats.md §2.5; mapping differs between v13 and v14).
/// </summary>
public enum FeaturePoint
{
    None = 0,
    Base = 1,
    Vision = 2,
    Waypoint = 3,
    Agriculture = 4,
    AirLink = 5,
    AfterSales = 6,
    DjiFlyCustom = 7,
    Plaintext = 8,
    FlightHub = 9,
    Gimbal = 10,
    Rc = 11,
    Camera = 12,
    Battery = 13,
    FlySafe = 14,
    Security = 15,
}

public static class FeaturePoints
{
    /// <summary>The keychain JSON's spelling of each feature point (index = enum value).</summary>
    private static readonly string[] s_jsonNames =
    [
        "",
        "FR_Standardization_Feature_Base_1",
        "FR_Standardization_Feature_Vision_2",
        "FR_Standardization_Feature_Waypoint_3",
        "FR_Standardization_Feature_Agriculture_4",
        "FR_Standardization_Feature_AirLink_5",
        "FR_Standardization_Feature_AfterSales_6",
        "FR_Standardization_Feature_DJIFlyCustom_7",
        "FR_Standardization_Feature_Plaintext_8",
        "FR_Standardization_Feature_FlightHub_9",
        "FR_Standardization_Feature_Gimbal_10",
        "FR_Standardization_Feature_RC_11",
        "FR_Standardization_Feature_Camera_12",
        "FR_Standardization_Feature_Battery_13",
        "FR_Standardization_Feature_FlySafe_14",
        "FR_Standardization_Feature_Security_15",
    ];

    public static string JsonName(FeaturePoint point) => s_jsonNames[(int)point];

    public static FeaturePoint Parse(string? jsonName)
    {
        for (int i = 1; i < s_jsonNames.Length; i++)
        {
            if (string.Equals(s_jsonNames[i], jsonName, StringComparison.Ordinal))
            {
                return (FeaturePoint)i;
            }
        }

        // Some tools write the number alone.
        return int.TryParse(jsonName, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 15
            ? (FeaturePoint)n
            : FeaturePoint.None;
    }

    /// <summary>Feature point of a record type in a file of the given version (13 or later).</summary>
    public static FeaturePoint ForRecordType(byte type, int version)
    {
        bool v13 = version == 13;
        return type switch
        {
            1 or 2 or 6 or 13 or 14 or 15 or 40 or 58 or 59 or 63 => FeaturePoint.Base,
            3 => v13 ? FeaturePoint.Base : FeaturePoint.Gimbal,
            4 or 11 or 29 or 33 => v13 ? FeaturePoint.Base : FeaturePoint.Rc,
            5 or 9 or 10 or 20 or 24 or 30 or 54 => FeaturePoint.DjiFlyCustom,
            7 or 8 => v13 ? FeaturePoint.Base : FeaturePoint.Battery,
            12 or 16 or 19 or 26 or 27 => FeaturePoint.AfterSales,
            17 or 18 => FeaturePoint.Vision,
            21 or 41 or 43 or 44 or 45 or 46 or 47 or 48 => FeaturePoint.Agriculture,
            22 => v13 ? FeaturePoint.AfterSales : FeaturePoint.Battery,
            25 => v13 ? FeaturePoint.Base : FeaturePoint.Camera,
            28 or 51 or 52 => v13 ? FeaturePoint.AfterSales : FeaturePoint.FlySafe,
            31 or 32 or 34 or 35 or 36 or 38 or 39 => FeaturePoint.Waypoint,
            49 => FeaturePoint.AirLink,
            53 => v13 ? FeaturePoint.AfterSales : FeaturePoint.FlightHub,
            55 => FeaturePoint.Security,
            62 => FeaturePoint.Rc,
            _ => FeaturePoint.Plaintext,
        };
    }
}

/// <summary>Human names for the codes the flight record carries (product, platform, flight mode).</summary>
public static class FlightRecordCodes
{
    private static readonly string[] s_flightModes = BuildFlightModes();

    /// <summary>Flight-mode name for OSD byte 30 bits 0–6 (one string instance per mode, no allocation per record).</summary>
    public static string FlightMode(int code) => s_flightModes[code & 0x7F];

    /// <summary>Product (aircraft model) name, or <c>null</c> when the code is not known (callers show the raw code).</summary>
    public static string? ProductName(int code) => code switch
    {
        1 => "Inspire 1",
        2 => "Phantom 3 Standard",
        3 => "Phantom 3 Advanced",
        4 => "Phantom 3 Pro",
        5 => "OSMO",
        6 => "Matrice 100",
        7 => "Phantom 4",
        8 => "LB2",
        9 => "Inspire 1 Pro",
        10 => "A3",
        11 => "Matrice 600",
        12 => "Phantom 3 4K",
        13 => "Mavic Pro",
        14 => "Zenmuse XT",
        15 => "Inspire 1 RAW",
        16 => "A2",
        17 => "Inspire 2",
        18 => "OSMO Pro",
        19 => "OSMO Raw",
        20 => "OSMO Plus",
        21 => "Mavic",
        22 => "OSMO Mobile",
        23 => "Orange CV600",
        24 => "Phantom 4 Pro",
        25 => "N3 FC",
        26 => "Spark",
        27 => "Matrice 600 Pro",
        28 => "Phantom 4 Advanced",
        29 => "Phantom 3 SE",
        30 => "AG405",
        31 => "Matrice 200",
        33 => "Matrice 210",
        34 => "Matrice 210 RTK",
        38 => "Mavic Air",
        42 => "Mavic 2",
        44 => "Phantom 4 Pro V2",
        46 => "Phantom 4 RTK",
        57 => "Phantom 4 Multispectral",
        58 => "Mavic 2 Enterprise",
        59 => "Mavic Mini",
        60 => "Matrice 200 V2",
        61 => "Matrice 210 V2",
        62 => "Matrice 210 RTK V2",
        67 => "Mavic Air 2",
        70 => "Matrice 300 RTK",
        73 => "FPV",
        75 => "Mavic Air 2S",
        76 => "Mini 2",
        77 => "Mavic 3",
        96 => "Mini SE",
        103 => "Mini 3 Pro",
        111 => "Mavic 3 Pro",
        116 => "Matrice 30",
        118 => "Mavic 3 Enterprise",
        121 => "Avata",
        126 => "Mini 4 Pro",
        152 => "Avata 2",
        170 => "Matrice 350 RTK",
        _ => null,
    };

    public static string? PlatformName(int code) => code switch
    {
        1 => "iOS",
        2 => "Android",
        6 => "DJI Fly",
        10 => "Windows",
        11 => "Mac",
        12 => "Linux",
        _ => null,
    };

    public static string? DepartmentName(int code) => code switch
    {
        1 => "SDK",
        2 => "DJI GO",
        3 => "DJI Fly",
        4 => "Agriculture",
        5 => "Terra",
        6 => "DJI Glasses",
        7 => "DJI Pilot",
        8 => "GS Pro",
        _ => null,
    };

    private static string[] BuildFlightModes()
    {
        var m = new string[128];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = string.Create(CultureInfo.InvariantCulture, $"Unknown({i})");
        }

        // Names of DJI's flight-controller state enum (lvauvillier record/osd.rs FlightMode).
        m[0] = "Manual"; m[1] = "Atti"; m[2] = "AttiCourseLock"; m[3] = "AttiHover"; m[4] = "Hover";
        m[5] = "GPSBlake"; m[6] = "GPSAtti"; m[7] = "GPSCourseLock"; m[8] = "GPSHomeLock"; m[9] = "GPSHotPoint";
        m[10] = "AssistedTakeoff"; m[11] = "AutoTakeoff"; m[12] = "AutoLanding"; m[13] = "AttiLanding";
        m[14] = "GPSWaypoint"; m[15] = "GoHome"; m[16] = "ClickGo"; m[17] = "Joystick"; m[18] = "GPSAttiWristband";
        m[19] = "Cinematic"; m[23] = "AttiLimited"; m[24] = "Draw"; m[25] = "GPSFollowMe"; m[26] = "ActiveTrack";
        m[27] = "TapFly"; m[28] = "Pano"; m[29] = "Farming"; m[30] = "FPV"; m[31] = "GPSSport"; m[32] = "GPSNovice";
        m[33] = "ConfirmLanding"; m[35] = "TerrainTracking"; m[36] = "NaviAdvGoHome"; m[37] = "NaviAdvLanding";
        m[38] = "Tripod"; m[39] = "TrackHeadlock"; m[41] = "EngineStart"; m[43] = "GPSGentle";
        return m;
    }
}
