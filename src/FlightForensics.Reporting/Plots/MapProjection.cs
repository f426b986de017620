namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Azimuthal equidistant projection centred on the flight: distances from the centre are true, scale
/// is metric near the centre, and it has no seam, so flights across the antimeridian or over a pole
/// draw as one piece (a plain lon/lat plot tears at ±180° and collapses at the poles).
/// Output is metres east/north of the centre in the projection plane.
/// </summary>
public sealed class MapProjection
{
    /// <summary>Mean Earth radius (IUGG), metres; a sphere is enough for a picture and for a scale bar.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    private readonly double _sinLat0;
    private readonly double _cosLat0;
    private readonly double _lon0Radians;

    public MapProjection(double centerLatitudeDegrees, double centerLongitudeDegrees)
    {
        CenterLatitudeDegrees = Math.Clamp(centerLatitudeDegrees, -90, 90);
        CenterLongitudeDegrees = centerLongitudeDegrees;
        double lat0 = CenterLatitudeDegrees * Math.PI / 180;
        _sinLat0 = Math.Sin(lat0);
        _cosLat0 = Math.Cos(lat0);
        _lon0Radians = centerLongitudeDegrees * Math.PI / 180;
    }

    public double CenterLatitudeDegrees { get; }
    public double CenterLongitudeDegrees { get; }

    /// <summary>Centre of a set of positions: the normalised mean of their unit vectors (robust at ±180° and the poles).</summary>
    public static MapProjection Centered(IEnumerable<LonLat> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        double x = 0, y = 0, z = 0;
        long n = 0;
        foreach (var p in positions)
        {
            if (!p.IsValid)
            {
                continue;
            }

            double lat = p.LatitudeDegrees * Math.PI / 180, lon = p.LongitudeDegrees * Math.PI / 180;
            x += Math.Cos(lat) * Math.Cos(lon);
            y += Math.Cos(lat) * Math.Sin(lon);
            z += Math.Sin(lat);
            n++;
        }

        double norm = Math.Sqrt((x * x) + (y * y) + (z * z));
        if (n == 0 || norm < 1e-12)
        {
            return new MapProjection(0, 0);
        }

        double centerLat = Math.Asin(Math.Clamp(z / norm, -1, 1)) * 180 / Math.PI;
        double centerLon = Math.Abs(x) < 1e-15 && Math.Abs(y) < 1e-15 ? 0 : Math.Atan2(y, x) * 180 / Math.PI;
        return new MapProjection(centerLat, centerLon);
    }

    /// <summary>Metres east (x) and north (y) of the centre in the projection plane.</summary>
    public (double EastMeters, double NorthMeters) Forward(double latitudeDegrees, double longitudeDegrees)
    {
        double lat = latitudeDegrees * Math.PI / 180;
        double dLon = (longitudeDegrees * Math.PI / 180) - _lon0Radians;
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat);
        double cosDLon = Math.Cos(dLon);
        double cosC = Math.Clamp((_sinLat0 * sinLat) + (_cosLat0 * cosLat * cosDLon), -1, 1);
        double c = Math.Acos(cosC);
        double k = c < 1e-12 ? 1 : c / Math.Sin(c);
        if (!double.IsFinite(k))
        {
            // The antipode of the centre has no direction; it cannot occur within one flight.
            k = 0;
        }

        double east = EarthRadiusMeters * k * cosLat * Math.Sin(dLon);
        double north = EarthRadiusMeters * k * ((_cosLat0 * sinLat) - (_sinLat0 * cosLat * cosDLon));
        return (east, north);
    }

    /// <summary>True when the centre is so close to a pole that "north" has no single direction on the map.</summary>
    public bool CenterIsPolar => Math.Abs(CenterLatitudeDegrees) > 89.99;
}
