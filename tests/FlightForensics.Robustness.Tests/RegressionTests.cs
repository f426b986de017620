using System.Text.Json;
using FlightForensics.Robustness.Tests.Harness;
using FlightForensics.TestSupport;

namespace FlightForensics.Robustness.Tests;

/// <summary>Replays every failure the long fuzz run found (recipes in Regressions/): each must now pass.</summary>
public sealed class RegressionTests
{
    private static readonly Lazy<IReadOnlyList<LayerSample>> s_fullLayers = new(() => LayerCorpus.Build(Samples.Root!, quick: false));

    [SampleFact]
    public void Every_recorded_fuzz_finding_now_decodes_cleanly()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Regressions");
        var failures = new List<string>();
        foreach (var file in Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.json") : [])
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var r = doc.RootElement;
            if (r.TryGetProperty("reader", out var reader) && reader.GetString() == "layer")
            {
                // Layer recipes name a LayerCorpus id and apply to the whole (not the quick, trimmed) layer.
                var layer = s_fullLayers.Value.Single(l => l.Id == r.GetProperty("format").GetString());
                var layerMutation = new Mutation(Enum.Parse<MutationKind>(r.GetProperty("kind").GetString()!),
                    int.Parse(r.GetProperty("seed").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
                var mutated = layerMutation.Apply(layer.Mutated, layer.Boundaries, layer.LengthFields);
                var (main, companions) = layer.With(mutated);
                var layerOutcome = LayerHarness.Run(layer.MainName, main, companions, LayerHarness.TimeBound(main.Length));
                long parsed = layer.ParsedBytes(mutated);
                if (LayerHarness.Problem(layerOutcome, main.Length, parsed, layer.MemoryMultiple) is { } problem)
                {
                    failures.Add($"{Path.GetFileName(file)}: {problem}");
                }

                continue;
            }

            var decoder = SampleCorpus.Registry.Find(r.GetProperty("format").GetString()!);
            Assert.NotNull(decoder);
            var input = File.ReadAllBytes(Path.Combine(Samples.Root!, r.GetProperty("sample").GetString()!));
            var clean = DecoderHarness.Run(decoder, input, DecoderHarness.TimeBound(input.Length));
            var boundaries = clean.Samples.Select(s => s.SourceOffset).Where(o => o > 0 && o < input.Length).Distinct().Order().ToList();
            var mutation = new Mutation(Enum.Parse<MutationKind>(r.GetProperty("kind").GetString()!),
                int.Parse(r.GetProperty("seed").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            var outcome = DecoderHarness.Run(decoder, mutation.Apply(input, boundaries), DecoderHarness.TimeBound(input.Length));
            if (outcome.TimedOut || (outcome.Escaped is { } ex && !DecoderHarness.IsDocumented(ex)))
            {
                failures.Add($"{Path.GetFileName(file)}: {(outcome.TimedOut ? "timeout" : outcome.Escaped!.Message)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
