using BenchmarkDotNet.Attributes;
using FlightForensics.Core.Decoding;
using FlightForensics.Dji.FlightRecord;

namespace FlightForensics.Benchmarks;

/// <summary>
/// The DJI flight-record decoding loop over every shared .txt sample, from memory (no disk, no hashing), with a
/// sink that keeps no samples: what is measured is framing, XOR, mapping and the sink's bookkeeping.
/// Run: dotnet run -c Release --project benchmarks/FlightForensics.Benchmarks -- --filter '*DjiFlightRecord*'
/// </summary>
[MemoryDiagnoser]
public class DjiFlightRecordBenchmarks
{
    private readonly DjiFlightRecordDecoder _decoder = new();
    private byte[][] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = BenchmarkSamples.Path("dji", "txt");
        _files = Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        if (_files.Length == 0)
        {
            throw new InvalidOperationException($"no .txt samples in {folder}");
        }
    }

    /// <summary>Bytes per operation, for throughput (MB/s = TotalBytes / mean time).</summary>
    public long TotalBytes => _files.Sum(f => (long)f.Length);

    [Benchmark(Description = "all dji .txt samples (8.8 MB), summary sink")]
    public long DecodeAllSamples()
    {
        long samples = 0;
        foreach (var file in _files)
        {
            var sink = new FlightLogSink();
            using var stream = new MemoryStream(file, writable: false);
            _decoder.Decode(stream, sink, DecodeOptions.Default);
            samples += sink.Summary.Count;
        }

        return samples;
    }

    [Benchmark(Description = "largest v8 log (10 167 OSD), summary sink")]
    public long DecodeLongestFlight()
    {
        var file = _files.OrderByDescending(f => f.Length).First(f => f[10] < 13);
        var sink = new FlightLogSink();
        using var stream = new MemoryStream(file, writable: false);
        _decoder.Decode(stream, sink, DecodeOptions.Default);
        return sink.Summary.Count;
    }
}
