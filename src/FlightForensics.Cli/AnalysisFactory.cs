using FlightForensics.Reporting.Batch;

namespace FlightForensics.Cli;

/// <summary>Builds the per-flight infrastructure analysis from layer files (null when none are given).</summary>
internal static class AnalysisFactory
{
    public static IFlightAnalysis? Create(IReadOnlyList<string> layerPaths)
    {
        if (layerPaths.Count == 0)
        {
            return null;
        }

        throw new Verbs.CliUsageException("--infra: infrastructure checks are not available in this build yet");
    }
}
