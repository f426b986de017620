using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>The estimated ground area in view of the camera at one instant, on flat ground, in the local metric frame.</summary>
/// <param name="Polygon">The footprint polygon (convex hull of the four corner rays' ground points).</param>
/// <param name="Oblique">At least one corner ray met the horizon or the range limit and was cut.</param>
public sealed record CameraFootprint(Polygon Polygon, bool Oblique)
{
    /// <summary>Corner rays that were marched against a terrain model and met it (0 on flat ground).</summary>
    public int TerrainHits { get; init; }

    /// <summary>Corner rays marched over cells where the terrain model had no height (flat ground at the nadir assumed there).</summary>
    public int TerrainUnknown { get; init; }

    /// <summary>
    /// At least one corner ray points at or above the horizon (and, with terrain, met no slope): the ground it would see has
    /// no far edge, so the polygon stops at the range limit. Stricter than <see cref="Oblique"/>, which also counts rays
    /// that meet the ground beyond the limit.
    /// </summary>
    public bool Unbounded { get; init; }

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
        double horizontalFovDegrees, double verticalFovDegrees, double maxGroundRangeMeters) =>
        Compute(factory, x, y, heightMeters, pitchDegrees, yawDegrees, rollDegrees, horizontalFovDegrees, verticalFovDegrees, maxGroundRangeMeters, null, 0);

    /// <summary>
    /// As <see cref="Compute(GeometryFactory, double, double, double, double, double, double, double, double, double)"/>, but
    /// with a terrain model: each corner ray is marched outwards in <paramref name="terrainStepMeters"/> steps of horizontal
    /// distance and stops at the first point where it is at or below the terrain (refined by bisection), so that rays meet
    /// rising ground before the flat plane, and rays above the horizon can still meet a slope. A ray that meets no terrain
    /// within <paramref name="maxGroundRangeMeters"/> is cut there and the view marked oblique.
    /// </summary>
    /// <remarks>
    /// <c>terrainHeightAt</c> gives the terrain height at a local (east, north) point in the datum of
    /// <c>groundHeightAtNadirMeters</c> (the terrain below the camera, which is <c>heightMeters</c> above it); NaN where
    /// unknown (flat ground at the nadir's height is assumed there and counted). Null: flat ground.
    /// </remarks>
    public static CameraFootprint Compute(
        GeometryFactory factory, double x, double y, double heightMeters,
        double pitchDegrees, double yawDegrees, double rollDegrees,
        double horizontalFovDegrees, double verticalFovDegrees, double maxGroundRangeMeters,
        Func<double, double, double>? terrainHeightAt, double groundHeightAtNadirMeters, double terrainStepMeters = 5)
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
        var unbounded = false;
        int terrainHits = 0, terrainUnknown = 0;
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
            if (terrainHeightAt is not null)
            {
                var (hit, s, unknown) = March(terrainHeightAt, x, y, groundHeightAtNadirMeters + heightMeters, groundHeightAtNadirMeters,
                    n, e, d, horizontal, maxGroundRangeMeters, Math.Max(0.5, terrainStepMeters));
                terrainUnknown += unknown ? 1 : 0;
                if (hit)
                {
                    terrainHits++;
                }
                else
                {
                    oblique = true;
                    unbounded |= d <= 1e-9;
                }

                gn = horizontal > 0 ? n / horizontal * s : 0;
                ge = horizontal > 0 ? e / horizontal * s : 0;
            }
            else if (d > 1e-9 && horizontal * heightMeters / d <= maxGroundRangeMeters)
            {
                var t = heightMeters / d;
                gn = t * n;
                ge = t * e;
            }
            else
            {
                oblique = true;
                unbounded |= d <= 1e-9;
                var scale = horizontal > 0 ? maxGroundRangeMeters / horizontal : 0;
                gn = n * scale;
                ge = e * scale;
            }

            corners[i] = new Coordinate(x + ge, y + gn);
        }

        corners[4] = corners[0].Copy();
        var hull = factory.CreatePolygon(corners).ConvexHull();
        var polygon = hull as Polygon ?? factory.CreatePolygon(factory.CreateLinearRing([new(x, y), new(x, y), new(x, y), new(x, y)]));
        return new CameraFootprint(polygon, oblique) { TerrainHits = terrainHits, TerrainUnknown = terrainUnknown, Unbounded = unbounded };
    }

    /// <summary>
    /// Horizontal distance along one ray to its first meeting with the terrain; (false, max range) when it meets none.
    /// The ray drops d/h metres per metre of horizontal distance (it rises where d &lt; 0).
    /// </summary>
    private static (bool Hit, double Distance, bool Unknown) March(
        Func<double, double, double> terrain, double x, double y, double cameraZ, double nadirGround,
        double n, double e, double d, double horizontal, double maxRange, double step)
    {
        var unknown = false;
        if (horizontal < 1e-12)
        {
            // Straight down or up: down meets the ground at the nadir, up never does.
            return d > 0 ? (true, 0, false) : (false, 0, false);
        }

        double un = n / horizontal, ue = e / horizontal, drop = d / horizontal;
        double Gap(double s)
        {
            var t = terrain(x + (ue * s), y + (un * s));
            if (double.IsNaN(t))
            {
                unknown = true;
                t = nadirGround;
            }

            return cameraZ - (drop * s) - t;
        }

        var previous = 0.0;
        for (var s = Math.Min(step, maxRange); ; s = Math.Min(s + step, maxRange))
        {
            if (Gap(s) <= 0)
            {
                // Bisection between the last point above ground and the first at or below it.
                double lo = previous, hi = s;
                for (var i = 0; i < 40 && hi - lo > 1e-3; i++)
                {
                    var mid = (lo + hi) / 2;
                    if (Gap(mid) <= 0)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                    }
                }

                return (true, hi, unknown);
            }

            if (s >= maxRange)
            {
                return (false, maxRange, unknown);
            }

            previous = s;
        }
    }
}
