using FlightForensics.Core.Decoding;

namespace FlightForensics.Mavlink;

/// <summary>The onboard-log decoders (ArduPilot DataFlash, PX4 ULog), for registration.</summary>
public static class OnboardLogDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [];
}
