using System.Globalization;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>ArduPilot's vehicle families, as named in the firmware banner (e.g. "ArduCopter V4.1.0").</summary>
public enum ArduPilotVehicle
{
    Unknown,
    Copter,
    Plane,
    Rover,
    Sub,
    Tracker,
    Blimp,
}

/// <summary>
/// Names for ArduPilot's numbers: flight modes per vehicle family (the mode number means different things in
/// Copter and Plane), EV event ids, ERR subsystems, mission command ids. Facts from ArduPilot's
/// mode enums (ArduCopter/mode.h, ArduPlane/mode.h, Rover/mode.h, ArduSub/defines.h, AntennaTracker/mode.h),
/// AP_Logger/AP_Logger.h (LogEvent, LogErrorSubsystem) and MAVLink MAV_CMD.
/// </summary>
public static class ArduPilotNames
{
    private static readonly Dictionary<int, string> s_copter = new()
    {
        [0] = "STABILIZE", [1] = "ACRO", [2] = "ALT_HOLD", [3] = "AUTO", [4] = "GUIDED", [5] = "LOITER", [6] = "RTL",
        [7] = "CIRCLE", [9] = "LAND", [11] = "DRIFT", [13] = "SPORT", [14] = "FLIP", [15] = "AUTOTUNE", [16] = "POSHOLD",
        [17] = "BRAKE", [18] = "THROW", [19] = "AVOID_ADSB", [20] = "GUIDED_NOGPS", [21] = "SMART_RTL", [22] = "FLOWHOLD",
        [23] = "FOLLOW", [24] = "ZIGZAG", [25] = "SYSTEMID", [26] = "AUTOROTATE", [27] = "AUTO_RTL", [28] = "TURTLE",
    };

    private static readonly Dictionary<int, string> s_plane = new()
    {
        [0] = "MANUAL", [1] = "CIRCLE", [2] = "STABILIZE", [3] = "TRAINING", [4] = "ACRO", [5] = "FBWA", [6] = "FBWB",
        [7] = "CRUISE", [8] = "AUTOTUNE", [10] = "AUTO", [11] = "RTL", [12] = "LOITER", [13] = "TAKEOFF", [14] = "AVOID_ADSB",
        [15] = "GUIDED", [16] = "INITIALISING", [17] = "QSTABILIZE", [18] = "QHOVER", [19] = "QLOITER", [20] = "QLAND",
        [21] = "QRTL", [22] = "QAUTOTUNE", [23] = "QACRO", [24] = "THERMAL", [25] = "LOITER_ALT_QLAND",
    };

    private static readonly Dictionary<int, string> s_rover = new()
    {
        [0] = "MANUAL", [1] = "ACRO", [3] = "STEERING", [4] = "HOLD", [5] = "LOITER", [6] = "FOLLOW", [7] = "SIMPLE",
        [8] = "DOCK", [9] = "CIRCLE", [10] = "AUTO", [11] = "RTL", [12] = "SMART_RTL", [15] = "GUIDED", [16] = "INITIALISING",
    };

    private static readonly Dictionary<int, string> s_sub = new()
    {
        [0] = "STABILIZE", [1] = "ACRO", [2] = "ALT_HOLD", [3] = "AUTO", [4] = "GUIDED", [7] = "CIRCLE", [9] = "SURFACE",
        [16] = "POSHOLD", [19] = "MANUAL", [20] = "MOTOR_DETECT", [21] = "SURFTRAK",
    };

    private static readonly Dictionary<int, string> s_tracker = new()
    {
        [0] = "MANUAL", [1] = "STOP", [2] = "SCAN", [3] = "SERVO_TEST", [4] = "GUIDED", [10] = "AUTO", [16] = "INITIALISING",
    };

    private static readonly Dictionary<int, string> s_blimp = new()
    {
        [0] = "LAND", [1] = "MANUAL", [2] = "VELOCITY", [3] = "LOITER", [4] = "RTL",
    };

