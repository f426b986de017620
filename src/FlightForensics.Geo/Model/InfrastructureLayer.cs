namespace FlightForensics.Geo.Model;

/// <summary>
/// The features of one layer file with its provenance: file name, SHA-256, detected format and
/// the problems met while reading it.
/// </summary>
public sealed class InfrastructureLayer
{
    public required string FileName { get; init; }
    public required string FullPath { get; init; }
    public required long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the layer file (for a Shapefile: of the .shp).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Detected layer format id (<c>geojson</c>, <c>kml</c>, <c>kmz</c>, <c>osm-xml</c>, <c>osm-pbf</c>, ...).</summary>
    public required string Format { get; init; }

    public required IReadOnlyList<InfrastructureFeature> Features { get; init; }
    public IReadOnlyList<LayerDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>Attribution the data's licence requires wherever results from it are shown (ODbL for OSM data).</summary>
    public string? Attribution { get; init; }

    /// <summary>Companion files that were read too (.shx, .dbf, .prj), with their SHA-256.</summary>
    public IReadOnlyList<CompanionFile> Companions { get; init; } = [];

    /// <summary>Counts of source objects read (OSM nodes/ways/relations, placemarks, records), for cross-checks.</summary>
    public IReadOnlyDictionary<string, long> SourceCounts { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Objects read but not kept because no category applied (OSM objects outside the taxonomy).</summary>
    public long SkippedObjects { get; init; }

    /// <summary>Why the layer was not read to its end (a feature, size or string cap; see <c>LayerReadOptions</c>), or null when it was read whole.</summary>
    public string? Truncation { get; init; }

    public const string OsmAttribution = "© OpenStreetMap contributors, data under the Open Database License (ODbL) 1.0, https://www.openstreetmap.org/copyright";
}

public sealed record CompanionFile(string FileName, long Bytes, string Sha256);

/// <summary>A problem met while reading a layer; <see cref="Location"/> says where (offset, line, feature id).</summary>
public sealed record LayerDiagnostic(LayerDiagnosticKind Kind, string Location, string Message);

public enum LayerDiagnosticKind
{
    /// <summary>A geometry was invalid and was repaired (the message says how).</summary>
    Repaired,
    /// <summary>An object was dropped (unusable geometry, missing references).</summary>
    Skipped,
    /// <summary>Content the reader does not use (a CRS member, an external entity, a path outside the archive).</summary>
    Ignored,
    /// <summary>The file ends early or a block is damaged; what came before is kept.</summary>
    Damaged,
    /// <summary>A limit was reached (features, coordinates, decompressed bytes).</summary>
    Limit,
    Note,
}

public static class LayerDiagnosticKindNames
{
    public static string ToName(this LayerDiagnosticKind kind) => kind switch
    {
        LayerDiagnosticKind.Repaired => "repaired",
        LayerDiagnosticKind.Skipped => "skipped",
        LayerDiagnosticKind.Ignored => "ignored",
        LayerDiagnosticKind.Damaged => "damaged",
        LayerDiagnosticKind.Limit => "limit",
        _ => "note",
    };
}
