using System.Collections.Frozen;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink;

/// <summary>
/// Names of HEARTBEAT flight modes. ArduPilot puts a vehicle-specific mode number in custom_mode
/// (enums COPTER_MODE, PLANE_MODE, ROVER_MODE, SUB_MODE of ardupilotmega.xml); PX4 packs a main mode
/// in byte 2 and a sub mode in byte 3 of custom_mode (PX4 px4_custom_mode.h).
/// </summary>
public static class MavlinkModes
{
    public const byte AutopilotArduPilot = 3;
    public const byte AutopilotPx4 = 12;
    public const byte AutopilotInvalid = 8;
    public const byte TypeGcs = 6;

    /// <summary>base_mode bit: MAV_MODE_FLAG_SAFETY_ARMED.</summary>
    public const byte BaseModeArmed = 0x80;

    /// <summary>base_mode bit: MAV_MODE_FLAG_CUSTOM_MODE_ENABLED.</summary>
    public const byte BaseModeCustom = 0x01;

    private static readonly FrozenDictionary<ulong, string> s_copter = Table("COPTER_MODE");
    private static readonly FrozenDictionary<ulong, string> s_plane = Table("PLANE_MODE");
    private static readonly FrozenDictionary<ulong, string> s_rover = Table("ROVER_MODE");
    private static readonly FrozenDictionary<ulong, string> s_sub = Table("SUB_MODE");
    private static readonly FrozenDictionary<ulong, string> s_tracker = Table("TRACKER_MODE");

    private static readonly string[] s_px4Main = ["", "MANUAL", "ALTCTL", "POSCTL", "AUTO", "ACRO", "OFFBOARD", "STABILIZED", "RATTITUDE", "TERMINATION"];
    private static readonly string[] s_px4Auto = ["AUTO", "AUTO_READY", "AUTO_TAKEOFF", "AUTO_LOITER", "AUTO_MISSION", "AUTO_RTL", "AUTO_LAND", "AUTO_RTGS", "AUTO_FOLLOW_TARGET", "AUTO_PRECLAND", "AUTO_VTOL_TAKEOFF"];
    private static readonly FrozenDictionary<uint, string> s_numbers = Enumerable.Range(0, 256).ToFrozenDictionary(i => (uint)i, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The mode name, or a stable "MODE(n)" when the number is not in the tables. Returns cached strings.</summary>
    public static string Name(byte autopilot, byte vehicleType, uint customMode)
    {
        if (autopilot == AutopilotPx4)
        {
            uint main = (customMode >> 16) & 0xFF;
            uint sub = (customMode >> 24) & 0xFF;
            if (main == 4 && sub < s_px4Auto.Length)
            {
                return s_px4Auto[sub];
            }

            if (main > 0 && main < s_px4Main.Length)
            {
                return s_px4Main[main];
            }

            return Fallback(customMode);
        }

        var table = autopilot == AutopilotArduPilot ? ArduPilotTable(vehicleType) : null;
        return table is not null && table.TryGetValue(customMode, out var name) ? name : Fallback(customMode);
    }

    /// <summary>The ArduPilot mode table for a MAV_TYPE (copter for multirotors and helicopters, plane for fixed wing and VTOL).</summary>
    public static FrozenDictionary<ulong, string>? ArduPilotTable(byte vehicleType) => vehicleType switch
    {
        1 or 16 or 19 or 20 or 21 or 22 or 23 or 24 or 25 => s_plane,
        2 or 3 or 4 or 13 or 14 or 15 or 29 or 35 or 43 => s_copter,
        10 or 11 => s_rover,
        12 => s_sub,
        5 => s_tracker,
        _ => null,
    };

    private static string Fallback(uint customMode) =>
        s_numbers.TryGetValue(customMode, out var n) ? "MODE(" + n + ")" : "MODE(" + customMode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    private static FrozenDictionary<ulong, string> Table(string enumName)
    {
        var info = MavlinkDialect.FindEnum(enumName);
        if (info is null)
        {
            return FrozenDictionary<ulong, string>.Empty;
        }

        var prefix = enumName + "_";
        return info.Entries.ToFrozenDictionary(e => e.Value, e => e.Name.StartsWith(prefix, StringComparison.Ordinal) ? e.Name[prefix.Length..] : e.Name);
    }

    /// <summary>An enum entry name without the enum's prefix (MAV_TYPE_QUADROTOR → QUADROTOR), or the number.</summary>
    public static string EnumShortName(string enumName, ulong value)
    {
        var name = MavlinkDialect.EnumName(enumName, value);
        if (name is null)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var prefix = enumName + "_";
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }
}
