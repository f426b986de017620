using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// A feature projected into the flight's metric frame, with what the detectors need: the area that counts
/// as "over" it, its edges, and its close-approach distance.
/// </summary>
internal sealed class FeatureShape
{
    private EdgeSet? _edges;
    private EdgeSet? _areaEdges;
    private IndexedPointInAreaLocator? _areaLocator;

    // geometry: the feature's WGS84 geometry, or the part of it near the flight (GeographicClip); null for the whole.
    public FeatureShape(InfrastructureFeature feature, InfrastructureLayer layer, LocalProjection projection, CategoryDefinition category, double? bufferOverride, Geometry? geometry = null)
    {
        Feature = feature;
        Reference = new FeatureReference(feature.Id, feature.Name, feature.Category, feature.Subcategory, feature.Kind.ToName(), layer.FileName, layer.Sha256);
        Local = projection.Project(geometry ?? feature.Geometry);
        BufferMeters = bufferOverride ?? category.BufferMeters;
        switch (feature.Kind)
        {
            case GeometryKind.Polygon:
                Area = Local;
                break;
            case GeometryKind.Line:
                AreaExpansionMeters = category.LineHalfWidthMeters;
                break;
            case GeometryKind.Point:
                AreaExpansionMeters = category.PointRadiusMeters;
                break;
            default:
                AreaExpansionMeters = Math.Max(category.LineHalfWidthMeters, category.PointRadiusMeters);
                break;
        }

        if (Area is null && AreaExpansionMeters > 0)
        {
            Area = Local.Buffer(AreaExpansionMeters);
        }
    }

    public InfrastructureFeature Feature { get; }
    public FeatureReference Reference { get; }

    /// <summary>The feature in the metric frame.</summary>
    public Geometry Local { get; }

    /// <summary>The area counted as an overflight (the polygon, or the buffered line/point); null when there is none.</summary>
    public Geometry? Area { get; }

    public double AreaExpansionMeters { get; }
    public double BufferMeters { get; }

    public EdgeSet Edges => _edges ??= new EdgeSet(Local);
    public EdgeSet AreaEdges => _areaEdges ??= new EdgeSet(Area!);

    /// <summary>True when the point is inside the overflight area or on its boundary.</summary>
    public bool AreaContains(double x, double y)
    {
        _areaLocator ??= new IndexedPointInAreaLocator(Area!);
        return _areaLocator.Locate(new Coordinate(x, y)) != Location.Exterior;
    }
}