    private static readonly Dictionary<int, string> s_events = new()
    {
        [10] = "ARMED", [11] = "DISARMED", [15] = "AUTO_ARMED", [17] = "LAND_COMPLETE_MAYBE", [18] = "LAND_COMPLETE",
        [19] = "LOST_GPS", [21] = "FLIP_START", [22] = "FLIP_END", [25] = "SET_HOME", [26] = "SET_SIMPLE_ON",
        [27] = "SET_SIMPLE_OFF", [28] = "NOT_LANDED", [29] = "SET_SUPERSIMPLE_ON", [30] = "AUTOTUNE_INITIALISED",
        [31] = "AUTOTUNE_OFF", [32] = "AUTOTUNE_RESTART", [33] = "AUTOTUNE_SUCCESS", [34] = "AUTOTUNE_FAILED",
        [35] = "AUTOTUNE_REACHED_LIMIT", [36] = "AUTOTUNE_PILOT_TESTING", [37] = "AUTOTUNE_SAVEDGAINS", [38] = "SAVE_TRIM",
        [39] = "SAVEWP_ADD_WP", [41] = "FENCE_ENABLE", [42] = "FENCE_DISABLE", [43] = "ACRO_TRAINER_OFF",
        [44] = "ACRO_TRAINER_LEVELING", [45] = "ACRO_TRAINER_LIMITED", [46] = "GRIPPER_GRAB", [47] = "GRIPPER_RELEASE",
        [49] = "PARACHUTE_DISABLED", [50] = "PARACHUTE_ENABLED", [51] = "PARACHUTE_RELEASED", [52] = "LANDING_GEAR_DEPLOYED",
        [53] = "LANDING_GEAR_RETRACTED", [54] = "MOTORS_EMERGENCY_STOPPED", [55] = "MOTORS_EMERGENCY_STOP_CLEARED",
        [56] = "MOTORS_INTERLOCK_DISABLED", [57] = "MOTORS_INTERLOCK_ENABLED", [58] = "ROTOR_RUNUP_COMPLETE",
        [59] = "ROTOR_SPEED_BELOW_CRITICAL", [60] = "EKF_ALT_RESET", [61] = "LAND_CANCELLED_BY_PILOT", [62] = "EKF_YAW_RESET",
        [63] = "AVOIDANCE_ADSB_ENABLE", [64] = "AVOIDANCE_ADSB_DISABLE", [65] = "AVOIDANCE_PROXIMITY_ENABLE",
        [66] = "AVOIDANCE_PROXIMITY_DISABLE", [67] = "GPS_PRIMARY_CHANGED", [71] = "ZIGZAG_STORE_A", [72] = "ZIGZAG_STORE_B",
        [73] = "LAND_REPO_ACTIVE", [74] = "STANDBY_ENABLE", [75] = "STANDBY_DISABLE",
        [163] = "SURFACED", [164] = "NOT_SURFACED", [165] = "BOTTOM_REACHED", [166] = "NOT_BOTTOMED",
    };

    private static readonly Dictionary<int, string> s_errorSubsystems = new()
    {
        [1] = "MAIN", [2] = "RADIO", [3] = "COMPASS", [4] = "OPTFLOW", [5] = "FAILSAFE_RADIO", [6] = "FAILSAFE_BATT",
        [7] = "FAILSAFE_GPS", [8] = "FAILSAFE_GCS", [9] = "FAILSAFE_FENCE", [10] = "FLIGHT_MODE", [11] = "GPS",
        [12] = "CRASH_CHECK", [13] = "FLIP", [14] = "AUTOTUNE", [15] = "PARACHUTES", [16] = "EKFCHECK",
        [17] = "FAILSAFE_EKFINAV", [18] = "BARO", [19] = "CPU", [20] = "FAILSAFE_ADSB", [21] = "TERRAIN",
        [22] = "NAVIGATION", [23] = "FAILSAFE_TERRAIN", [24] = "EKF_PRIMARY", [25] = "THRUST_LOSS_CHECK",
        [26] = "FAILSAFE_SENSORS", [27] = "FAILSAFE_LEAK", [28] = "PILOT_INPUT", [29] = "FAILSAFE_VIBE",
    };

