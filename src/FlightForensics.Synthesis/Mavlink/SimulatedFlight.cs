using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Synthesis.Mavlink;

/// <summary>A waypoint of a simulated flight: WGS84 degrees and height above the takeoff point in metres.</summary>
public readonly record struct SimulatedWaypoint(double LatitudeDegrees, double LongitudeDegrees, double HeightAboveTakeoffMeters, bool TakePhoto = false);

/// <summary>Parameters of <see cref="SimulatedFlight"/>.</summary>
public sealed record SimulatedFlightOptions
{
    public static SimulatedFlightOptions Default { get; } = new();

    public DateTimeOffset StartUtc { get; init; } = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Altitude of the takeoff point above mean sea level, metres.</summary>
    public double HomeAltitudeMslMeters { get; init; } = 100;

    public double GroundSpeedMetersPerSecond { get; init; } = 8;

    /// <summary>GLOBAL_POSITION_INT rate; ATTITUDE goes at the same rate, the rest at 1 Hz.</summary>
    public double PositionRateHz { get; init; } = 5;

    public byte SystemId { get; init; } = 1;

    /// <summary>MAV_TYPE of the vehicle (2 = quadrotor).</summary>
    public byte VehicleType { get; init; } = 2;

    /// <summary>Also write the ground station's HEARTBEATs (system 255, component 190) as real tlogs have.</summary>
    public bool IncludeGroundStation { get; init; } = true;
}

/// <summary>
/// Writes a tlog of a simple ArduCopter-like flight through waypoints: mission upload, arming, GUIDED/AUTO
/// modes, position/attitude/HUD/battery telemetry, CAMERA_FEEDBACK at photo waypoints, landing, disarming.
/// For demonstrations and synthetic tests; every value is computed, none is taken from a real log.
/// </summary>
public static class SimulatedFlight
{
    private const uint CopterStabilize = 0, CopterAuto = 3, CopterLand = 9;

    public static void WriteTlog(Stream output, IReadOnlyList<SimulatedWaypoint> waypoints, SimulatedFlightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(waypoints);
        if (waypoints.Count < 2)
        {
            throw new ArgumentException("a flight needs at least two waypoints (the first is the takeoff point)", nameof(waypoints));
        }

        options ??= SimulatedFlightOptions.Default;
        var w = new TlogWriter(output);
        var t = options.StartUtc;
        byte sys = options.SystemId;
        var home = waypoints[0];
        uint bootMs = 60_000;
        int photo = 0;

        void Heartbeat(uint mode, bool armed)
        {
            w.Write(t, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", options.VehicleType).Set("autopilot", 3)
                .Set("base_mode", 0x01 | (armed ? 0x80 : 0)).Set("custom_mode", mode).Set("system_status", armed ? 4 : 3)
                .Set("mavlink_version", MavlinkDialect.Version), sys, 1);
            if (options.IncludeGroundStation)
            {
                w.Write(t, MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 6).Set("autopilot", 8).Set("mavlink_version", MavlinkDialect.Version), 255, 190);
            }
        }

        void Text(byte severity, string text) =>
            w.Write(t, MavlinkPayloadBuilder.For("STATUSTEXT").Set("severity", severity).SetText("text", text), sys, 1);

        Heartbeat(CopterStabilize, false);
        Text(6, "ArduCopter V4.5.7 (simulated)");
        w.Write(t, MavlinkPayloadBuilder.For("AUTOPILOT_VERSION").Set("flight_sw_version", (4 << 24) | (5 << 16) | (7 << 8) | 255)
            .SetUInt64("uid", 0x0123456789ABCDEFUL), sys, 1);
        w.Write(t, MavlinkPayloadBuilder.For("HOME_POSITION").Set("latitude", Math.Round(home.LatitudeDegrees * 1e7))
            .Set("longitude", Math.Round(home.LongitudeDegrees * 1e7)).Set("altitude", Math.Round(options.HomeAltitudeMslMeters * 1000)), sys, 1);

        // The plan, as a ground station uploads it (MISSION_COUNT, then one MISSION_ITEM_INT per waypoint).
        w.Write(t, MavlinkPayloadBuilder.For("MISSION_COUNT").Set("count", waypoints.Count).Set("target_system", sys), 255, 190);
        for (int i = 0; i < waypoints.Count; i++)
        {
            var wp = waypoints[i];
            w.Write(t, MavlinkPayloadBuilder.For("MISSION_ITEM_INT").Set("seq", i).Set("command", i == 0 ? 22 : 16).Set("frame", 6)
                .Set("x", Math.Round(wp.LatitudeDegrees * 1e7)).Set("y", Math.Round(wp.LongitudeDegrees * 1e7))
                .Set("z", wp.HeightAboveTakeoffMeters).Set("target_system", sys).Set("autocontinue", 1), 255, 190);
        }

