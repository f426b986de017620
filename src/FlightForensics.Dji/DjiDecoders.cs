using FlightForensics.Core.Decoding;
using FlightForensics.Dji.FlightRecord;

namespace FlightForensics.Dji;

/// <summary>The DJI flight-record (.txt) decoders this assembly provides, for registration.</summary>
public static class DjiDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [new DjiFlightRecordDecoder()];
}
