using BenchmarkDotNet.Attributes;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Reporting;
using FlightForensics.Reporting.Html;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Benchmarks;

/// <summary>
/// Map, profile and HTML report over a synthetic spiral flight (no evidence needed): how long a plot of
/// N samples takes and what it allocates. Run: dotnet run -c Release -- --filter *ReportingBenchmarks*
/// </summary>
[MemoryDiagnoser]
public class ReportingBenchmarks
{
    private FlightLog _log = null!;
    private List<ReportFeature> _features = null!;

    [Params(10_000, 1_000_000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var builder = new FlightLogBuilder();
        double seconds = Samples / 10.0;
        for (int i = 0; i < Samples; i++)
        {
            double t = i / 10.0, radius = 180 - (120 * t / seconds), angle = t / seconds * 2.5 * Math.PI;
            builder.AddSample(new TelemetrySample
            {
                TimeUtc = start.AddSeconds(t),
                ElapsedSeconds = t,
                LatitudeDegrees = 52 + (radius * Math.Cos(angle) / 111_195),
                LongitudeDegrees = 13 + (radius * Math.Sin(angle) / 68_460),
                HeightAboveTakeoffMeters = 20 + (65 * t / seconds),
                SourceOffset = i * 40L,
            });
        }

        _log = new FlightLog
        {
            Evidence = new EvidenceFile { FileName = "bench.tlog", FullPath = "/bench.tlog", Bytes = Samples * 40L, Sha256 = new string('0', 64) },
            FormatId = "mavlink-tlog",
            DecoderName = "synthetic",
            DecoderVersion = "1",
            Samples = builder.Samples,
            Summary = builder.Summary,
        };
        _features =
        [
            new("f1", "Substation", "power", new ReportGeometry { Polygons = [[[new(13.0003, 52.0003), new(13.001, 52.0003), new(13.001, 52.0008), new(13.0003, 52.0003)]]] }),
        ];
    }

    [Benchmark]
    public int TrackMapSvg() => TrackPlot.RenderSvg(_log, _features, [], PlotOptions.Default).Length;

    [Benchmark]
    public int ProfileSvg() => AltitudeProfile.RenderSvg(_log, [], PlotOptions.Default).Length;

    [Benchmark]
    public void HtmlReportToNull() => HtmlReport.Write(Stream.Null, new ReportInput { Log = _log, Features = _features });
}
