using FlightForensics.Core.Model;
using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo;

/// <summary>What a layer file holds, for the <c>layers LAYER --json</c> verb.</summary>
public sealed record LayerSummary
{
    public required string File { get; init; }
    public required long Bytes { get; init; }
    public required string Sha256 { get; init; }
    public required string Format { get; init; }
    public required int Features { get; init; }

    /// <summary>Feature counts by category id, sorted by id.</summary>
    public required IReadOnlyDictionary<string, int> ByCategory { get; init; }

    /// <summary>Feature counts by "category/subcategory".</summary>
    public required IReadOnlyDictionary<string, int> BySubcategory { get; init; }

    /// <summary>Feature counts by geometry kind (point, line, polygon, mixed).</summary>
    public required IReadOnlyDictionary<string, int> ByGeometry { get; init; }

    /// <summary>Latitude/longitude bounds of all features; null for an empty layer.</summary>
    public GeoBounds? Bounds { get; init; }
    public IReadOnlyDictionary<string, long> SourceCounts { get; init; } = new Dictionary<string, long>();
    public long SkippedObjects { get; init; }

    /// <summary>Why the layer was not read to its end, or null (see <see cref="InfrastructureLayer.Truncation"/>).</summary>
    public string? Truncated { get; init; }
    public string? Attribution { get; init; }
    public required string Taxonomy { get; init; }
    public IReadOnlyList<CompanionFile> Companions { get; init; } = [];
    public IReadOnlyList<LayerDiagnostic> Diagnostics { get; init; } = [];

    public static LayerSummary Of(InfrastructureLayer layer, CategoryTaxonomy? taxonomy = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        taxonomy ??= CategoryTaxonomy.Default;
        var env = new Envelope();
        foreach (var f in layer.Features)
        {
            env.ExpandToInclude(f.Geometry.EnvelopeInternal);
        }

        return new LayerSummary
        {
            File = layer.FileName,
            Bytes = layer.Bytes,
            Sha256 = layer.Sha256,
            Format = layer.Format,
            Features = layer.Features.Count,
            ByCategory = Histogram(layer.Features.Select(f => f.Category)),
            BySubcategory = Histogram(layer.Features.Select(f => f.Subcategory is null ? f.Category : $"{f.Category}/{f.Subcategory}")),
            ByGeometry = Histogram(layer.Features.Select(f => f.Kind.ToName())),
            Bounds = env.IsNull ? null : new GeoBounds(env.MinY, env.MinX, env.MaxY, env.MaxX),
            SourceCounts = layer.SourceCounts,
            SkippedObjects = layer.SkippedObjects,
            Truncated = layer.Truncation,
            Attribution = layer.Attribution,
            Taxonomy = $"{taxonomy.Name} {taxonomy.Version}",
            Companions = layer.Companions,
            Diagnostics = layer.Diagnostics,
        };
    }

    private static SortedDictionary<string, int> Histogram(IEnumerable<string> keys)
    {
        var d = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            d[k] = d.GetValueOrDefault(k) + 1;
        }

        return d;
    }
}
