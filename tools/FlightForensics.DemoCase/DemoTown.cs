using System.Globalization;
using System.Text;

namespace FlightForensics.DemoCase;

/// <summary>
/// Demoville: a made-up small town. It is placed in the open Atlantic (45° N, 30° W) on purpose, so that
/// nobody can mistake it for a real place. Coordinates are laid out in metres east/north of the town
/// centre and converted with a local flat-earth approximation (ample at this scale).
/// </summary>
public static class DemoTown
{
    public const double OriginLatitude = 45.0;
    public const double OriginLongitude = -30.0;
    private const double MetersPerDegreeLatitude = 111_320.0;

    public static (double Latitude, double Longitude) ToLatLon(double eastMeters, double northMeters) =>
        (OriginLatitude + (northMeters / MetersPerDegreeLatitude),
         OriginLongitude + (eastMeters / (MetersPerDegreeLatitude * Math.Cos(OriginLatitude * Math.PI / 180))));

    /// <summary>A site: id, name, category, and its outline in local metres (a closed ring, or a line).</summary>
    public sealed record Site(string Id, string Name, string Category, bool IsLine, (double E, double N)[] Points);

    private static (double, double)[] Box(double west, double south, double east, double north) =>
        [(west, south), (east, south), (east, north), (west, north), (west, south)];

    public static IReadOnlyList<Site> Sites { get; } =
    [
        new("demoville/water-works", "Demoville Water Works", "water", false, Box(0, 0, 120, 80)),
        new("demoville/substation", "Demoville 110 kV Substation", "energy", false, Box(300, 40, 360, 90)),
        new("demoville/rail-line", "Demoville Branch Railway", "rail", true, [(-900, 300), (900, 300)]),
        new("demoville/rail-bridge", "Mill Creek Rail Bridge", "bridge", false, Box(620, 290, 680, 310)),
        new("demoville/fuel-depot", "Harbour Fuel Depot", "hazmat", false, Box(900, -700, 1000, -600)),
        new("demoville/prison", "Demoville Correctional Facility", "security", false, Box(-550, 420, -400, 570)),
        new("demoville/police-station", "Demoville Police Station", "emergency", false, Box(-900, -600, -860, -570)),
    ];

    /// <summary>The town as GeoJSON (RFC 7946): feature ids are stable, category in the properties.</summary>
    public static string ToGeoJson()
    {
        var sb = new StringBuilder();
        sb.Append("{\"type\":\"FeatureCollection\",\"name\":\"Demoville (fictitious)\",\"features\":[\n");
        for (int i = 0; i < Sites.Count; i++)
        {
            var site = Sites[i];
            var coords = string.Join(",", site.Points.Select(p =>
            {
                var (lat, lon) = ToLatLon(p.E, p.N);
                return string.Create(CultureInfo.InvariantCulture, $"[{lon:0.0000000},{lat:0.0000000}]");
            }));
            var geometry = site.IsLine
                ? $"{{\"type\":\"LineString\",\"coordinates\":[{coords}]}}"
                : $"{{\"type\":\"Polygon\",\"coordinates\":[[{coords}]]}}";
            sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"id\":\"{site.Id}\",\"properties\":{{\"name\":\"{site.Name}\",\"category\":\"{site.Category}\"}},\"geometry\":{geometry}}}");
            sb.Append(i + 1 < Sites.Count ? ",\n" : "\n");
        }

        sb.Append("]}\n");
        return sb.ToString();
    }
}
