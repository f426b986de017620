using FlightForensics.Core.Decoding;
using FlightForensics.Mavlink.DataFlash;
using FlightForensics.Mavlink.ULog;

namespace FlightForensics.Mavlink;

/// <summary>The onboard-log decoders (ArduPilot DataFlash, PX4 ULog), for registration.</summary>
public static class OnboardLogDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [new DataFlashDecoder(), new ULogDecoder()];
}
