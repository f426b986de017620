using System.Globalization;
using System.Text;
using FlightForensics.Geo.Analysis;
using FlightForensics.Mavlink.Writing;

namespace FlightForensics.Benchmarks;

/// <summary>
/// Writes the inputs of the whole-process <c>check</c> benchmark (benchmarks/geo-check.sh): tlogs of 10 Hz lawn-mower
/// flights of given lengths, and GeoJSON layers of given numbers of polygons scattered over the area flown, so that
/// the track really crosses and passes near thousands of them (the hard case for the index, not a layer elsewhere).
/// Deterministic: the same arguments give the same bytes.
/// </summary>
public static class GeoWholeProcessInputs
{
    private const double CenterLat = 42.51, CenterLon = 1.53;
    private const double AreaHalfMeters = 6_000;
    private static readonly string[] s_categories = ["energy", "water", "rail", "bridge", "hazmat", "security", "telecom", "emergency", "dam", "pipeline"];

    /// <summary><c>make-geo-inputs DIR [samples,...] [polygons,...] [spreadKm]</c>: polygons over a square of side spreadKm
    /// centred on the flown square (12 = only over the flown area, the dense stress case; 400 = a national layer).</summary>
    public static int Run(string[] args)
    {
        var dir = Directory.CreateDirectory(args.Length > 0 ? args[0] : "geo-inputs").FullName;
        var samples = args.Length > 1 ? ParseList(args[1]) : [100_000, 1_000_000];
        var polygons = args.Length > 2 ? ParseList(args[2]) : [10_000, 100_000];
        double spreadHalfMeters = (args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 12) * 500;
        string suffix = args.Length > 3 ? "-" + args[3] + "km" : "";
        foreach (var n in samples)
        {
            var path = Path.Combine(dir, $"track-{n}.tlog");
            using var output = File.Create(path);
            SimulatedFlight.WriteTlog(output, LawnMower(n), new SimulatedFlightOptions
            {
                PositionRateHz = 10, GroundSpeedMetersPerSecond = 12, IncludeGroundStation = false,
            });
            Console.WriteLine($"{path} {new FileInfo(path).Length} bytes");
        }

        foreach (var n in polygons)
        {
            var path = Path.Combine(dir, $"polygons-{n}{suffix}.geojson");
            WritePolygons(path, n, spreadHalfMeters);
            Console.WriteLine($"{path} {new FileInfo(path).Length} bytes");
        }

        return 0;
    }

    private static int[] ParseList(string s) => [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];

    /// <summary>
    /// Waypoints of a lawn-mower pattern over a 12 km square, passes 300 m apart, long enough that a 10 Hz flight at
    /// 12 m/s gives about <paramref name="samples"/> position samples (1.2 m between samples).
    /// </summary>
    private static List<SimulatedWaypoint> LawnMower(int samples)
    {
        var projection = new LocalProjection(CenterLat, CenterLon);
        double totalMeters = samples / 10.0 * 12.0;
        var points = new List<SimulatedWaypoint> { At(projection, -AreaHalfMeters, -AreaHalfMeters, 0) };
        double flown = 0;
        for (int leg = 0; flown < totalMeters; leg++)
        {
            double north = -AreaHalfMeters + ((leg % 40) * 300.0);
            double legMeters = Math.Min(2 * AreaHalfMeters, totalMeters - flown);
            double startEast = leg % 2 == 0 ? -AreaHalfMeters : AreaHalfMeters;
            double endEast = leg % 2 == 0 ? startEast + legMeters : startEast - legMeters;
            points.Add(At(projection, startEast, north, 60 + (leg % 5 * 10)));
            points.Add(At(projection, endEast, north, 60 + (leg % 5 * 10)));
            flown += legMeters;
        }

        return points;
    }

    private static SimulatedWaypoint At(LocalProjection projection, double east, double north, double height)
    {
        var (lat, lon) = projection.Inverse(east, north);
        return new SimulatedWaypoint(lat, lon, height);
    }

    /// <summary>Irregular hexagons, 20–150 m across, at random over a square of half-side spreadHalfMeters; a category per feature.</summary>
    private static void WritePolygons(string path, int count, double spreadHalfMeters)
    {
        var projection = new LocalProjection(CenterLat, CenterLon);
        var random = new Random(20261121);
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        w.Write("{\"type\":\"FeatureCollection\",\"name\":\"synthetic polygons for the check benchmark\",\"features\":[\n");
        for (int i = 0; i < count; i++)
        {
            double cx = (random.NextDouble() * 2 - 1) * spreadHalfMeters * 1.05;
            double cy = (random.NextDouble() * 2 - 1) * spreadHalfMeters * 1.05;
            double radius = 10 + (random.NextDouble() * 65);
            var sb = new StringBuilder(256);
            sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"id\":\"bench/{i}\",\"properties\":{{\"name\":\"site {i}\",\"category\":\"{s_categories[i % s_categories.Length]}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[");
            string? first = null;
            for (int k = 0; k < 6; k++)
            {
                double angle = (k * Math.PI / 3) + (random.NextDouble() * 0.4);
                double r = radius * (0.7 + (random.NextDouble() * 0.3));
                var (lat, lon) = projection.Inverse(cx + (r * Math.Cos(angle)), cy + (r * Math.Sin(angle)));
                string vertex = string.Create(CultureInfo.InvariantCulture, $"[{lon:F7},{lat:F7}]");
                first ??= vertex;
                sb.Append(vertex).Append(',');
            }

            sb.Append(first).Append("]]}}");
            w.Write(sb);
            w.Write(i + 1 < count ? ",\n" : "\n");
        }

        w.Write("]}\n");
    }
}
