using System.Globalization;
using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Turns OpenStreetMap nodes, ways and relations (from XML, PBF or Overpass JSON) into infrastructure features:
/// tagged nodes become points, ways lines or (closed, area-like) polygons, multipolygon relations polygons with
/// holes. Only objects the taxonomy classifies are kept; the rest is counted as skipped.
/// </summary>
internal sealed class OsmAssembler(LayerBuilder builder)
{
    private static readonly IReadOnlyDictionary<string, string> s_noTags = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _nodes = [];
    private readonly Dictionary<long, long[]> _ways = [];
    private readonly List<(long Id, Dictionary<string, string> Tags, Classification Class)> _taggedWays = [];
    private readonly List<(long Id, Dictionary<string, string> Tags, Classification Class, List<(char Type, long Ref, string Role)> Members)> _relations = [];
    private bool _nodeLimitReported;

    public long Nodes { get; private set; }
    public long Ways { get; private set; }
    public long Relations { get; private set; }

    /// <summary>Fixed-point 1e-7 degrees packed in one long: latitude high, longitude low.</summary>
    private static long Pack(double lat, double lon) =>
        ((long)(int)Math.Round(lat * 1e7) << 32) | (uint)(int)Math.Round(lon * 1e7);

    private static Coordinate Unpack(long packed) => new((int)(packed & 0xFFFFFFFF) / 1e7, (int)(packed >> 32) / 1e7);

    public void AddNode(long id, double lat, double lon, Dictionary<string, string>? tags)
    {
        Nodes++;
        if (!double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, $"node/{id}", "coordinates out of range");
            return;
        }

        if (_nodes.Count >= builder.Options.MaxOsmNodes)
        {
            if (!_nodeLimitReported)
            {
                _nodeLimitReported = true;
                builder.Diagnose(LayerDiagnosticKind.Limit, $"node/{id}", string.Create(CultureInfo.InvariantCulture,
                    $"node limit of {builder.Options.MaxOsmNodes} reached: ways using later nodes are incomplete; clip the extract to the flight area"));
            }
        }
        else
        {
            _nodes[id] = Pack(lat, lon);
        }

