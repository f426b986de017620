using FlightForensics.Core.Model;
using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// The map's data space: metres east and north of the flight's centre in <see cref="MapProjection"/>, and the
/// extent the axes must show. The flight decides the view; features without a finding only widen it up to a
/// limit (a country-sized zone must not shrink the track to a dot), while every feature a finding names is shown whole.
/// </summary>
internal sealed class MapFrame
{
    private readonly MapProjection _projection;

    private MapFrame(MapProjection projection, CoordinateRect extent)
    {
        _projection = projection;
        Extent = extent;
    }

    public MapProjection Projection => _projection;

    /// <summary>What the axes must include, metres; at least 100 m × 100 m so that one point or a hover is readable.</summary>
    public CoordinateRect Extent { get; }

    public Coordinates Project(LonLat p)
    {
        var (e, n) = _projection.Forward(p.LatitudeDegrees, p.LongitudeDegrees);
        return new Coordinates(e, n);
    }

    public static MapFrame Fit(MapProjection projection, IReadOnlyList<LonLat> flight, IReadOnlyList<LonLat> features, IReadOnlyList<LonLat> namedByFindings)
    {
        var primary = flight.Count > 0 ? flight : features;
        var (minE, maxE, minN, maxN) = Bounds(projection, primary);
        if (flight.Count > 0 && features.Count > 0)
        {
            // Features widen the view to at most the flight's own extent (plus 500 m) on each side.
            double spanE = Math.Max(maxE - minE, 100), spanN = Math.Max(maxN - minN, 100);
            double limE = spanE + 500, limN = spanN + 500;
            var (fMinE, fMaxE, fMinN, fMaxN) = Bounds(projection, features);
            minE = Math.Min(minE, Math.Max(fMinE, minE - limE));
            maxE = Math.Max(maxE, Math.Min(fMaxE, maxE + limE));
            minN = Math.Min(minN, Math.Max(fMinN, minN - limN));
            maxN = Math.Max(maxN, Math.Min(fMaxN, maxN + limN));
        }

        if (namedByFindings.Count > 0)
        {
            var (gMinE, gMaxE, gMinN, gMaxN) = Bounds(projection, namedByFindings);
            minE = Math.Min(minE, gMinE);
            maxE = Math.Max(maxE, gMaxE);
            minN = Math.Min(minN, gMinN);
            maxN = Math.Max(maxN, gMaxN);
        }

        double cE = (minE + maxE) / 2, cN = (minN + maxN) / 2;
        // 5 % margin on each side, as the hand-drawn map had, so that markers on the edge are not cut.
        double halfE = Math.Max(maxE - minE, 100) * 0.55, halfN = Math.Max(maxN - minN, 100) * 0.55;
        return new MapFrame(projection, new CoordinateRect(cE - halfE, cE + halfE, cN - halfN, cN + halfN));
    }

    private static (double MinE, double MaxE, double MinN, double MaxN) Bounds(MapProjection projection, IReadOnlyList<LonLat> positions)
    {
        double minE = double.MaxValue, maxE = double.MinValue, minN = double.MaxValue, maxN = double.MinValue;
        foreach (var p in positions)
        {
            var (e, n) = projection.Forward(p.LatitudeDegrees, p.LongitudeDegrees);
            minE = Math.Min(minE, e);
            maxE = Math.Max(maxE, e);
            minN = Math.Min(minN, n);
            maxN = Math.Max(maxN, n);
        }

        return positions.Count == 0 ? (0, 0, 0, 0) : (minE, maxE, minN, maxN);
    }
}
