using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.Reporting.Batch;

namespace FlightForensics.Cli;

/// <summary>Reads infrastructure layers and builds the per-flight analysis (null when no layer is given).</summary>
internal static class AnalysisFactory
{
    public static IReadOnlyList<InfrastructureLayer> ReadLayers(IReadOnlyList<string> layerPaths, CancellationToken cancellationToken = default) =>
        [.. layerPaths.Select(p => LayerReader.Read(p, LayerReadOptions.Default, cancellationToken))];

    public static IFlightAnalysis? Create(IReadOnlyList<string> layerPaths, double? bufferMeters = null)
    {
        if (layerPaths.Count == 0)
        {
            return null;
        }

        return new InfrastructureAnalysis(ReadLayers(layerPaths), new CheckOptions { BufferMetersOverride = bufferMeters });
    }
}
