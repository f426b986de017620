using BenchmarkDotNet.Attributes;
using FlightForensics.Core.Decoding;
using FlightForensics.OnboardLogs.DataFlash;
using FlightForensics.OnboardLogs.ULog;

namespace FlightForensics.Benchmarks;

/// <summary>
/// The two onboard-log hot loops over in-memory copies of the shared samples: framing alone (reader) and the full
/// decode into a summary sink (reader + mapping). Run: <c>dotnet run -c Release --project benchmarks/FlightForensics.Benchmarks -- --filter *OnboardLog*</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class OnboardLogBenchmarks
{
    private byte[] _dataFlash = [];
    private byte[] _ulog = [];

    [GlobalSetup]
    public void Setup()
    {
        _dataFlash = File.ReadAllBytes(BenchmarkSamples.Path("mavlink", "brunoolivieri_00061-2021-11-21_18-03-38.bin"));
        _ulog = File.ReadAllBytes(BenchmarkSamples.Path("mavlink", "pyulog_sample.ulg"));
    }

    /// <summary>15,615 records (872 KB): frame and count.</summary>
    [Benchmark]
    public long DataFlashReaderFrame()
    {
        using var reader = new DataFlashReader(new MemoryStream(_dataFlash, writable: false));
        long n = 0;
        while (reader.TryReadNext(out _))
        {
            n++;
        }

        return n;
    }

    /// <summary>Full decode (prescan, framing, POS samples, events) into a sink that keeps no samples.</summary>
    [Benchmark]
    public long DataFlashDecoderDecode()
    {
        var sink = new FlightLogSink();
        new DataFlashDecoder().Decode(new MemoryStream(_dataFlash, writable: false), sink, DecodeOptions.Default);
        return sink.Summary.Count;
    }

    /// <summary>64,542 data messages (4.05 MB): frame and count.</summary>
    [Benchmark]
    public long ULogReaderFrame()
    {
        using var reader = new ULogReader(new MemoryStream(_ulog, writable: false));
        long n = 0;
        while (reader.TryReadNext(out _))
        {
            n++;
        }

        return n;
    }

    /// <summary>Full decode into a sink that keeps no samples.</summary>
    [Benchmark]
    public long ULogDecoderDecode()
    {
        var sink = new FlightLogSink();
        new ULogDecoder().Decode(new MemoryStream(_ulog, writable: false), sink, DecodeOptions.Default);
        return sink.RecordCounts.Count;
    }
}
