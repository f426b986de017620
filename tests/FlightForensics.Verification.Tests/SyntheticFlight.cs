using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Verification.Tests;

/// <summary>
/// A made-up 10 Hz flight for the Synthetic tests: 120 s, climbs to 40 m in 20 s, flies a 200 m-radius circle at
/// 10 m/s, descends and lands. Positions, speeds and heights are consistent with each other, so every defect a test
/// injects is the only thing wrong with it. Figures the tests expect are computed here from the construction, not by
/// the code under test.
/// </summary>
internal static class SyntheticFlight
{
    public static readonly DateTimeOffset Start = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
    public const double Lat0 = 47.0, Lon0 = 8.0, GroundMsl = 500, RadiusM = 200, SpeedMps = 10, Rate = 10;
    public const double MetersPerDegreeLat = 111_194.9; // IUGG mean radius × π/180
    public static double MetersPerDegreeLon => MetersPerDegreeLat * Math.Cos(Lat0 * Math.PI / 180);

    public static List<TelemetrySample> Samples(double seconds = 120, double latOffsetDeg = 0, DateTimeOffset? start = null)
    {
        var list = new List<TelemetrySample>();
        int n = (int)(seconds * Rate);
        for (int i = 0; i < n; i++)
        {
            double t = i / Rate;
            double height = t < 20 ? 2 * t : t > seconds - 20 ? Math.Max(0, 2 * (seconds - t)) : 40;
            double angle = SpeedMps * t / RadiusM;
            double north = RadiusM * Math.Sin(angle), east = RadiusM * (1 - Math.Cos(angle));
            list.Add(new TelemetrySample
            {
                TimeUtc = (start ?? Start).AddTicks((long)Math.Round(t * 1e7)),
                ElapsedSeconds = t,
                LatitudeDegrees = Lat0 + latOffsetDeg + (north / MetersPerDegreeLat),
                LongitudeDegrees = Lon0 + (east / MetersPerDegreeLon),
                AltitudeMslMeters = GroundMsl + height,
                HeightAboveTakeoffMeters = height,
                GroundSpeedMetersPerSecond = SpeedMps,
                VerticalSpeedMetersPerSecond = t < 20 ? 2 : t > seconds - 20 ? -2 : 0,
                RollDegrees = 5,
                PitchDegrees = -3,
                Satellites = 15,
                GpsFix = GpsFix.Fix3D,
                SourceOffset = 1000 + (i * 100L),
            });
        }

        return list;
    }

    public static FlightLog Log(IEnumerable<TelemetrySample> samples, string name = "synthetic.log", Action<FlightLogSink>? more = null)
    {
        var builder = new FlightLogBuilder();
        foreach (var s in samples)
        {
            builder.AddSample(s);
        }

        more?.Invoke(builder);
        var evidence = new EvidenceFile { FileName = name, FullPath = "/synthetic/" + name, Bytes = 1, Sha256 = new string('0', 64) };
        return builder.Build(evidence, new NamedDecoder());
    }

    /// <summary>The time <paramref name="seconds"/> into the flight, to the tick as the samples carry it.</summary>
    public static DateTimeOffset T(double seconds) => Start.AddTicks((long)Math.Round(seconds * 1e7));

    /// <summary>Index of the sample at <paramref name="seconds"/> into the flight.</summary>
    public static int At(double seconds) => (int)Math.Round(seconds * Rate);

    /// <summary>A decoder that only names itself (the format id a test's log claims to be).</summary>
    internal sealed class NamedDecoder(string formatId = "synthetic") : IFlightLogDecoder
    {
        public string FormatId => formatId;
        public string DecoderName => "SyntheticFlight";
        public string DecoderVersion => "1";
        public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength) => FormatMatch.None;
        public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
