using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Tests;

/// <summary>Synthetic flights built in code (no evidence files), each named for what it exercises.</summary>
internal static class SyntheticFlights
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static EvidenceFile Evidence(string name = "synthetic.tlog") => new()
    {
        FileName = name,
        FullPath = "/evidence/" + name,
        Bytes = 123_456,
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        LastWriteUtc = Start,
    };

    public static FlightLog Build(IEnumerable<TelemetrySample> samples, Action<FlightLogBuilder>? extra = null, string name = "synthetic.tlog")
    {
        var builder = new FlightLogBuilder();
        foreach (var s in samples)
        {
            builder.AddSample(s);
        }

        extra?.Invoke(builder);
        return new FlightLog
        {
            Evidence = Evidence(name),
            FormatId = "mavlink-tlog",
            DecoderName = "synthetic",
            DecoderVersion = "1.0",
            Vehicle = builder.Vehicle,
            StartUtc = builder.StartUtc ?? builder.Summary.FirstUtc,
            Home = builder.Home,
            Samples = builder.Samples,
            Events = builder.Events,
            Diagnostics = builder.Diagnostics,
            Damage = builder.Damage,
            Summary = builder.Summary,
            DecodedAtUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
    }

    /// <summary>
    /// A 120 s spiral around (lat0, lon0) at 2 Hz: radius shrinking from 180 m to 60 m, height rising
    /// from 20 m to 85 m, photos every 20 s, a home point at the start and a four-item mission.
    /// </summary>
    public static FlightLog Spiral(double lat0 = 52.0, double lon0 = 13.0, int samplesPerSecond = 2, int seconds = 120, string name = "synthetic-spiral.tlog")
    {
        var samples = new List<TelemetrySample>();
        int n = (seconds * samplesPerSecond) + 1;
        for (int i = 0; i < n; i++)
        {
            double t = i / (double)samplesPerSecond;
            var (lat, lon) = SpiralPosition(lat0, lon0, t, seconds);
            samples.Add(new TelemetrySample
            {
                TimeUtc = Start.AddSeconds(t),
                ElapsedSeconds = t,
                LatitudeDegrees = lat,
                LongitudeDegrees = lon,
                AltitudeMslMeters = 100 + HeightAt(t, seconds),
                HeightAboveTakeoffMeters = HeightAt(t, seconds),
                SourceOffset = 1000 + (i * 40),
            });
        }

        return Build(samples, b =>
        {
            var (hLat, hLon) = SpiralPosition(lat0, lon0, 0, seconds);
            b.SetHome(new HomePoint(hLat, hLon) { AltitudeMslMeters = 100 });
            for (int k = 1; k <= 4; k++)
            {
                double t = k * 25;
                var (lat, lon) = SpiralPosition(lat0, lon0, t, seconds);
                b.AddEvent(new FlightEvent { Kind = FlightEventKind.MissionItem, LatitudeDegrees = lat, LongitudeDegrees = lon, Text = $"WP {k}", SourceOffset = 50 + k });
            }

            for (int t = 20; t < seconds; t += 20)
            {
                var (lat, lon) = SpiralPosition(lat0, lon0, t, seconds);
                b.AddEvent(new FlightEvent { Kind = FlightEventKind.Photo, TimeUtc = Start.AddSeconds(t), ElapsedSeconds = t, LatitudeDegrees = lat, LongitudeDegrees = lon, SourceOffset = 1000 + (t * samplesPerSecond * 40) });
            }

            b.AddEvent(new FlightEvent { Kind = FlightEventKind.Takeoff, TimeUtc = Start, ElapsedSeconds = 0, Text = "Takeoff", SourceOffset = 1000 });
            b.AddDiagnostic(4242, DiagnosticKind.Crc, "checksum mismatch in GLOBAL_POSITION_INT; record skipped", 36);
        }, name);
    }

    public static double HeightAt(double t, int seconds) => 20 + (65 * Math.Min(1, t / seconds)) + (5 * Math.Sin(t / 8));

    public static (double Lat, double Lon) SpiralPosition(double lat0, double lon0, double t, int seconds)
    {
        double radius = 180 - (120 * t / seconds);
        double angle = t / seconds * 2.5 * Math.PI;
        double north = radius * Math.Cos(angle), east = radius * Math.Sin(angle);
        return Offset(lat0, lon0, north, east);
    }

    /// <summary>A position north/east metres away on a sphere (small offsets).</summary>
    public static (double Lat, double Lon) Offset(double lat0, double lon0, double northMeters, double eastMeters)
    {
        const double R = 6_371_008.8;
        double lat = lat0 + (northMeters / R * 180 / Math.PI);
        double lon = lon0 + (eastMeters / (R * Math.Cos(lat0 * Math.PI / 180)) * 180 / Math.PI);
        if (lon > 180)
        {
            lon -= 360;
        }
        else if (lon < -180)
        {
            lon += 360;
        }

        return (lat, lon);
    }

    public static LonLat At(double lat0, double lon0, double north, double east)
    {
        var (lat, lon) = Offset(lat0, lon0, north, east);
        return new LonLat(lon, lat);
    }

    /// <summary>Features around the spiral: a substation under the track, a water works aside, a power line and a mast.</summary>
    public static List<ReportFeature> Features(double lat0 = 52.0, double lon0 = 13.0, string substationName = "Substation Nord (restricted)") =>
    [
        new("osm:way/1001", substationName, "power", new ReportGeometry
        {
            Polygons = [[[At(lat0, lon0, 95, 0), At(lat0, lon0, 80, 70), At(lat0, lon0, 20, 80), At(lat0, lon0, 40, 0), At(lat0, lon0, 95, 0)]]],
        }) { Source = "OpenStreetMap" },
        new("osm:way/1002", "Water works", "water", new ReportGeometry
        {
            Polygons = [[[At(lat0, lon0, 150, -250), At(lat0, lon0, 200, -160), At(lat0, lon0, 110, -140), At(lat0, lon0, 150, -250)]]],
        }) { Source = "OpenStreetMap" },
        new("op:line/7", "110 kV line", "power line", new ReportGeometry
        {
            Lines = [[At(lat0, lon0, -230, -250), At(lat0, lon0, -150, 0), At(lat0, lon0, -120, 250)]],
        }) { Source = "operator file" },
        new("op:mast/3", "Radio mast", "telecom", new ReportGeometry { Points = [At(lat0, lon0, 60, -120)] }),
    ];

    public static List<ReportFinding> Findings() =>
    [
        new()
        {
            FeatureId = "osm:way/1001", FeatureName = "Substation Nord (restricted)", Category = "power", Kind = FindingKind.Overflight,
            Severity = FindingSeverity.High, EntryUtc = Start.AddSeconds(100), ExitUtc = Start.AddSeconds(112), DurationSeconds = 12,
            MinHeightAboveTakeoffMeters = 81.2, ClosestApproachMeters = 0, SlantRangeMeters = 81.2,
        },
        new()
        {
            FeatureId = "osm:way/1002", FeatureName = "Water works", Category = "water", Kind = FindingKind.Proximity,
            Severity = FindingSeverity.Medium, EntryUtc = Start.AddSeconds(78), ExitUtc = Start.AddSeconds(90), DurationSeconds = 12,
            MinHeightAboveTakeoffMeters = 40.1, ClosestApproachMeters = 58.3, SlantRangeMeters = 70.4,
            ClosestPosition = new LonLat(SpiralPosition(52.0, 13.0, 84, 120).Lon, SpiralPosition(52.0, 13.0, 84, 120).Lat),
        },
        new()
        {
            FeatureId = "osm:way/1001", FeatureName = "Substation Nord (restricted)", Category = "power", Kind = FindingKind.Capture,
            Severity = FindingSeverity.Low, EntryUtc = Start.AddSeconds(100), ExitUtc = Start.AddSeconds(100),
            Footprint = [At(52.0, 13.0, 100, -5), At(52.0, 13.0, 100, 45), At(52.0, 13.0, 55, 45), At(52.0, 13.0, 55, -5)],
            PhotoReference = "DJI_0042.JPG",
        },
    ];
}
