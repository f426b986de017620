namespace FlightForensics.RemoteId.Messages;

/// <summary>
/// DJI DroneID Wi-Fi vendor element, versions 1 and 2. Layout as published in RemoteIDReceiver
/// (cyber-defence-campus/RemoteIDReceiver, Receiver/backend/dronesniffer/parse/dji/parser.py) and the
/// DroneSecurity paper (Schiller et al., NDSS 2023): after OUI (3), 4 vendor bytes and the version byte, a
/// little-endian record: sequence (u16), state (2), serial (16 ASCII), longitude and latitude (i32, radians × 1e7),
/// altitude (i16), height (i16, decimetres), north/east/up speeds (i16, cm/s), v1: pitch, roll, yaw (i16, 0.01°);
/// v2: yaw (i16, 0.01°), a 64-bit timestamp, pilot latitude and longitude (i32, radians × 1e7); then home
/// longitude and latitude (i32, radians × 1e7), product type (u8), UUID length (u8), UUID (20).
/// </summary>
public readonly record struct DjiDroneIdMessage
{
    public int Version { get; init; }
    public int Oui { get; init; }
    public int Sequence { get; init; }
    public int State { get; init; }
    public string Serial { get; init; }
    public int LongitudeRadE7 { get; init; }
    public int LatitudeRadE7 { get; init; }
    public int AltitudeRaw { get; init; }
    public int HeightDecimeters { get; init; }
    public int SpeedNorthCmS { get; init; }
    public int SpeedEastCmS { get; init; }
    public int SpeedUpCmS { get; init; }
    public int YawCentidegrees { get; init; }
    public ulong Timestamp { get; init; }
    public int? PilotLatitudeRadE7 { get; init; }
    public int? PilotLongitudeRadE7 { get; init; }
    public int HomeLongitudeRadE7 { get; init; }
    public int HomeLatitudeRadE7 { get; init; }
    public int ProductType { get; init; }
    public string Uuid { get; init; }

    public double LatitudeDegrees => ToDegrees(LatitudeRadE7);
    public double LongitudeDegrees => ToDegrees(LongitudeRadE7);
    public double HomeLatitudeDegrees => ToDegrees(HomeLatitudeRadE7);
    public double HomeLongitudeDegrees => ToDegrees(HomeLongitudeRadE7);
    public double? PilotLatitudeDegrees => PilotLatitudeRadE7 is int v ? ToDegrees(v) : null;
    public double? PilotLongitudeDegrees => PilotLongitudeRadE7 is int v ? ToDegrees(v) : null;
    public double HeightMeters => HeightDecimeters / 10.0;
    public double GroundSpeedMetersPerSecond => Math.Sqrt((double)SpeedNorthCmS * SpeedNorthCmS + (double)SpeedEastCmS * SpeedEastCmS) / 100.0;
    public double VerticalSpeedMetersPerSecond => SpeedUpCmS / 100.0;

    /// <summary>Radians × 1e7 to degrees.</summary>
    public static double ToDegrees(int radiansE7) => radiansE7 / 1e7 * (180.0 / Math.PI);
}
