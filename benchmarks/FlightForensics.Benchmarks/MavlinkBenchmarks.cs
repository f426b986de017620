using BenchmarkDotNet.Attributes;
using FlightForensics.Core.Decoding;
using FlightForensics.Mavlink;
using FlightForensics.Mavlink.Codec;

namespace FlightForensics.Benchmarks;

/// <summary>
/// MAVLink framing + CRC, and the full decode into the telemetry model, over the largest shared tlog
/// (brunoolivieri_20211123-010337.tlog, 2.40 MB, 61,810 packets) held in memory.
/// Run: dotnet run -c Release --project benchmarks/FlightForensics.Benchmarks -- --filter '*Mavlink*'
/// </summary>
[MemoryDiagnoser]
public class MavlinkBenchmarks
{
    private byte[] _tlog = [];

    [GlobalSetup]
    public void Setup() => _tlog = File.ReadAllBytes(BenchmarkSamples.Path("mavlink", "brunoolivieri_20211123-010337.tlog"));

    /// <summary>Splits the buffer into packets and checks every CRC (no model mapping).</summary>
    [Benchmark]
    public int FramingAndCrc()
    {
        var reader = new MavlinkPacketReader(_tlog, isFinalBlock: true, MavlinkFraming.Tlog);
        int packets = 0;
        while (reader.Read(out var result))
        {
            if (result.Kind == MavlinkReadKind.Packet)
            {
                packets++;
            }
        }

        return packets;
    }

    /// <summary>Reads by typed view the fields of every GLOBAL_POSITION_INT (framing + field access).</summary>
    [Benchmark]
    public long FramingAndTypedFieldAccess()
    {
        var reader = new MavlinkPacketReader(_tlog, isFinalBlock: true, MavlinkFraming.Tlog);
        long sum = 0;
        while (reader.Read(out var result))
        {
            if (result.Kind == MavlinkReadKind.Packet && result.Frame.MessageId == Mavlink.Definitions.MavlinkMessageId.GlobalPositionInt)
            {
                var gpi = new Mavlink.Definitions.GlobalPositionIntView(result.Frame.Payload);
                sum += gpi.Lat + gpi.Lon + gpi.RelativeAlt;
            }
        }

        return sum;
    }

    /// <summary>The whole decoder from a stream into a summary sink (the path of <c>inspect</c>).</summary>
    [Benchmark]
    public long FullDecode()
    {
        var sink = new FlightLogSink();
        new MavlinkTlogDecoder().Decode(new MemoryStream(_tlog, writable: false), sink, DecodeOptions.Default);
        return sink.Summary.Count;
    }
}
