namespace FlightForensics.Reporting;

/// <summary>A WGS84 position, degrees. Order in the name, to avoid the usual lon/lat mix-up.</summary>
public readonly record struct LonLat(double LongitudeDegrees, double LatitudeDegrees)
{
    public bool IsValid =>
        double.IsFinite(LongitudeDegrees) && double.IsFinite(LatitudeDegrees)
        && LatitudeDegrees is >= -90 and <= 90 && LongitudeDegrees is >= -180 and <= 180;
}

/// <summary>
/// The geometry of an infrastructure feature as the report draws it: polygons (outer ring first, then
/// holes), lines and points, all plain lon/lat lists. The lead maps the Geo module's geometries onto this.
/// </summary>
public sealed record ReportGeometry
{
    /// <summary>Each polygon is a list of rings; the first ring is the outline, the others are holes.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<LonLat>>> Polygons { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<LonLat>> Lines { get; init; } = [];
    public IReadOnlyList<LonLat> Points { get; init; } = [];

    public static ReportGeometry Empty { get; } = new();

    public IEnumerable<LonLat> AllPositions() =>
        Polygons.SelectMany(p => p).SelectMany(r => r).Concat(Lines.SelectMany(l => l)).Concat(Points);
}

/// <summary>An infrastructure feature drawn on the map (a power station, a prison, an airport zone).</summary>
/// <param name="Id">Stable identifier in its source layer (e.g. "osm:way/123"); findings refer to it.</param>
/// <param name="Name">Display name; any text (escaped on output).</param>
/// <param name="Category">Category id such as "power", "prison", "airport"; drives the colour.</param>
/// <param name="Geometry">Outline, lines or points in WGS84.</param>
public sealed record ReportFeature(string Id, string Name, string Category, ReportGeometry Geometry)
{
    /// <summary>Where the feature comes from (e.g. "OpenStreetMap", "operator file"); "OpenStreetMap" adds the ODbL attribution.</summary>
    public string? Source { get; init; }

    public bool IsOpenStreetMap =>
        Source is not null && (Source.StartsWith("OpenStreetMap", StringComparison.OrdinalIgnoreCase)
            || Source.Equals("osm", StringComparison.OrdinalIgnoreCase));
}

public enum FindingKind
{
    /// <summary>The aircraft was above the feature's area.</summary>
    Overflight,

    /// <summary>The aircraft came within a distance threshold of the feature without being above it.</summary>
    Proximity,

    /// <summary>The camera took a photo (or recorded video) whose footprint covers the feature.</summary>
    Capture,
}

public enum FindingSeverity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>
/// One result of checking the flight against a feature, reduced to what the report shows. All numbers
/// are as the analysis computed them; the report never recomputes findings (and never from a decimated track).
/// </summary>
public sealed record ReportFinding
{
    public required string FeatureId { get; init; }
    public required string FeatureName { get; init; }
    public string Category { get; init; } = "";
    public required FindingKind Kind { get; init; }
    public FindingSeverity Severity { get; init; } = FindingSeverity.Info;

    public DateTimeOffset? EntryUtc { get; init; }
    public DateTimeOffset? ExitUtc { get; init; }

    /// <summary>Entry/exit as seconds on the log's elapsed clock, for logs without UTC.</summary>
    public double? EntryElapsedSeconds { get; init; }
    public double? ExitElapsedSeconds { get; init; }
    public double? DurationSeconds { get; init; }

    public double? MinHeightAboveTakeoffMeters { get; init; }
    public double? MinHeightAboveGroundMeters { get; init; }

    /// <summary>Smallest horizontal distance to the feature, metres (0 when above it).</summary>
    public double? ClosestApproachMeters { get; init; }

    /// <summary>Smallest 3-D distance to the feature, metres.</summary>
    public double? SlantRangeMeters { get; init; }

    /// <summary>Where the closest approach happened, when known.</summary>
    public LonLat? ClosestPosition { get; init; }

    /// <summary>For captures: the ground footprint of the image, when computed.</summary>
    public IReadOnlyList<LonLat> Footprint { get; init; } = [];

    /// <summary>For captures: the photo file or record that captured the feature, if known.</summary>
    public string? PhotoReference { get; init; }

    /// <summary>Free text the analysis wants the examiner to read (method, assumptions).</summary>
    public string? Note { get; init; }
}