        t = t.AddSeconds(1);
        bootMs += 1000;
        Heartbeat(CopterAuto, true);

        double dt = 1.0 / options.PositionRateHz;
        double sinceSlow = 1;
        double battery = 100;
        for (int leg = 1; leg < waypoints.Count; leg++)
        {
            var a = waypoints[leg - 1];
            var b = waypoints[leg];
            double north = (b.LatitudeDegrees - a.LatitudeDegrees) * 111_320.0;
            double east = (b.LongitudeDegrees - a.LongitudeDegrees) * 111_320.0 * Math.Cos(a.LatitudeDegrees * Math.PI / 180);
            double up = b.HeightAboveTakeoffMeters - a.HeightAboveTakeoffMeters;
            double distance = Math.Sqrt((north * north) + (east * east) + (up * up));
            int steps = Math.Max(1, (int)Math.Ceiling(distance / options.GroundSpeedMetersPerSecond / dt));
            double course = Math.Atan2(east, north);
            for (int s = 1; s <= steps; s++)
            {
                double f = (double)s / steps;
                double lat = a.LatitudeDegrees + ((b.LatitudeDegrees - a.LatitudeDegrees) * f);
                double lon = a.LongitudeDegrees + ((b.LongitudeDegrees - a.LongitudeDegrees) * f);
                double rel = a.HeightAboveTakeoffMeters + (up * f);
                double vn = north / steps / dt, ve = east / steps / dt, vu = up / steps / dt;
                t = t.AddSeconds(dt);
                bootMs += (uint)Math.Round(dt * 1000);
                battery = Math.Max(0, battery - (dt * 0.05));
                w.Write(t, MavlinkPayloadBuilder.For("ATTITUDE").Set("time_boot_ms", bootMs).Set("roll", 0.02)
                    .Set("pitch", -0.08).Set("yaw", course), sys, 1);
                w.Write(t, MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("time_boot_ms", bootMs)
                    .Set("lat", Math.Round(lat * 1e7)).Set("lon", Math.Round(lon * 1e7))
                    .Set("alt", Math.Round((options.HomeAltitudeMslMeters + rel) * 1000)).Set("relative_alt", Math.Round(rel * 1000))
                    .Set("vx", Math.Round(vn * 100)).Set("vy", Math.Round(ve * 100)).Set("vz", Math.Round(-vu * 100))
                    .Set("hdg", Math.Round(((course * 180 / Math.PI) + 360) % 360 * 100)), sys, 1);
                sinceSlow += dt;
                if (sinceSlow >= 1)
                {
                    sinceSlow = 0;
                    Heartbeat(CopterAuto, true);
                    w.Write(t, MavlinkPayloadBuilder.For("GPS_RAW_INT").Set("time_usec", bootMs * 1000.0).Set("fix_type", 3)
                        .Set("lat", Math.Round(lat * 1e7)).Set("lon", Math.Round(lon * 1e7))
                        .Set("alt", Math.Round((options.HomeAltitudeMslMeters + rel) * 1000)).Set("eph", 80).Set("epv", 120)
                        .Set("vel", Math.Round(Math.Sqrt((vn * vn) + (ve * ve)) * 100)).Set("cog", Math.Round(((course * 180 / Math.PI) + 360) % 360 * 100))
                        .Set("satellites_visible", 14), sys, 1);
                    w.Write(t, MavlinkPayloadBuilder.For("VFR_HUD").Set("groundspeed", Math.Sqrt((vn * vn) + (ve * ve)))
                        .Set("alt", options.HomeAltitudeMslMeters + rel).Set("climb", vu).Set("heading", Math.Round(((course * 180 / Math.PI) + 360) % 360)), sys, 1);
                    w.Write(t, MavlinkPayloadBuilder.For("SYS_STATUS").Set("voltage_battery", 16000).Set("battery_remaining", Math.Floor(battery)), sys, 1);
                }
            }

            if (b.TakePhoto)
            {
                w.Write(t, MavlinkPayloadBuilder.For("CAMERA_FEEDBACK").Set("time_usec", (t - DateTimeOffset.UnixEpoch).Ticks / 10.0)
                    .Set("lat", Math.Round(b.LatitudeDegrees * 1e7)).Set("lng", Math.Round(b.LongitudeDegrees * 1e7))
                    .Set("alt_msl", options.HomeAltitudeMslMeters + b.HeightAboveTakeoffMeters).Set("alt_rel", b.HeightAboveTakeoffMeters)
                    .Set("pitch", -90).Set("yaw", course * 180 / Math.PI).Set("foc_len", 24).Set("img_idx", ++photo), sys, 1);
            }
        }

        t = t.AddSeconds(1);
        Heartbeat(CopterLand, true);
        Text(6, "Land complete");
        t = t.AddSeconds(1);
        Heartbeat(CopterLand, false);
        w.Dispose();
    }
}
