using FlightForensics.Core.Decoding;
using FlightForensics.Reporting;
using FlightForensics.Reporting.External;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Application.Workflows;

/// <summary>The plot's settings: the case and the map file (the profile goes beside it).</summary>
public sealed record PlotWorkflowOptions
{
    public required CaseOptions Case { get; init; }

    /// <summary>The map: .svg or .png (drawn in-process), or .pdf (through Chromium).</summary>
    public required string MapPath { get; init; }

    /// <summary>The altitude profile's file beside the map: NAME-profile.EXT.</summary>
    public string ProfilePath => PlotWorkflow.ProfilePathFor(Path.GetFullPath(MapPath));
}

/// <summary>What a plot run wrote: the map's outcome, and the profile's (null when the map failed).</summary>
public sealed record PlotOutcome(ToolOutcome Map, ToolOutcome? Profile);

/// <summary>The track map with the features and findings near it, and the altitude profile.</summary>
public sealed class PlotWorkflow(FlightLogReader reader)
{
    public static bool IsPlotPath(string path) => Path.GetExtension(path).ToLowerInvariant() is ".svg" or ".png" or ".pdf";

    public PlotOutcome Run(PlotWorkflowOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prepared = PreparedCase.Prepare(reader, options.Case, cancellationToken);
        List<ReportFinding> findings = [];
        List<ReportFeature> features = [];
        if (prepared.Layers.Count > 0)
        {
            var result = prepared.Check(cancellationToken);
            findings = GeoReportMapping.Findings(result);
            features = GeoReportMapping.FeaturesNear(prepared.Layers, result, prepared.Log.Summary.Bounds);
        }

        var map = PlotFiles.WriteMap(Path.GetFullPath(options.MapPath), prepared.Log, features, findings);
        return map.Success ? new PlotOutcome(map, PlotFiles.WriteProfile(options.ProfilePath, prepared.Log, findings)) : new PlotOutcome(map, null);
    }

    /// <summary>The altitude profile's file beside the map: NAME-profile.EXT.</summary>
    public static string ProfilePathFor(string mapPath)
    {
        ArgumentNullException.ThrowIfNull(mapPath);
        return Path.Combine(Path.GetDirectoryName(mapPath)!, Path.GetFileNameWithoutExtension(mapPath) + "-profile" + Path.GetExtension(mapPath).ToLowerInvariant());
    }
}
