using FlightForensics.Core.Model;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Html;

/// <summary>Everything one HTML report shows. Only <see cref="Log"/> is required.</summary>
public sealed record ReportInput
{
    public required FlightLog Log { get; init; }
    public IReadOnlyList<ReportFeature> Features { get; init; } = [];
    public IReadOnlyList<ReportFinding> Findings { get; init; } = [];

    /// <summary>Other files the analysis used (infrastructure layers, photos), listed in the evidence table.</summary>
    public IReadOnlyList<ReportEvidence> OtherEvidence { get; init; } = [];

    /// <summary>Thumbnails of the photos that captured a feature (JPEG or PNG bytes, small).</summary>
    public IReadOnlyList<ReportThumbnail> Thumbnails { get; init; } = [];

    /// <summary>When the analysis ran; default the log's decode time.</summary>
    public DateTimeOffset? AnalysisUtc { get; init; }

    /// <summary>Free text on the method (thresholds, layers used), shown under the findings.</summary>
    public string? MethodNote { get; init; }

    /// <summary>The analysis's notes (every assumption and skipped moment, as <c>check</c> states them), listed under the method note.</summary>
    public IReadOnlyList<string> MethodNotes { get; init; } = [];
    /// <summary>verify's result over the flight and the other sources (the "Can it be trusted?" section); null: none.</summary>
    public Verification.Model.VerifyResult? Trust { get; init; }
}

/// <summary>A file other than the flight log that the analysis relied on.</summary>
public sealed record ReportEvidence(string FileName, long Bytes, string Sha256, string Role)
{
    public string? Format { get; init; }
}

/// <summary>A small image shown next to the finding it belongs to.</summary>
public sealed record ReportThumbnail(string Name, string MediaType, byte[] Data)
{
    /// <summary>The feature this photo captured, if any.</summary>
    public string? FeatureId { get; init; }
}

/// <summary>
/// A thumbnail as the report embeds it: the id of its <c>img</c> element, the photo it came from, the feature it
/// captured, and the size and SHA-256 of the exact image bytes inside the element's data: URI.
/// </summary>
public sealed record EmbeddedThumbnail(string Id, string SourcePhoto, string? FeatureId, string MediaType, long Bytes, string Sha256);

public sealed record ReportOptions
{
    public static ReportOptions Default { get; } = new();

    public string? Title { get; init; }

    /// <summary>
    /// Optional base-map tile URL template (e.g. https://tile.example/{z}/{x}/{y}.png). Without it the report
    /// makes no network request at all; with it the browser loads tiles from that server.
    /// </summary>
    public string? TileUrl { get; init; }
    public string? TileAttribution { get; init; }

    /// <summary>Inline Leaflet and uPlot for an interactive map and chart (the SVGs stay as the fallback).</summary>
    public bool Interactive { get; init; } = true;

    public PlotOptions Plot { get; init; } = PlotOptions.Default;

    /// <summary>Most track points handed to the interactive map (every n-th beyond that, stated in the report).</summary>
    public int MaxInteractivePoints { get; init; } = 50_000;

    /// <summary>
    /// Tests only: markup written unescaped at the top of the body, to prove that the Content-Security-Policy blocks
    /// a script even if an escaping mistake let one through. The CLI never sets it.
    /// </summary>
    public string? TestOnlyRawMarkup { get; init; }

    public int MaxEventsListed { get; init; } = 5_000;
    public int MaxDiagnosticsListed { get; init; } = 2_000;

    /// <summary>Thumbnails larger than this are listed by name only.</summary>
    public int MaxThumbnailBytes { get; init; } = 512 * 1024;
}