    private static readonly Dictionary<int, string> s_commands = new()
    {
        [16] = "NAV_WAYPOINT", [17] = "NAV_LOITER_UNLIM", [18] = "NAV_LOITER_TURNS", [19] = "NAV_LOITER_TIME",
        [20] = "NAV_RETURN_TO_LAUNCH", [21] = "NAV_LAND", [22] = "NAV_TAKEOFF", [30] = "NAV_CONTINUE_AND_CHANGE_ALT",
        [31] = "NAV_LOITER_TO_ALT", [82] = "NAV_SPLINE_WAYPOINT", [84] = "NAV_VTOL_TAKEOFF", [85] = "NAV_VTOL_LAND",
        [92] = "NAV_GUIDED_ENABLE", [93] = "NAV_DELAY", [112] = "CONDITION_DELAY", [113] = "CONDITION_CHANGE_ALT",
        [114] = "CONDITION_DISTANCE", [115] = "CONDITION_YAW", [177] = "DO_JUMP", [178] = "DO_CHANGE_SPEED",
        [179] = "DO_SET_HOME", [181] = "DO_SET_RELAY", [182] = "DO_REPEAT_RELAY", [183] = "DO_SET_SERVO",
        [184] = "DO_REPEAT_SERVO", [189] = "DO_LAND_START", [201] = "DO_SET_ROI", [202] = "DO_DIGICAM_CONFIGURE",
        [203] = "DO_DIGICAM_CONTROL", [205] = "DO_MOUNT_CONTROL", [206] = "DO_SET_CAM_TRIGG_DIST", [207] = "DO_FENCE_ENABLE",
        [208] = "DO_PARACHUTE", [211] = "DO_GRIPPER", [2000] = "IMAGE_START_CAPTURE", [2001] = "IMAGE_STOP_CAPTURE",
        [2500] = "VIDEO_START_CAPTURE", [2501] = "VIDEO_STOP_CAPTURE",
    };

    /// <summary>The vehicle family named by a firmware banner ("ArduCopter V4.1.0 (ea559a56)"), or Unknown.</summary>
    public static ArduPilotVehicle VehicleFromBanner(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("ArduCopter", StringComparison.Ordinal) || text.StartsWith("APM:Copter", StringComparison.Ordinal))
        {
            return ArduPilotVehicle.Copter;
        }

        if (text.StartsWith("ArduPlane", StringComparison.Ordinal) || text.StartsWith("APM:Plane", StringComparison.Ordinal))
        {
            return ArduPilotVehicle.Plane;
        }

        if (text.StartsWith("ArduRover", StringComparison.Ordinal) || text.StartsWith("APMrover2", StringComparison.Ordinal) || text.StartsWith("Rover", StringComparison.Ordinal))
        {
            return ArduPilotVehicle.Rover;
        }

        if (text.StartsWith("ArduSub", StringComparison.Ordinal))
        {
            return ArduPilotVehicle.Sub;
        }

        if (text.StartsWith("AntennaTracker", StringComparison.Ordinal))
        {
            return ArduPilotVehicle.Tracker;
        }

        return text.StartsWith("Blimp", StringComparison.Ordinal) ? ArduPilotVehicle.Blimp : ArduPilotVehicle.Unknown;
    }

    private static Dictionary<int, string>? ModeTable(ArduPilotVehicle vehicle) => vehicle switch
    {
        ArduPilotVehicle.Copter => s_copter,
        ArduPilotVehicle.Plane => s_plane,
        ArduPilotVehicle.Rover => s_rover,
        ArduPilotVehicle.Sub => s_sub,
        ArduPilotVehicle.Tracker => s_tracker,
        ArduPilotVehicle.Blimp => s_blimp,
        _ => null,
    };

    /// <summary>A flight-mode name for a vehicle family; "MODE_n" when the family or the number is unknown.</summary>
    public static string ModeName(ArduPilotVehicle vehicle, int mode)
    {
        var table = ModeTable(vehicle);
        return table is not null && table.TryGetValue(mode, out var name) ? name : "MODE_" + mode.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The number of a flight-mode name in a vehicle family's table (text logs print names); false when unknown.</summary>
    public static bool TryModeNumber(ArduPilotVehicle vehicle, string name, out int mode)
    {
        var table = ModeTable(vehicle);
        foreach (var (number, modeName) in table ?? [])
        {
            if (string.Equals(modeName, name, StringComparison.OrdinalIgnoreCase))
            {
                mode = number;
                return true;
            }
        }

        mode = 0;
        return false;
    }

    public static string EventName(int id) => s_events.TryGetValue(id, out var n) ? n : "EVENT_" + id.ToString(CultureInfo.InvariantCulture);

    public static string ErrorSubsystemName(int id) => s_errorSubsystems.TryGetValue(id, out var n) ? n : "SUBSYSTEM_" + id.ToString(CultureInfo.InvariantCulture);

    public static string CommandName(int id) => s_commands.TryGetValue(id, out var n) ? n : "MAV_CMD_" + id.ToString(CultureInfo.InvariantCulture);
}
