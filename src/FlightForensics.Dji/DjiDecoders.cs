using FlightForensics.Core.Decoding;

namespace FlightForensics.Dji;

/// <summary>The DJI flight-record (.txt) decoders this assembly provides, for registration.</summary>
public static class DjiDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [];
}
