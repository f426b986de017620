using FlightForensics.Core.Decoding;
using FlightForensics.Dji.Dat;
using FlightForensics.Dji.Photo;
using FlightForensics.Dji.Srt;

namespace FlightForensics.Dji;

/// <summary>The DJI aircraft-log (.DAT), subtitle (.SRT) and photo decoders, for registration.</summary>
public static class DjiMediaDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [new DatDecoder(), new SrtDecoder(), new PhotoDecoder()];
}
