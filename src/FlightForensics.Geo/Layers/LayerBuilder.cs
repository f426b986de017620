using System.Globalization;
using System.Security.Cryptography;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Collects a reader's features: classifies them, checks coordinates, repairs invalid polygons (saying so),
/// keeps ids stable and caps counts.
/// </summary>
internal sealed class LayerBuilder(string layerName, LayerReadOptions options)
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly string[] s_nameKeys = ["name", "Name", "NAME", "title", "Title", "label"];
    private readonly List<InfrastructureFeature> _features = [];
    private readonly CappedList<LayerDiagnostic> _diagnostics = new(options.MaxDiagnostics);
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private bool _limitReported;

    public LayerReadOptions Options => options;
    public CategoryTaxonomy Taxonomy => options.Taxonomy;
    public string LayerName => layerName;
    public IReadOnlyList<InfrastructureFeature> Features => _features;
    public IReadOnlyList<LayerDiagnostic> Diagnostics => _diagnostics;
    public IReadOnlyDictionary<string, long> Counts => _counts;
    public long DiagnosticsNotStored => _diagnostics.NotStored;
    public long Skipped { get; set; }
    public bool Full => _features.Count >= options.MaxFeatures;

    /// <summary>Why the layer was not read to its end (a cap was reached), or null; shown in every summary, not only as a diagnostic.</summary>
    public string? Truncation { get; private set; }

    /// <summary>Records that a cap cut the layer here: the first reason is kept for the summary, each one is a diagnostic.</summary>
    public void Truncate(string location, string reason)
    {
        Truncation ??= reason;
        Diagnose(LayerDiagnosticKind.Limit, location, reason);
    }

    public void Count(string what, long n = 1) => _counts[what] = _counts.GetValueOrDefault(what) + n;

    public void Diagnose(LayerDiagnosticKind kind, string location, string message) =>
        _diagnostics.Add(new LayerDiagnostic(kind, location, message));

    /// <summary>Category of a user-layer feature: its own property, the file's default, the OSM rules, else unclassified.</summary>
    public Classification ClassifyUser(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.TryGetValue(options.CategoryProperty, out var own))
        {
            var id = own.Trim().ToLowerInvariant();
            if (Taxonomy.IsKnown(id))
            {
                return new Classification(id, tags.GetValueOrDefault("subcategory"));
            }
        }

        if (options.DefaultCategory is { } fileCategory)
        {
            return new Classification(fileCategory, null);
        }

        return Taxonomy.ClassifyOsmTags(tags) ?? new Classification(CategoryTaxonomy.Unclassified, null);
    }

    /// <summary>Name from the configured property or the usual name keys.</summary>
    public string? NameOf(IReadOnlyDictionary<string, string> tags)
    {
        if (options.NameProperty is { } p)
        {
            return tags.GetValueOrDefault(p);
        }

        foreach (var k in s_nameKeys)
        {
            if (tags.TryGetValue(k, out var v) && v.Length > 0)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The configured id property's value, if any.</summary>
    public string? IdFromProperty(IReadOnlyDictionary<string, string> tags) =>
        options.IdProperty is { } p && tags.TryGetValue(p, out var v) && v.Length > 0 ? v : null;

    /// <summary>Adds a feature; returns false when it was dropped (the reason is a diagnostic).</summary>
    public bool Add(string? id, string? name, Classification classification, Geometry? geometry, IReadOnlyDictionary<string, string> tags, string location,
        string? lower = null, string? upper = null, AirspaceZone? airspace = null)
    {
        if (Full)
        {
            if (!_limitReported)
            {
                _limitReported = true;
                Truncate(location, string.Create(CultureInfo.InvariantCulture, $"feature limit of {options.MaxFeatures} reached (LayerReadOptions.MaxFeatures); the rest of the layer was not read"));
            }

            return false;
        }

        if (geometry is null || geometry.IsEmpty)
        {
            Diagnose(LayerDiagnosticKind.Skipped, location, "empty or missing geometry");
            return false;
        }

        if (!CoordinatesInRange(geometry, out var bad))
        {
            Diagnose(LayerDiagnosticKind.Skipped, location, $"coordinate out of WGS84 range ({bad}): not longitude/latitude degrees, or the two are swapped");
            return false;
        }

        geometry = Repair(geometry, location);
        if (geometry is null)
        {
            return false;
        }

        id ??= GeometryId(geometry);
        if (_ids.TryGetValue(id, out var seen))
        {
            _ids[id] = seen + 1;
            var unique = string.Create(CultureInfo.InvariantCulture, $"{id}#{seen + 1}");
            Diagnose(LayerDiagnosticKind.Note, location, $"id '{id}' repeats in the layer; this feature is '{unique}'");
            id = unique;
        }
        else
        {
            _ids[id] = 1;
        }

        _features.Add(new InfrastructureFeature
        {
            Id = id,
            Name = name,
            Category = classification.Category,
            Subcategory = classification.Subcategory,
            Geometry = geometry,
            Tags = tags,
            Layer = layerName,
            LowerLimit = lower,
            UpperLimit = upper,
            Airspace = airspace,
        });
        return true;
    }

    /// <summary>A stable id for a feature the layer does not name: "geom:" and the start of the SHA-256 of its WKB.</summary>
    public static string GeometryId(Geometry geometry)
    {
        var wkb = new WKBWriter().Write(geometry);
        return "geom:" + Convert.ToHexStringLower(SHA256.HashData(wkb))[..16];
    }

    public Geometry? Repair(Geometry geometry, string location)
    {
        if (geometry.Dimension != Dimension.Surface)
        {
            return geometry;
        }

        if (geometry is Polygon polygon && SimpleShell.IsProvenValid(polygon))
        {
            return geometry;
        }

        var op = new IsValidOp(geometry);
        if (op.IsValid)
        {
            return geometry;
        }

        var error = op.ValidationError;
        var fixedGeometry = GeometryFixer.Fix(geometry);
        if (fixedGeometry.IsEmpty)
        {
            Diagnose(LayerDiagnosticKind.Skipped, location, $"invalid polygon ({error?.Message}) could not be repaired");
            return null;
        }

        Diagnose(LayerDiagnosticKind.Repaired, location, string.Create(CultureInfo.InvariantCulture,
            $"invalid polygon ({error?.Message} at {error?.Coordinate?.X:F7},{error?.Coordinate?.Y:F7}) repaired; area {geometry.Area:G6} → {fixedGeometry.Area:G6} deg²"));
        return fixedGeometry;
    }

    private static bool CoordinatesInRange(Geometry geometry, out string bad)
    {
        // Visits the sequences in place: Geometry.Coordinates would copy every vertex of every feature into a new array.
        var filter = new RangeFilter();
        geometry.Apply(filter);
        bad = filter.Bad is { } c ? string.Create(CultureInfo.InvariantCulture, $"x={c.X}, y={c.Y}") : "";
        return filter.Bad is null;
    }

    private sealed class RangeFilter : IEntireCoordinateSequenceFilter
    {
        public (double X, double Y)? Bad { get; private set; }

        public bool Done => Bad is not null;

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count && Bad is null; i++)
            {
                double x = seq.GetX(i), y = seq.GetY(i);
                if (!double.IsFinite(x) || !double.IsFinite(y) || x is < -180 or > 180 || y is < -90 or > 90)
                {
                    Bad = (x, y);
                }
            }
        }
    }

    /// <summary>
    /// A closed ring from coordinates, closing it (with a note) when the source left it open; null when too short.
    /// A closed <c>Coordinate[]</c> becomes the ring's own sequence (callers hand over a fresh array); anything else is
    /// copied once.
    /// </summary>
    public LinearRing? Ring(IList<Coordinate> coords, string location)
    {
        if (coords.Count == 0)
        {
            return null;
        }

        var closed = coords[0].Equals2D(coords[^1]);
        if (!closed)
        {
            Diagnose(LayerDiagnosticKind.Repaired, location, "ring was not closed; closed it");
        }

        var count = coords.Count + (closed ? 0 : 1);
        if (count < 4)
        {
            Diagnose(LayerDiagnosticKind.Skipped, location, string.Create(CultureInfo.InvariantCulture, $"ring with {coords.Count} point(s) dropped"));
            return null;
        }

        if (closed && coords is Coordinate[] own)
        {
            return Factory.CreateLinearRing(own);
        }

        var array = new Coordinate[count];
        coords.CopyTo(array, 0);
        if (!closed)
        {
            array[^1] = coords[0].Copy();
        }

        return Factory.CreateLinearRing(array);
    }

    public InfrastructureLayer Build(LayerFile file, string format, string? attribution)
    {
        // The layer's list says itself that it was cut (the count goes one past the cap for that note).
        IReadOnlyList<LayerDiagnostic> diagnostics = DiagnosticsNotStored > 0
            ? [.. _diagnostics, new LayerDiagnostic(LayerDiagnosticKind.Note, "", string.Create(CultureInfo.InvariantCulture, $"{DiagnosticsNotStored} further diagnostic(s) not stored"))]
            : _diagnostics;

        return new InfrastructureLayer
        {
            FileName = file.FileName,
            FullPath = file.FullPath,
            Bytes = file.Bytes,
            Sha256 = file.Sha256,
            Format = format,
            Features = _features,
            Diagnostics = diagnostics,
            Attribution = attribution,
            Companions = file.Companions,
            SourceCounts = _counts,
            SkippedObjects = Skipped,
            Truncation = Truncation,
        };
    }
}
