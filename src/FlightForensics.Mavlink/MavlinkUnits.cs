namespace FlightForensics.Mavlink;

/// <summary>Unit conversions shared by the MAVLink mappers.</summary>
internal static class MavlinkUnits
{
    /// <summary>Quaternion (w, x, y, z) to Tait-Bryan roll, pitch, yaw in degrees; false for a zero or non-finite quaternion.</summary>
    public static bool TryEuler(double w, double x, double y, double z, out double roll, out double pitch, out double yaw)
    {
        roll = pitch = yaw = 0;
        if (!double.IsFinite(w + x + y + z) || (w == 0 && x == 0 && y == 0 && z == 0))
        {
            return false;
        }

        roll = Math.Atan2(2 * ((w * x) + (y * z)), 1 - (2 * ((x * x) + (y * y)))) * 180 / Math.PI;
        pitch = Math.Asin(Math.Clamp(2 * ((w * y) - (z * x)), -1, 1)) * 180 / Math.PI;
        yaw = Math.Atan2(2 * ((w * z) + (x * y)), 1 - (2 * ((y * y) + (z * z)))) * 180 / Math.PI;
        return true;
    }

    public static double? Degrees(float radians) => float.IsFinite(radians) ? radians * (180.0 / Math.PI) : null;

    public static double? Finite(float value) => float.IsFinite(value) ? value : null;
}
