using FlightForensics.Core.Decoding;
using FlightForensics.OnboardLogs.DataFlash;
using FlightForensics.OnboardLogs.ULog;

namespace FlightForensics.OnboardLogs;

/// <summary>The onboard-log decoders (ArduPilot DataFlash, PX4 ULog), for registration.</summary>
public static class OnboardLogDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [new DataFlashDecoder(), new ULogDecoder()];
}
