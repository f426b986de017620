using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Joins the pieces of an AIXM ring: GeoBorder references become the stretch of the border between the
/// neighbouring pieces (forwards or backwards, as the neighbours say), and arcs whose turning direction is open
/// take the direction that leaves the ring simple.
/// </summary>
internal static class AixmRingBuilder
{
    public static List<Coordinate>? Build(IReadOnlyList<RingPiece> pieces, IReadOnlyDictionary<string, List<Coordinate>> borders, LayerBuilder builder, string location)
    {
        if (pieces.Count == 0)
        {
            return null;
        }

        var resolved = new List<RingPiece>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.BorderKey is null)
            {
                resolved.Add(piece);
                continue;
            }

            if (!borders.TryGetValue(piece.BorderKey, out var border) || border.Count < 2)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"outline refers to border '{piece.BorderKey}', which the file does not hold: ring dropped");
                return null;
            }

            var before = Neighbour(pieces, i, -1)?.Points[^1];
            var after = Neighbour(pieces, i, +1)?.Points[0];
            if (before is null || after is null)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, "outline is a border reference alone: ring dropped");
                return null;
            }

            var from = Nearest(border, before);
            var to = Nearest(border, after);
            var stretch = from <= to ? border.GetRange(from, to - from + 1) : Enumerable.Reverse(border.GetRange(to, from - to + 1)).ToList();
            resolved.Add(new RingPiece(stretch));
        }

        var arcs = Enumerable.Range(0, resolved.Count).Where(i => resolved[i].OtherWay is not null).ToList();
        var ring = Join(resolved, flipped: null);
        if (arcs.Count == 0 || IsSimple(ring))
        {
            return ring;
        }

        // The default (clockwise) sweep crosses the outline: try each arc the other way, then all of them.
        foreach (var candidate in arcs.Select(a => new HashSet<int> { a }).Append([.. arcs]))
        {
            var other = Join(resolved, candidate);
            if (IsSimple(other))
            {
                var which = string.Join(", ", candidate.Select(a => resolved[a].Description));
                builder.Diagnose(LayerDiagnosticKind.Note, location, $"{which} taken counter-clockwise: the clockwise sweep makes the outline cross itself");
                return other;
            }
        }

        return ring;
    }

    private static RingPiece? Neighbour(IReadOnlyList<RingPiece> pieces, int i, int step)
    {
        for (var k = 1; k < pieces.Count; k++)
        {
            var p = pieces[(((i + (step * k)) % pieces.Count) + pieces.Count) % pieces.Count];
            if (p.BorderKey is null && p.Points.Count > 0)
            {
                return p;
            }
        }

        return null;
    }

    private static int Nearest(List<Coordinate> points, Coordinate target)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var k = 0; k < points.Count; k++)
        {
            var d = points[k].Distance(target);
            if (d < bestDistance)
            {
                (best, bestDistance) = (k, d);
            }
        }

        return best;
    }

    private static List<Coordinate> Join(List<RingPiece> pieces, HashSet<int>? flipped)
    {
        var ring = new List<Coordinate>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var points = flipped is not null && flipped.Contains(i) ? pieces[i].OtherWay! : pieces[i].Points;
            foreach (var c in points)
            {
                // Pieces share their end points; the same position twice in a row is one vertex.
                if (ring.Count == 0 || !Same(ring[^1], c))
                {
                    ring.Add(c);
                }
            }
        }

        if (ring.Count > 0 && !ring[0].Equals2D(ring[^1]))
        {
            if (Same(ring[0], ring[^1]))
            {
                ring[^1] = ring[0].Copy();
            }
            else
            {
                ring.Add(ring[0].Copy());
            }
        }

        return ring;
    }

    /// <summary>Positions within 1e-7° (about 1 cm) are the same vertex: published coordinates round to 7 decimals.</summary>
    private static bool Same(Coordinate a, Coordinate b) => Math.Abs(a.X - b.X) < 1e-7 && Math.Abs(a.Y - b.Y) < 1e-7;

    private static bool IsSimple(List<Coordinate> ring) =>
        ring.Count >= 4 && LayerBuilder.Factory.CreateLinearRing([.. ring]).IsSimple;
}
