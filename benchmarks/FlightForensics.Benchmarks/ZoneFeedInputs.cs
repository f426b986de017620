using System.Globalization;
using System.Text;
using FlightForensics.Geo.Analysis;

namespace FlightForensics.Benchmarks;

/// <summary>
/// Writes the drone-zone feed of the airspace benchmark (benchmarks/airspace-check.sh): an ED-269 <c>UASZoneList</c>
/// of N zones scattered over a national-size square centred on the flight of geo-check.sh, half hexagons 200 m to 2 km
/// across and half circles, with the limit mixes national feeds publish (0–120 m AGL, AGL floor with an AMSL ceiling,
/// the 99999 no-ceiling sentinel, a 60 m AGL floor), one zone in ten with a daily schedule. Deterministic.
/// </summary>
public static class ZoneFeedInputs
{
    private const double CenterLat = 42.51, CenterLon = 1.53;

    /// <summary><c>make-zone-inputs DIR ZONES SPREAD_KM</c>.</summary>
    public static int Run(string[] args)
    {
        var dir = Directory.CreateDirectory(args.Length > 0 ? args[0] : "zone-inputs").FullName;
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var spreadKm = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 400;
        var path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"zones-{count}-{spreadKm}km.json"));
        var projection = new LocalProjection(CenterLat, CenterLon);
        var random = new Random(20261202);
        string[] limits =
        [
            "\"uomDimensions\":\"M\",\"lowerLimit\":0,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":120,\"upperVerticalReference\":\"AGL\"",
            "\"uomDimensions\":\"M\",\"lowerLimit\":0,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":1500,\"upperVerticalReference\":\"AMSL\"",
            "\"uomDimensions\":\"M\",\"lowerLimit\":0,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":99999,\"upperVerticalReference\":\"AGL\"",
            "\"uomDimensions\":\"FT\",\"lowerLimit\":200,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":400,\"upperVerticalReference\":\"AGL\"",
        ];
        string[] restrictions = ["PROHIBITED", "REQ_AUTHORISATION", "CONDITIONAL", "NO_RESTRICTION"];
        using (var w = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20))
        {
            Write(w, count, spreadKm, projection, random, limits, restrictions);
        }

        Console.WriteLine($"{path} {new FileInfo(path).Length} bytes");
        return 0;
    }

    private static void Write(StreamWriter w, int count, double spreadKm, LocalProjection projection, Random random, string[] limits, string[] restrictions)
    {
        w.Write("{\"formatVersion\":\"1.0\",\"UASZoneList\":[\n");
        for (var i = 0; i < count; i++)
        {
            var half = spreadKm * 500;
            double cx = ((random.NextDouble() * 2) - 1) * half, cy = ((random.NextDouble() * 2) - 1) * half;
            var radius = 100 + (random.NextDouble() * 900);
            string projectionJson;
            if (i % 2 == 0)
            {
                var (lat, lon) = projection.Inverse(cx, cy);
                projectionJson = string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"Circle\",\"center\":[{lon:F7},{lat:F7}],\"radius\":{radius:F1}}}");
            }
            else
            {
                var sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
                string? first = null;
                for (var k = 0; k < 6; k++)
                {
                    var angle = (k * Math.PI / 3) + (random.NextDouble() * 0.4);
                    var (lat, lon) = projection.Inverse(cx + (radius * Math.Cos(angle)), cy + (radius * Math.Sin(angle)));
                    var vertex = string.Create(CultureInfo.InvariantCulture, $"[{lon:F7},{lat:F7}]");
                    first ??= vertex;
                    sb.Append(vertex).Append(',');
                }

                projectionJson = sb.Append(first).Append("]]}").ToString();
            }

            var applicability = i % 10 == 0
                ? "[{\"permanent\":\"NO\",\"startDateTime\":\"2020-01-01T00:00:00Z\",\"endDateTime\":\"2030-12-31T23:59:59Z\",\"dailyPeriod\":[{\"day\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],\"startTime\":\"06:00Z\",\"endTime\":\"18:00Z\"}]}]"
                : "[{\"permanent\":\"YES\"}]";
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"{{\"identifier\":\"BENCH-{i}\",\"country\":\"AND\",\"name\":\"bench zone {i}\",\"type\":\"COMMON\",\"restriction\":\"{restrictions[i % 4]}\",\"applicability\":{applicability},\"geometry\":[{{{limits[i % 4]},\"horizontalProjection\":{projectionJson}}}]}}"));
            w.Write(i + 1 < count ? ",\n" : "\n");
        }

        w.Write("]}\n");
    }
}
