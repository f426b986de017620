using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>The estimated ground area in view of the camera at one instant, on flat ground, in the local metric frame.</summary>
/// <param name="Polygon">The footprint polygon (convex hull of the four corner rays' ground points).</param>
/// <param name="Oblique">At least one corner ray met the horizon or the range limit and was cut.</param>
public sealed record CameraFootprint(Polygon Polygon, bool Oblique)
{
    /// <summary>
    /// Casts the four corner rays of the image from a camera <paramref name="heightMeters"/> above flat ground.
    /// Angles in degrees: pitch 0 level, -90 straight down; yaw clockwise from north; roll positive to the right.
    /// </summary>
    /// <remarks>
    /// Corner ray in the camera frame (forward, right, image-down) = (1, ±tan(HFOV/2), ±tan(VFOV/2)), turned into
    /// north-east-down by yaw, pitch, roll; it meets the plane "down = height" at t = height / d_down when d_down &gt; 0
    /// (geo-and-products.md §4). Rays that do not, or that meet it beyond the range limit, are cut at the range limit
    /// along their horizontal direction.
    /// </remarks>
    public static CameraFootprint Compute(
        GeometryFactory factory, double x, double y, double heightMeters,
        double pitchDegrees, double yawDegrees, double rollDegrees,
        double horizontalFovDegrees, double verticalFovDegrees, double maxGroundRangeMeters)
    {
        ArgumentNullException.ThrowIfNull(factory);
        const double rad = Math.PI / 180;
        var (sp, cp) = Math.SinCos(pitchDegrees * rad);
        var (sy, cy) = Math.SinCos(yawDegrees * rad);
        var (sr, cr) = Math.SinCos(rollDegrees * rad);

        // Forward (optical axis), right and image-down unit vectors in north-east-down.
        double fN = cp * cy, fE = cp * sy, fD = -sp;
        double rN = -sy, rE = cy, rD = 0;
        // image-down = forward × right
        double dN = (fE * rD) - (fD * rE), dE = (fD * rN) - (fN * rD), dD = (fN * rE) - (fE * rN);
        // Roll turns right and image-down about the optical axis.
        double r2N = (rN * cr) + (dN * sr), r2E = (rE * cr) + (dE * sr), r2D = (rD * cr) + (dD * sr);
        double d2N = (dN * cr) - (rN * sr), d2E = (dE * cr) - (rE * sr), d2D = (dD * cr) - (rD * sr);

        var th = Math.Tan(horizontalFovDegrees * rad / 2);
        var tv = Math.Tan(verticalFovDegrees * rad / 2);
        var oblique = false;
        var corners = new Coordinate[5];
        ReadOnlySpan<(int A, int B)> order = [(-1, -1), (1, -1), (1, 1), (-1, 1)];
        for (var i = 0; i < 4; i++)
        {
            var (a, b) = order[i];
            var n = fN + (a * th * r2N) + (b * tv * d2N);
            var e = fE + (a * th * r2E) + (b * tv * d2E);
            var d = fD + (a * th * r2D) + (b * tv * d2D);
            var horizontal = Math.Sqrt((n * n) + (e * e));
            double gn, ge;
            if (d > 1e-9 && horizontal * heightMeters / d <= maxGroundRangeMeters)
            {
                var t = heightMeters / d;
                gn = t * n;
                ge = t * e;
            }
            else
            {
                oblique = true;
                var scale = horizontal > 0 ? maxGroundRangeMeters / horizontal : 0;
                gn = n * scale;
                ge = e * scale;
            }

            corners[i] = new Coordinate(x + ge, y + gn);
        }

        corners[4] = corners[0].Copy();
        var hull = factory.CreatePolygon(corners).ConvexHull();
        var polygon = hull as Polygon ?? factory.CreatePolygon(factory.CreateLinearRing([new(x, y), new(x, y), new(x, y), new(x, y)]));
        return new CameraFootprint(polygon, oblique);
    }
}