        if (tags is { Count: > 0 } && builder.Taxonomy.ClassifyOsmTags(tags) is { } cls)
        {
            builder.Add($"node/{id}", tags.GetValueOrDefault("name"), cls, LayerBuilder.Factory.CreatePoint(new Coordinate(lon, lat)), tags, $"node/{id}");
        }
        else if (tags is { Count: > 0 })
        {
            builder.Skipped++;
        }
    }

    public void AddWay(long id, long[] refs, Dictionary<string, string>? tags)
    {
        Ways++;
        _ways[id] = refs;
        if (tags is { Count: > 0 } && builder.Taxonomy.ClassifyOsmTags(tags) is { } cls)
        {
            _taggedWays.Add((id, tags, cls));
        }
        else if (tags is { Count: > 0 })
        {
            builder.Skipped++;
        }
    }

    public void AddRelation(long id, List<(char Type, long Ref, string Role)> members, Dictionary<string, string>? tags)
    {
        Relations++;
        if (tags is not { Count: > 0 })
        {
            return;
        }

        var type = tags.GetValueOrDefault("type");
        if (type is "multipolygon" or "boundary" && builder.Taxonomy.ClassifyOsmTags(tags) is { } cls)
        {
            _relations.Add((id, tags, cls, members));
        }
        else
        {
            builder.Skipped++;
        }
    }

    /// <summary>Builds way and relation geometries once every object has been read.</summary>
    public void Finish()
    {
        foreach (var (id, tags, cls) in _taggedWays)
        {
            var location = $"way/{id}";
            var coords = Resolve(_ways[id], location);
            if (coords is null)
            {
                continue;
            }

            Geometry? geometry;
            if (IsArea(_ways[id], tags))
            {
                var ring = builder.Ring(coords, location);
                geometry = ring is null ? null : LayerBuilder.Factory.CreatePolygon(ring);
            }
            else
            {
                geometry = coords.Count >= 2 ? LayerBuilder.Factory.CreateLineString([.. coords]) : null;
            }

            builder.Add(location, tags.GetValueOrDefault("name"), cls, geometry, tags, location);
        }

        foreach (var (id, tags, cls, members) in _relations)
        {
            var location = $"relation/{id}";
            var polygon = AssembleMultipolygon(members, location);
            if (polygon is not null)
            {
                builder.Add(location, tags.GetValueOrDefault("name"), cls, polygon, tags, location);
            }
        }

        builder.Count("nodes", Nodes);
        builder.Count("ways", Ways);
        builder.Count("relations", Relations);
    }

    private List<Coordinate>? Resolve(long[] refs, string location)
    {
        var coords = new List<Coordinate>(refs.Length);
        var missing = 0;
        foreach (var r in refs)
        {
            if (_nodes.TryGetValue(r, out var packed))
            {
                coords.Add(Unpack(packed));
            }
            else
            {
                missing++;
            }
        }

        if (missing > 0)
        {
            builder.Diagnose(coords.Count >= 2 ? LayerDiagnosticKind.Repaired : LayerDiagnosticKind.Skipped, location,
                string.Create(CultureInfo.InvariantCulture, $"{missing} of {refs.Length} node(s) are not in the file (clipped extract)"));
            if (coords.Count < 2)
            {
                return null;
            }
        }

        return coords;
    }

    /// <summary>Closed ways are areas unless their tags describe something linear (OSM wiki "Area" conventions).</summary>
    private static bool IsArea(long[] refs, Dictionary<string, string> tags)
    {
        if (refs.Length < 4 || refs[0] != refs[^1])
        {
            return false;
        }

        if (tags.TryGetValue("area", out var area))
        {
            return area != "no";
        }

        if (tags.GetValueOrDefault("power") is "line" or "minor_line" or "cable"
            || tags.GetValueOrDefault("man_made") is "pipeline" or "dyke"
            || tags.ContainsKey("highway") || tags.ContainsKey("barrier")
            || tags.GetValueOrDefault("waterway") is "weir" or "river" or "stream" or "canal" or "ditch" or "drain")
        {
            return false;
        }

        return !tags.TryGetValue("railway", out var railway) || railway is "station" or "yard" or "platform";
    }

    /// <summary>Joins outer and inner member ways into closed rings and nests inners in outers.</summary>
    private Geometry? AssembleMultipolygon(List<(char Type, long Ref, string Role)> members, string location)
    {
        var outerParts = new List<long[]>();
        var innerParts = new List<long[]>();
        foreach (var (type, reference, role) in members)
        {
            if (type != 'w')
            {
                continue;
            }

            if (!_ways.TryGetValue(reference, out var refs))
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"member way/{reference} is not in the file (clipped extract); relation dropped");
                return null;
            }

            (role == "inner" ? innerParts : outerParts).Add(refs);
        }

        var outers = JoinRings(outerParts, location);
        var inners = JoinRings(innerParts, location);
        if (outers is null || inners is null || outers.Count == 0)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "member ways do not form closed rings; relation dropped");
            return null;
        }

        var shells = outers.Select(r => (Ring: r, Holes: new List<LinearRing>(), Poly: LayerBuilder.Factory.CreatePolygon(r))).ToList();
        foreach (var inner in inners)
        {
            var probe = LayerBuilder.Factory.CreatePoint(inner.Coordinates[0]);
            var owner = shells.FirstOrDefault(s => s.Poly.Covers(probe));
            if (owner.Ring is null)
            {
                builder.Diagnose(LayerDiagnosticKind.Repaired, location, "inner ring outside every outer ring ignored");
                continue;
            }

            owner.Holes.Add(inner);
        }

        var polygons = shells.Select(s => LayerBuilder.Factory.CreatePolygon(s.Ring, [.. s.Holes])).ToArray();
        return polygons.Length == 1 ? polygons[0] : LayerBuilder.Factory.CreateMultiPolygon(polygons);
    }

    private List<LinearRing>? JoinRings(List<long[]> parts, string location)
    {
        var rings = new List<LinearRing>();
        var open = parts.Where(p => p.Length >= 2).Select(p => new List<long>(p)).ToList();
        while (open.Count > 0)
        {
            var current = open[0];
            open.RemoveAt(0);
            while (current[0] != current[^1])
            {
                var next = open.FindIndex(p => p[0] == current[^1] || p[^1] == current[^1]);
                if (next < 0)
                {
                    return null;
                }

                var part = open[next];
                open.RemoveAt(next);
                if (part[0] != current[^1])
                {
                    part.Reverse();
                }

                current.AddRange(part.Skip(1));
            }

            var coords = Resolve([.. current], location);
            if (coords is null)
            {
                return null;
            }

            if (builder.Ring(coords, location) is { } ring)
            {
                rings.Add(ring);
            }
        }

        return rings;
    }

    public static IReadOnlyDictionary<string, string> NoTags => s_noTags;
}
