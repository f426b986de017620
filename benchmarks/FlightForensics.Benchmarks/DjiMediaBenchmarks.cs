using BenchmarkDotNet.Attributes;
using FlightForensics.Core.Decoding;
using FlightForensics.Dji.Dat;
using FlightForensics.Dji.Photo;
using FlightForensics.Dji.Srt;

namespace FlightForensics.Benchmarks;

/// <summary>
/// The DAT record walk and the SRT cue loop, from memory into a summary-only sink (no sample storage), with allocations.
/// Run: dotnet run -c Release --project benchmarks/FlightForensics.Benchmarks -- --filter '*DjiMedia*'
/// </summary>
[MemoryDiagnoser]
public class DjiMediaBenchmarks
{
    private byte[] _dat = [];
    private byte[] _srt = [];
    private byte[] _photo = [];
    private readonly DatDecoder _datDecoder = new();
    private readonly DatDecoder _datDecoderNoText = new(new DatOptions { MaxTextEvents = 0 });
    private readonly SrtDecoder _srtDecoder = new();
    private readonly PhotoDecoder _photoDecoder = new();

    [GlobalSetup]
    public void Setup()
    {
        _dat = File.ReadAllBytes(BenchmarkSamples.Path("dji-dat", "plaso_17-08-29-12-58-45_FLY005.DAT"));
        _srt = File.ReadAllBytes(BenchmarkSamples.Path("dji", "srt", "JuanIrache_m2zoom.SRT"));
        _photo = File.ReadAllBytes(BenchmarkSamples.Path("dji-photos", "thermalparser_H20N_DJI_0006_R.JPG"));
    }

    /// <summary>FLY005.DAT, 2.3 MB, 34 058 records, 1 787 GPS samples, 1 842 text events.</summary>
    [Benchmark]
    public long DatFly005() => Run(_datDecoder, _dat);

    /// <summary>The same walk without text events: what the record loop itself allocates.</summary>
    [Benchmark]
    public long DatFly005RecordLoopOnly() => Run(_datDecoderNoText, _dat);

    /// <summary>m2zoom.SRT, 2.1 MB, 7 113 cues.</summary>
    [Benchmark]
    public long SrtM2Zoom() => Run(_srtDecoder, _srt);

    /// <summary>One radiometric JPEG through MetadataExtractor (for scale; not a hot loop).</summary>
    [Benchmark]
    public long PhotoH20N() => Run(_photoDecoder, _photo);

    private static long Run(IFlightLogDecoder decoder, byte[] bytes)
    {
        var sink = new FlightLogSink();
        using var stream = new MemoryStream(bytes, writable: false);
        decoder.Decode(stream, sink, DecodeOptions.Default);
        return sink.Summary.Count;
    }
}
