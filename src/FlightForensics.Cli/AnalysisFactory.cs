using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
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

    /// <summary>
    /// Decodes the evidence and reads the layers at the same time: the two are independent, and on a national layer
    /// and a long flight each costs about a second of one core. The evidence's error wins when both fail; a failed
    /// decode cancels the layer read and waits for it, so nothing runs on after the verb has returned.
    /// </summary>
    public static (FlightLog Log, IReadOnlyList<InfrastructureLayer> Layers) ReadLogAndLayers(
        CliContext context, string path, DecodeOptions decodeOptions, IReadOnlyList<string> layerPaths, CancellationToken cancellationToken = default)
    {
        if (layerPaths.Count == 0)
        {
            return (context.Reader.Read(path, decodeOptions, cancellationToken), []);
        }

        using var layerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var layerRead = Task.Run(() =>
        {
            var layers = ReadLayers(layerPaths, layerCancellation.Token);
            foreach (var layer in layers)
            {
                LayerIndex.For(layer); // built here, overlapping the decode, rather than after it
            }

            return layers;
        }, layerCancellation.Token);
        FlightLog log;
        try
        {
            log = context.Reader.Read(path, decodeOptions, cancellationToken);
        }
        catch
        {
            layerCancellation.Cancel();
            try
            {
                layerRead.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The evidence's error is the one reported; the layer read was cancelled or failed on its own.
            }

            throw;
        }

        // The track (a projection of every sample) is the check's first step: build it here while the layers load.
        FlightTrack.For(log, CheckOptions.Default.MaxSegmentGapSeconds);
        return (log, layerRead.GetAwaiter().GetResult());
    }

    public static IFlightAnalysis? Create(IReadOnlyList<string> layerPaths, double? bufferMeters = null)
    {
        if (layerPaths.Count == 0)
        {
            return null;
        }

        return new InfrastructureAnalysis(ReadLayers(layerPaths), new CheckOptions { BufferMetersOverride = bufferMeters });
    }
}
