using FlightForensics.Geo.Analysis;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Circles and arcs of airspace outlines (OpenAir DA/DB/DC, AIXM ArcByCenterPoint/CircleByCenterPoint, ED-269
/// circles) as polygon vertices, in a local tangent plane at the centre: for radii of a few nautical miles the
/// plane differs from the ellipsoid by centimetres.
/// </summary>
internal static class ArcPoints
{
    private const double MinArcStepDegrees = 0.5;
    private const double MaxArcStepDegrees = 45;

    /// <summary>
    /// The angle between two arc points for which the chord stays within <paramref name="maxChordErrorMeters"/> of
    /// the arc: the sagitta r·(1 − cos(θ/2)) ≤ e gives θ = 2·acos(1 − e/r); kept between 0.5° and 45°.
    /// </summary>
    public static double StepDegrees(double radiusMeters, double maxChordErrorMeters)
    {
        var ratio = maxChordErrorMeters / radiusMeters;
        var step = ratio >= 1 ? MaxArcStepDegrees : 2 * Math.Acos(1 - ratio) * 180 / Math.PI;
        return Math.Clamp(step, MinArcStepDegrees, MaxArcStepDegrees);
    }

    /// <summary>
    /// Appends the arc from bearing <paramref name="fromDegrees"/> to <paramref name="toDegrees"/> (true north,
    /// clockwise positive), both ends included, turning clockwise or not; equal bearings make a full circle that ends
    /// on its first point exactly.
    /// </summary>
    public static void Append(List<Coordinate> points, (double Lat, double Lon) centre, double radiusMeters, double fromDegrees, double toDegrees, bool clockwise, double maxChordErrorMeters)
    {
        var projection = new LocalProjection(centre.Lat, centre.Lon);
        var sweep = clockwise ? Normalize(toDegrees - fromDegrees) : -Normalize(fromDegrees - toDegrees);
        if (sweep == 0)
        {
            sweep = clockwise ? 360 : -360;
        }

        var steps = Math.Max(2, (int)Math.Ceiling(Math.Abs(sweep) / StepDegrees(radiusMeters, maxChordErrorMeters)));
        var first = points.Count;
        for (var i = 0; i <= steps; i++)
        {
            var bearing = (fromDegrees + (sweep * i / steps)) * Math.PI / 180;
            var (lat, lon) = projection.Inverse(radiusMeters * Math.Sin(bearing), radiusMeters * Math.Cos(bearing));
            points.Add(new Coordinate(lon, lat));
        }

        if (Math.Abs(sweep) == 360)
        {
            // A full circle ends where it started: the same point, not one a rounding error away.
            points[^1] = points[first].Copy();
        }
    }

    /// <summary>A closed circle of the given radius around a centre.</summary>
    public static Coordinate[] Circle((double Lat, double Lon) centre, double radiusMeters, double maxChordErrorMeters)
    {
        var points = new List<Coordinate>();
        Append(points, centre, radiusMeters, 0, 0, clockwise: true, maxChordErrorMeters);
        return [.. points];
    }

    public static double Normalize(double degrees)
    {
        var d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}
