using BenchmarkDotNet.Attributes;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace FlightForensics.Benchmarks;

/// <summary>
/// The geo engine on a large layer: the Andorra PBF's classified features replicated on a grid of shifted copies
/// (about 100,000 polygons with 170 copies) against synthetic 10 Hz tracks flown back and forth over Andorra.
/// Run (in-process: the generated-project build times out on a loaded 2-core machine):
/// dotnet run -c Release --project benchmarks/FlightForensics.Benchmarks -- --filter '*GeoBenchmarks*' --inProcess
///   --warmupCount 1 --iterationCount 5 --runOncePerIteration
/// </summary>
[MemoryDiagnoser]
public class GeoBenchmarks
{
    private InfrastructureLayer _layer = null!;
    private FlightLog _flight = null!;
    private Envelope[] _queries = null!;

    /// <summary>Copies of the Andorra layer (1 = the real file's features only).</summary>
    [Params(1, 170)]
    public int LayerCopies { get; set; }

    [Params(100_000, 1_000_000)]
    public int TrackSamples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var andorra = LayerReader.Read(BenchmarkSamples.Path("geo", "andorra-2023-05-02.osm.pbf"));
        _layer = Replicate(andorra, LayerCopies);
        _flight = Track(TrackSamples);
        LayerIndex.For(_layer); // built once per layer, as the CLI does when it loads a layer
        var random = new Random(7);
        _queries = [.. Enumerable.Range(0, 10_000).Select(_ =>
        {
            var lon = 1.40 + (random.NextDouble() * 0.35);
            var lat = 42.43 + (random.NextDouble() * 0.2);
            return new Envelope(lon, lon + 0.005, lat, lat + 0.005);
        })];
    }

    /// <summary>10,000 window queries (about 400 m × 550 m) on the layer's STR-tree.</summary>
    [Benchmark]
    public int IndexQuery10k()
    {
        var hits = 0;
        foreach (var q in _queries)
        {
            hits += LayerIndex.Query(_layer, q).Count;
        }

        return hits;
    }

    /// <summary>The whole check (overflights, close approaches) of the track against the layer.</summary>
    [Benchmark]
    public int OverflightCheck()
    {
        var result = InfrastructureCheck.Run(_flight, [_layer], new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } });
        return result.Overflights.Count + result.Proximity.Count;
    }

    internal static InfrastructureLayer Replicate(InfrastructureLayer source, int copies)
    {
        if (copies <= 1)
        {
            return source;
        }

        var features = new List<InfrastructureFeature>(source.Features.Count * copies);
        var side = (int)Math.Ceiling(Math.Sqrt(copies));
        for (var c = 0; c < copies; c++)
        {
            // Copy 0 stays on Andorra; the others are shifted 0.6° east and 0.5° north per grid step.
            double dx = 0.6 * (c % side), dy = 0.5 * (c / side);
            var shift = new AffineTransformation().Translate(dx, dy);
            foreach (var f in source.Features)
            {
                features.Add(f with { Id = $"{f.Id}@{c}", Geometry = c == 0 ? f.Geometry : shift.Transform(f.Geometry) });
            }
        }

        return new InfrastructureLayer
        {
            FileName = source.FileName, FullPath = source.FullPath, Bytes = source.Bytes, Sha256 = source.Sha256,
            Format = source.Format, Features = features, Attribution = source.Attribution,
        };
    }

    /// <summary>A 10 Hz lawn-mower flight over central Andorra at 12 m/s with passes 300 m apart.</summary>
    internal static FlightLog Track(int samples)
    {
        var projection = new LocalProjection(42.51, 1.53);
        var list = new TelemetrySample[samples];
        var t0 = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        const double legMeters = 12_000, speed = 12, spacing = 300;
        for (var i = 0; i < samples; i++)
        {
            var along = speed * i / 10.0;
            var leg = (int)(along / legMeters);
            var within = along - (leg * legMeters);
            var east = (leg % 2 == 0 ? within : legMeters - within) - (legMeters / 2);
            var north = ((leg % 40) * spacing) - 6000;
            var (lat, lon) = projection.Inverse(east, north);
            list[i] = new TelemetrySample
            {
                TimeUtc = t0.AddTicks(i * (TimeSpan.TicksPerSecond / 10)),
                ElapsedSeconds = i / 10.0,
                LatitudeDegrees = lat,
                LongitudeDegrees = lon,
                HeightAboveTakeoffMeters = 60,
                SourceOffset = i * 64L,
            };
        }

        return new FlightLog
        {
            Evidence = new EvidenceFile { FileName = "synthetic-track", FullPath = "synthetic-track", Bytes = 0, Sha256 = "" },
            FormatId = "synthetic",
            DecoderName = "benchmark",
            DecoderVersion = "0",
            Samples = list,
            Summary = new FlightForensics.Core.Decoding.SampleSummary(),
        };
    }
}
