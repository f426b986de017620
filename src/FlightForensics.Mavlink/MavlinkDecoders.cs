using FlightForensics.Core.Decoding;

namespace FlightForensics.Mavlink;

/// <summary>The MAVLink telemetry (tlog, raw) decoders, for registration.</summary>
public static class MavlinkDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [];
}
