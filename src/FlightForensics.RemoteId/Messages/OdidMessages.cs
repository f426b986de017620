namespace FlightForensics.RemoteId.Messages;

// ASTM F3411-22a / ASD-STAN EN 4709-002 message records: one small type per message kind, holding the raw
// fields and their decoded values. Layouts and encodings as implemented in opendroneid-core-c
// (libopendroneid/opendroneid.h and opendroneid.c): every message is 25 bytes, byte 0 = type (high nibble) and
// protocol version (low nibble).

/// <summary>ASTM F3411 message types (high nibble of the first byte).</summary>
public enum OdidMessageType : byte
{
    BasicId = 0,
    Location = 1,
    Authentication = 2,
    SelfId = 3,
    System = 4,
    OperatorId = 5,
    MessagePack = 0xF,
}

/// <summary>Basic ID (type 0): what the aircraft says it is.</summary>
/// <param name="ProtocolVersion">Low nibble of byte 0 (0: F3411-19, 1: F3411-20, 2: F3411-22a).</param>
/// <param name="IdType">0 none, 1 serial number (ANSI/CTA-2063-A), 2 CAA registration, 3 UTM assigned UUID, 4 specific session ID.</param>
/// <param name="UaType">0 none, 1 aeroplane, 2 helicopter/multirotor, 3 gyroplane, 4 hybrid lift, 5 ornithopter, 6 glider, 7 kite, 8 free balloon, 9 captive balloon, 10 airship, 11 parachute, 12 rocket, 13 tethered, 14 ground obstacle, 15 other.</param>
/// <param name="UasId">Up to 20 ASCII characters, trailing NULs removed.</param>
public readonly record struct BasicIdMessage(int ProtocolVersion, int IdType, int UaType, string UasId);

/// <summary>Location/Vector (type 1), decoded; null where the message uses the standard's "unknown" value.</summary>
public readonly record struct LocationMessage
{
    public int ProtocolVersion { get; init; }

    /// <summary>0 undeclared, 1 ground, 2 airborne, 3 emergency, 4 remote ID system failure.</summary>
    public int Status { get; init; }

    /// <summary>0: height above takeoff; 1: height above ground.</summary>
    public int HeightType { get; init; }

    /// <summary>Raw direction byte (0–179) and the east/west segment flag: direction = raw + 180 when set.</summary>
    public int DirectionRaw { get; init; }
    public bool EastWestSegment { get; init; }

    /// <summary>Raw speed byte and multiplier flag: speed = raw × 0.25, or raw × 0.75 + 63.75 m/s with the flag.</summary>
    public int SpeedRaw { get; init; }
    public bool SpeedMultiplier { get; init; }

    /// <summary>Raw vertical speed (signed byte, × 0.5 m/s; 63 m/s means unknown).</summary>
    public int VerticalSpeedRaw { get; init; }

    /// <summary>Latitude and longitude as transmitted, 1e-7 degrees.</summary>
    public int LatitudeE7 { get; init; }
    public int LongitudeE7 { get; init; }

    /// <summary>Raw altitudes: metres = raw × 0.5 − 1000; raw 0 (−1000 m) means unknown.</summary>
    public int PressureAltitudeRaw { get; init; }
    public int GeodeticAltitudeRaw { get; init; }
    public int HeightRaw { get; init; }

    public int HorizontalAccuracy { get; init; }
    public int VerticalAccuracy { get; init; }
    public int BaroAccuracy { get; init; }
    public int SpeedAccuracy { get; init; }

    /// <summary>Tenths of a second since the full hour (0–35999); 0xFFFF means unknown.</summary>
    public int TimestampTenths { get; init; }
    public int TimestampAccuracyTenths { get; init; }

    public double? DirectionDegrees => DirectionRaw + (EastWestSegment ? 180 : 0) is int d && d < 360 ? d : null;

    public double? SpeedMetersPerSecond => SpeedRaw == 255 ? null : SpeedMultiplier ? SpeedRaw * 0.75 + 255 * 0.25 : SpeedRaw * 0.25;

    public double? VerticalSpeedMetersPerSecond => VerticalSpeedRaw * 0.5 is double v && v is < 63 and > -63 ? v : null;

    /// <summary>Position in degrees; null when both are 0 (the standard's "unknown").</summary>
    public double? LatitudeDegrees => LatitudeE7 == 0 && LongitudeE7 == 0 ? null : LatitudeE7 * 1e-7;
    public double? LongitudeDegrees => LatitudeE7 == 0 && LongitudeE7 == 0 ? null : LongitudeE7 * 1e-7;

    public double? PressureAltitudeMeters => OdidEncoding.Altitude(PressureAltitudeRaw);
    public double? GeodeticAltitudeMeters => OdidEncoding.Altitude(GeodeticAltitudeRaw);
    public double? HeightMeters => OdidEncoding.Altitude(HeightRaw);
}

