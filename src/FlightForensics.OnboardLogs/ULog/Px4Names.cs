using System.Globalization;

namespace FlightForensics.OnboardLogs.ULog;

/// <summary>
/// Names for PX4 numbers: vehicle_status.nav_state (msg/VehicleStatus.msg; values 6–9, 11 and 16 were reused
/// between releases, so they are named by number only), vehicle_type, and the ver_sw_release encoding.
/// </summary>
public static class Px4Names
{
    private static readonly Dictionary<int, string> s_navStates = new()
    {
        [0] = "MANUAL", [1] = "ALTCTL", [2] = "POSCTL", [3] = "AUTO_MISSION", [4] = "AUTO_LOITER", [5] = "AUTO_RTL",
        [10] = "ACRO", [12] = "DESCEND", [13] = "TERMINATION", [14] = "OFFBOARD", [15] = "STAB", [17] = "AUTO_TAKEOFF",
        [18] = "AUTO_LAND", [19] = "AUTO_FOLLOW_TARGET", [20] = "AUTO_PRECLAND", [21] = "ORBIT", [22] = "AUTO_VTOL_TAKEOFF",
    };

    public static string NavStateName(int navState) =>
        s_navStates.TryGetValue(navState, out var name) ? name : "NAV_STATE_" + navState.ToString(CultureInfo.InvariantCulture);

    /// <summary>vehicle_status.vehicle_type (VEHICLE_TYPE_*): 1 rotary wing, 2 fixed wing, 3 rover, 4 airship.</summary>
    public static string? VehicleTypeName(int type) => type switch
    {
        1 => "RotaryWing",
        2 => "FixedWing",
        3 => "Rover",
        4 => "Airship",
        _ => null,
    };

    /// <summary>ver_sw_release: 0xAABBCCTT = major, minor, patch, type (>= 192 release, 128 beta, 64 alpha, 0 development).</summary>
    public static string ReleaseName(long release)
    {
        long major = (release >> 24) & 0xFF, minor = (release >> 16) & 0xFF, patch = (release >> 8) & 0xFF, type = release & 0xFF;
        string kind = type >= 192 ? "" : type >= 128 ? " beta" : type >= 64 ? " alpha" : " dev";
        return string.Create(CultureInfo.InvariantCulture, $"v{major}.{minor}.{patch}{kind}");
    }
}
