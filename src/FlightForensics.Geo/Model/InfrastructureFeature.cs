using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Model;

/// <summary>
/// One site or asset from an infrastructure layer, in WGS84 (X = longitude, Y = latitude, degrees).
/// </summary>
/// <remarks>
/// <see cref="Id"/> is the id the source gives the feature (OSM <c>way/123</c>, a GeoJSON <c>id</c>, a KML placemark
/// id or name, a Shapefile record number) so that results stay valid when the layer is re-sorted.
/// </remarks>
public sealed record InfrastructureFeature
{
    public required string Id { get; init; }
    public string? Name { get; init; }

    /// <summary>Category id from the taxonomy (<c>energy</c>, <c>water</c>, ...), <c>unclassified</c> when none applies.</summary>
    public required string Category { get; init; }
    public string? Subcategory { get; init; }

    /// <summary>WGS84 geometry: polygons are sites, lines and points are kept as they are and buffered by category.</summary>
    public required Geometry Geometry { get; init; }

    /// <summary>Source attributes (OSM tags, GeoJSON properties, DBF fields, OpenAir header values).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>File name of the layer the feature came from.</summary>
    public required string Layer { get; init; }

    /// <summary>Lower floor and ceiling of airspace features (OpenAir AL/AH), as written.</summary>
    public string? LowerLimit { get; init; }
    public string? UpperLimit { get; init; }

    /// <summary>Drone-zone facts (restriction, vertical limits with their datum, schedule) of a zone-feed feature; null otherwise.</summary>
    public AirspaceZone? Airspace { get; init; }

    public GeometryKind Kind => GeometryKinds.Of(Geometry);

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>(StringComparer.Ordinal);
}

public enum GeometryKind
{
    Point,
    Line,
    Polygon,
    Mixed,
}

public static class GeometryKinds
{
    public static GeometryKind Of(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return geometry.Dimension switch
        {
            Dimension.Point => GeometryKind.Point,
            Dimension.Curve => GeometryKind.Line,
            Dimension.Surface when geometry is Polygon or MultiPolygon => GeometryKind.Polygon,
            _ => GeometryKind.Mixed,
        };
    }

    public static string ToName(this GeometryKind kind) => kind switch
    {
        GeometryKind.Point => "point",
        GeometryKind.Line => "line",
        GeometryKind.Polygon => "polygon",
        _ => "mixed",
    };
}
