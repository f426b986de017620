using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Batch;

/// <summary>The batch's per-flight analysis: the <c>check</c> against the given layers, written as check JSON.</summary>
public sealed class InfrastructureAnalysis(IReadOnlyList<InfrastructureLayer> layers, CheckOptions? options = null) : IFlightAnalysis
{
    public IReadOnlyDictionary<string, int> Analyse(FlightLog log, Stream jsonOutput, CancellationToken cancellationToken)
    {
        var result = InfrastructureCheck.Run(log, layers, options, cancellationToken);
        using (var w = new Utf8JsonWriter(jsonOutput, JsonParts.WriterOptions(indented: true)))
        {
            CheckJson.WriteCheck(w, result, options ?? CheckOptions.Default);
        }

        return result.Overflights.Select(o => o.Feature.Category)
            .Concat(result.Proximity.Select(p => p.Feature.Category))
            .Concat(result.Captures.Select(c => c.Feature.Category))
            .GroupBy(c => c, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
