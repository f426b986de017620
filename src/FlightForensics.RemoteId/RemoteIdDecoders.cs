using FlightForensics.Core.Decoding;

namespace FlightForensics.RemoteId;

/// <summary>The Remote ID decoders, for registration.</summary>
public static class RemoteIdDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [new RemoteIdCaptureDecoder()];
}
