using System.Globalization;
using System.Text;
using FlightForensics.Geo.Analysis;
using FlightForensics.Synthesis.Mavlink;

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
            WriteFeatures(path, n, CenterLat, CenterLon, spreadHalfMeters, mixedKinds: false);
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

    /// <summary>A waypoint at east/north metres from the projection's origin.</summary>
    internal static SimulatedWaypoint At(LocalProjection projection, double east, double north, double height)
    {
        var (lat, lon) = projection.Inverse(east, north);
        return new SimulatedWaypoint(lat, lon, height);
    }

    /// <summary>
    /// Features at random over a square of half-side spreadHalfMeters around the centre, a category per feature:
    /// irregular hexagons 20–150 m across; with <paramref name="mixedKinds"/> every third is a polygon, the others
    /// three-vertex lines of the same size and points (the polygon-only layer's bytes do not change with the option).
    /// </summary>
    internal static void WriteFeatures(string path, int count, double centerLat, double centerLon, double spreadHalfMeters, bool mixedKinds)
    {
        var projection = new LocalProjection(centerLat, centerLon);
        var random = new Random(20261121);
        string title = mixedKinds ? "synthetic polygons, lines and points for the fleet benchmark" : "synthetic polygons for the check benchmark";
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        w.Write(string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"FeatureCollection\",\"name\":\"{title}\",\"features\":[\n"));
        for (int i = 0; i < count; i++)
        {
            double cx = (random.NextDouble() * 2 - 1) * spreadHalfMeters * 1.05;
            double cy = (random.NextDouble() * 2 - 1) * spreadHalfMeters * 1.05;
            double radius = 10 + (random.NextDouble() * 65);
            string Vertex(double east, double north)
            {
                var (lat, lon) = projection.Inverse(east, north);
                return string.Create(CultureInfo.InvariantCulture, $"[{lon:F7},{lat:F7}]");
            }

            var sb = new StringBuilder(256);
            sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"id\":\"bench/{i}\",\"properties\":{{\"name\":\"site {i}\",\"category\":\"{s_categories[i % s_categories.Length]}\"}},\"geometry\":");
            int kind = mixedKinds ? i % 3 : 0;
            if (kind == 0)
            {
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":[[");
                string? first = null;
                for (int k = 0; k < 6; k++)
                {
                    double angle = (k * Math.PI / 3) + (random.NextDouble() * 0.4);
                    double r = radius * (0.7 + (random.NextDouble() * 0.3));
                    string vertex = Vertex(cx + (r * Math.Cos(angle)), cy + (r * Math.Sin(angle)));
                    first ??= vertex;
                    sb.Append(vertex).Append(',');
                }

                sb.Append(first).Append("]]}}");
            }
            else if (kind == 1)
            {
                double angle = random.NextDouble() * 2 * Math.PI;
                double bend = angle + 0.5 + random.NextDouble();
                sb.Append("{\"type\":\"LineString\",\"coordinates\":[")
                    .Append(Vertex(cx - (radius * Math.Cos(angle)), cy - (radius * Math.Sin(angle)))).Append(',')
                    .Append(Vertex(cx, cy)).Append(',')
                    .Append(Vertex(cx + (radius * Math.Cos(bend)), cy + (radius * Math.Sin(bend)))).Append("]}}");
            }
            else
            {
                sb.Append("{\"type\":\"Point\",\"coordinates\":").Append(Vertex(cx, cy)).Append("}}");
            }

            w.Write(sb);
            w.Write(i + 1 < count ? ",\n" : "\n");
        }

        w.Write("]}\n");
    }
}