/// <summary>One Authentication page (type 2). Page 0 carries the header fields; data is 17 bytes on page 0, 23 after.</summary>
public readonly record struct AuthenticationPage(int ProtocolVersion, int AuthType, int PageNumber, int LastPageIndex, int Length, uint TimestampSeconds2019, ReadOnlyMemory<byte> Data);

/// <summary>Self ID (type 3): free text, 23 ASCII characters.</summary>
public readonly record struct SelfIdMessage(int ProtocolVersion, int DescriptionType, string Description);

/// <summary>System (type 4): operator position and the operating area.</summary>
public readonly record struct SystemMessage
{
    public int ProtocolVersion { get; init; }

    /// <summary>0 take-off location, 1 live GNSS, 2 fixed.</summary>
    public int OperatorLocationType { get; init; }
    public int ClassificationType { get; init; }
    public int OperatorLatitudeE7 { get; init; }
    public int OperatorLongitudeE7 { get; init; }
    public int AreaCount { get; init; }

    /// <summary>Raw radius, × 10 m.</summary>
    public int AreaRadiusRaw { get; init; }
    public int AreaCeilingRaw { get; init; }
    public int AreaFloorRaw { get; init; }
    public int Category { get; init; }
    public int Class { get; init; }
    public int OperatorAltitudeRaw { get; init; }

    /// <summary>Seconds since 2019-01-01T00:00:00Z; 0 means unknown.</summary>
    public uint TimestampSeconds2019 { get; init; }

    public double? OperatorLatitudeDegrees => OperatorLatitudeE7 == 0 && OperatorLongitudeE7 == 0 ? null : OperatorLatitudeE7 * 1e-7;
    public double? OperatorLongitudeDegrees => OperatorLatitudeE7 == 0 && OperatorLongitudeE7 == 0 ? null : OperatorLongitudeE7 * 1e-7;
    public double? OperatorAltitudeMeters => OdidEncoding.Altitude(OperatorAltitudeRaw);
    public double AreaRadiusMeters => AreaRadiusRaw * 10.0;
    public DateTimeOffset? TimeUtc => TimestampSeconds2019 == 0 ? null : OdidEncoding.Epoch2019.AddSeconds(TimestampSeconds2019);
}

/// <summary>Operator ID (type 5).</summary>
public readonly record struct OperatorIdMessage(int ProtocolVersion, int OperatorIdType, string OperatorId);

/// <summary>A message whose type is not one of the above, kept raw.</summary>
public readonly record struct UnknownOdidMessage(int Type, int ProtocolVersion, ReadOnlyMemory<byte> Raw);

/// <summary>The standard's shared encodings.</summary>
public static class OdidEncoding
{
    /// <summary>System and Authentication timestamps count seconds from 2019-01-01 00:00 UTC (opendroneid.h).</summary>
    public static readonly DateTimeOffset Epoch2019 = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Altitudes are raw × 0.5 − 1000 m; raw 0 (−1000 m) is the "invalid" value.</summary>
    public static double? Altitude(int raw) => raw == 0 ? null : raw * 0.5 - 1000;
}
