using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// An alert raised while watching a live position stream. <c>Kind</c> is <c>enter</c> (now above the feature's
/// area), <c>exit</c> (left it) or <c>near</c> (within its buffer); the distance is in local metres.
/// </summary>
public sealed record LiveAlert(string Kind, FeatureReference Feature, DateTimeOffset TimeUtc, double DistanceMeters, double? HeightAboveTakeoffMeters,
    double LatitudeDegrees, double LongitudeDegrees);

/// <summary>
/// Position-by-position infrastructure alerts for a live link: entering and leaving a feature's area (polygons;
/// lines and points widened by their category's corridor or radius, as in the check) and coming within its
/// close-approach buffer. Each state change is reported once. Memory is bounded by the features ever near the
/// track; positions are not kept. Unlike <see cref="InfrastructureCheck"/> it sees samples, not the segments
/// between them, so a pass shorter than the sample interval can be missed; the recorded tlog can be checked afterwards.
/// </summary>
public sealed class LiveWatch
{
    private readonly IReadOnlyList<InfrastructureLayer> _layers;
    private readonly CategoryTaxonomy _taxonomy;
    private readonly double? _bufferOverride;
    private readonly double _reachMeters;
    private readonly Dictionary<string, (FeatureReference Reference, Geometry Local, double Expansion, double Buffer)> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _state = new(StringComparer.Ordinal);
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 0);
    private LocalProjection? _projection;

    public LiveWatch(IReadOnlyList<InfrastructureLayer> layers, CheckOptions? options = null)
    {
        _layers = layers ?? throw new ArgumentNullException(nameof(layers));
        options ??= CheckOptions.Default;
        _taxonomy = options.Taxonomy;
        _bufferOverride = options.BufferMetersOverride;
        _reachMeters = _taxonomy.Categories.Select(c => Math.Max(c.BufferMeters, Math.Max(c.LineHalfWidthMeters, c.PointRadiusMeters)))
            .Append(_bufferOverride ?? 0).Max();
    }

    public IReadOnlyList<LiveAlert> Update(double latitude, double longitude, double? heightAboveTakeoffMeters, DateTimeOffset timeUtc)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180)
        {
            return [];
        }

        _projection ??= new LocalProjection(latitude, longitude);
        var (x, y) = _projection.Forward(latitude, longitude);
        var point = _factory.CreatePoint(new Coordinate(x, y));
        double dLat = _reachMeters / 111_000.0;
        double dLon = _reachMeters / (111_000.0 * Math.Max(0.01, Math.Cos(latitude * Math.PI / 180)));
        var window = new Envelope(longitude - dLon, longitude + dLon, latitude - dLat, latitude + dLat);
        var alerts = new List<LiveAlert>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in _layers)
        {
            foreach (var feature in LayerIndex.Query(layer, window))
            {
                var key = layer.Sha256 + "|" + feature.Id;
                seen.Add(key);
                var shape = Shape(key, feature, layer);
                double distance = shape.Local.Distance(point);
                string now = distance <= shape.Expansion ? "inside" : distance <= shape.Buffer ? "near" : "away";
                var before = _state.GetValueOrDefault(key, "away");
                if (now == before)
                {
                    continue;
                }

                _state[key] = now;
                if (now == "inside")
                {
                    alerts.Add(new LiveAlert("enter", shape.Reference, timeUtc, distance, heightAboveTakeoffMeters, latitude, longitude));
                }
                else if (before == "inside")
                {
                    alerts.Add(new LiveAlert("exit", shape.Reference, timeUtc, distance, heightAboveTakeoffMeters, latitude, longitude));
                }
                else if (now == "near")
                {
                    alerts.Add(new LiveAlert("near", shape.Reference, timeUtc, distance, heightAboveTakeoffMeters, latitude, longitude));
                }
            }
        }

        // Features no longer within reach: an open "inside" ends with an exit.
        foreach (var key in _state.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            if (_state[key] == "inside")
            {
                alerts.Add(new LiveAlert("exit", _shapes[key].Reference, timeUtc, double.NaN, heightAboveTakeoffMeters, latitude, longitude));
            }

            _state.Remove(key);
        }

        return alerts;
    }

    private (FeatureReference Reference, Geometry Local, double Expansion, double Buffer) Shape(string key, InfrastructureFeature feature, InfrastructureLayer layer)
    {
        if (_shapes.TryGetValue(key, out var shape))
        {
            return shape;
        }

        var category = _taxonomy.Get(feature.Category);
        double expansion = feature.Kind switch
        {
            GeometryKind.Line => category.LineHalfWidthMeters,
            GeometryKind.Point => category.PointRadiusMeters,
            _ => 0,
        };
        var reference = new FeatureReference(feature.Id, feature.Name, feature.Category, feature.Subcategory, feature.Kind.ToName(), layer.FileName, layer.Sha256);
        shape = (reference, _projection!.Project(feature.Geometry), expansion, Math.Max(expansion, _bufferOverride ?? category.BufferMeters));
        _shapes[key] = shape;
        return shape;
    }
}
