using FlightForensics.Geo.Taxonomy;

namespace FlightForensics.Geo.Layers;

/// <summary>How a layer file is read and classified, with limits that keep hostile files bounded.</summary>
public sealed record LayerReadOptions
{
    public static LayerReadOptions Default { get; } = new();

    public CategoryTaxonomy Taxonomy { get; init; } = CategoryTaxonomy.Default;

    /// <summary>Category for every feature of the file that does not name its own (a user's "this file is all prisons").</summary>
    public string? DefaultCategory { get; init; }

    /// <summary>Feature property that names the category (and <c>subcategory</c>), if present and known.</summary>
    public string CategoryProperty { get; init; } = "category";

    /// <summary>Feature property holding the name; null tries name, Name, NAME and similar.</summary>
    public string? NameProperty { get; init; }

    /// <summary>Feature property holding the id; null uses the format's own id (GeoJSON id, OSM type/id, KML id).</summary>
    public string? IdProperty { get; init; }

    public int MaxFeatures { get; init; } = 5_000_000;

    /// <summary>Largest decompressed size accepted from a KMZ entry, an OSM PBF blob stream or a bzip2 stream.</summary>
    public long MaxDecompressedBytes { get; init; } = 4L << 30;

    /// <summary>
    /// Largest single XML element (a KML placemark, or any node between placemarks) in bytes of the document: a
    /// placemark whose name inflates to a gigabyte cuts the layer there, with the features before it kept (issue #24 §2).
    /// </summary>
    public long MaxXmlElementBytes { get; init; } = 128L << 20;

    /// <summary>Largest decompressed KMZ entry (a real KMZ holds a few MB; 1 GiB is far above any published layer).</summary>
    public long MaxKmzEntryBytes { get; init; } = 1L << 30;

    /// <summary>OSM node coordinates kept for building ways (16 bytes each).</summary>
    public long MaxOsmNodes { get; init; } = 200_000_000;

    /// <summary>At most this many diagnostics are stored per layer (all are counted).</summary>
    public int MaxDiagnostics { get; init; } = 1000;

    /// <summary>
    /// Largest distance, in metres, between an OpenAir circle or arc and the polygon edges that replace it: the number
    /// of points follows the radius (136 per circle for 2 NM at 1 m), between 8 and 720 per full circle.
    /// </summary>
    public double ArcMaxChordErrorMeters { get; init; } = 1.0;
}
