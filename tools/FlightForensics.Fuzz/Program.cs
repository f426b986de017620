using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Robustness.Tests.Harness;

// The long fuzz run: random mutations of every real sample, for every registered decoder and every layer
// reader (whole real layers, see LayerCorpus), until the duration is up. Each failure is written as a recipe (sample path relative to the samples folder,
// mutation kind and seed) into tests/FlightForensics.Robustness.Tests/Regressions/, where the quick
// test suite replays it. Recipes, not bytes: the samples are third-party and stay outside the repo.
//
// usage: FlightForensics.Fuzz --duration SECONDS [--format ID] [--samples DIR] [--regressions DIR]
//        [--what all|decoders|layers] (--format takes a decoder format id or a LayerCorpus id such as osm-pbf or shapefile-dbf)

var options = ParseArgs(args);
var registry = FlightForensics.Application.DefaultRegistries.Decoders();
var samplesRoot = options.GetValueOrDefault("--samples") ?? Path.GetFullPath(Path.Combine(FindRepo(), "..", "shared", "samples"));
var regressions = options.GetValueOrDefault("--regressions") ?? Path.Combine(FindRepo(), "tests", "FlightForensics.Robustness.Tests", "Regressions");
var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--duration") ?? "60", CultureInfo.InvariantCulture));
var only = options.GetValueOrDefault("--format");
var what = options.GetValueOrDefault("--what") ?? "all"; // all, decoders or layers

var corpus = new List<(IFlightLogDecoder Decoder, string Path, byte[] Bytes, List<long> Boundaries)>();
foreach (var file in Directory.EnumerateFiles(samplesRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    if (file.Contains("/reference/", StringComparison.Ordinal) || Path.GetFileName(file).StartsWith("MANIFEST", StringComparison.Ordinal))
    {
        continue;
    }

    var bytes = File.ReadAllBytes(file);
    if (bytes.Length == 0 || registry.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, FormatRegistry.ProbeBytes)), bytes.Length) is not { } found)
    {
        continue;
    }

    if ((only is not null && found.Decoder.FormatId != only) || what == "layers")
    {
        continue;
    }

    var clean = DecoderHarness.Run(found.Decoder, bytes, DecoderHarness.TimeBound(bytes.Length));
    var boundaries = clean.Samples.Select(s => s.SourceOffset).Where(o => o > 0 && o < bytes.Length).Distinct().Order().ToList();
    corpus.Add((found.Decoder, file, bytes, boundaries));
}

if (options.GetValueOrDefault("--replay") is { } replay)
{
    // One layer recipe again, with its timing: to tell a real hang from a slow, loaded machine.
    using var recipeDoc = JsonDocument.Parse(File.ReadAllText(replay));
    var r = recipeDoc.RootElement;
    var layer = LayerCorpus.Build(samplesRoot, quick: false).Single(l => l.Id == r.GetProperty("format").GetString());
    var m = new Mutation(Enum.Parse<MutationKind>(r.GetProperty("kind").GetString()!), int.Parse(r.GetProperty("seed").GetString()!, CultureInfo.InvariantCulture));
    var bytes = m.Apply(layer.Mutated, layer.Boundaries, layer.LengthFields);
    var (main, companions) = layer.With(bytes);
    var o = LayerHarness.Run(layer.MainName, main, companions, LayerHarness.TimeBound(main.Length));
    Console.WriteLine($"{layer.Id} {m}: {bytes.Length} bytes, {o.Elapsed.TotalSeconds:0.00} s, timed out {o.TimedOut}, {o.Features} features, {o.Diagnostics.Count} diagnostics, {o.Escaped?.GetType().Name}: {o.Escaped?.Message}");
    return 0;
}

var layers = what == "decoders" ? [] : LayerCorpus.Build(samplesRoot, quick: false).Where(l => only is null || l.Id == only).ToList();
Console.WriteLine($"fuzzing {corpus.Count} samples and {layers.Count} layers for {duration.TotalSeconds:0} s");
var rng = new Random();
var kinds = Enum.GetValues<MutationKind>();
var deadline = DateTime.UtcNow + duration;
var tried = new Dictionary<string, int>(StringComparer.Ordinal);
int failures = 0;
Directory.CreateDirectory(regressions);
while (DateTime.UtcNow < deadline && corpus.Count + layers.Count > 0)
{
    if (rng.Next(corpus.Count + layers.Count) >= corpus.Count)
    {
        var layer = layers[rng.Next(layers.Count)];
        var layerMutation = new Mutation(kinds[rng.Next(kinds.Length)], rng.Next());
        var mutatedLayer = layerMutation.Apply(layer.Mutated, layer.Boundaries, layer.LengthFields);
        var (main, companions) = layer.With(mutatedLayer);
        var layerOutcome = LayerHarness.Run(layer.MainName, main, companions, LayerHarness.TimeBound(main.Length));
        tried["layer:" + layer.Id] = tried.GetValueOrDefault("layer:" + layer.Id) + 1;
        long parsed = layer.ParsedBytes(mutatedLayer);
        if (LayerHarness.Problem(layerOutcome, main.Length, parsed, layer.MemoryMultiple) is { } layerProblem)
        {
            failures++;
            WriteRecipe($"layer-{layer.Id}-{layerMutation.Kind}-{layerMutation.Seed}.json", new Dictionary<string, string>
            {
                ["reader"] = "layer",
                ["format"] = layer.Id,
                ["sample"] = layer.Source,
                ["kind"] = layerMutation.Kind.ToString(),
                ["seed"] = layerMutation.Seed.ToString(CultureInfo.InvariantCulture),
                ["problem"] = layerProblem,
            });
        }

        continue;
    }

    var (decoder, path, bytes, boundaries) = corpus[rng.Next(corpus.Count)];
    var mutation = new Mutation(kinds[rng.Next(kinds.Length)], rng.Next());
    var mutated = mutation.Apply(bytes, boundaries);
    var outcome = DecoderHarness.Run(decoder, mutated, DecoderHarness.TimeBound(mutated.Length), keepSamples: false);
    tried[decoder.FormatId] = tried.GetValueOrDefault(decoder.FormatId) + 1;
    string? problem = outcome.TimedOut ? "timeout"
        : outcome.Escaped is { } ex && !DecoderHarness.IsDocumented(ex) ? $"{ex.GetType().Name}: {ex.Message}"
        : outcome.PeakManagedBytes > (48L << 20) + (8L * mutated.Length) ? $"heap grew {outcome.PeakManagedBytes >> 20} MB"
        : null;
    if (problem is null)
    {
        continue;
    }

    failures++;
    var recipe = new Dictionary<string, string>
    {
        ["format"] = decoder.FormatId,
        ["sample"] = Path.GetRelativePath(samplesRoot, path),
        ["kind"] = mutation.Kind.ToString(),
        ["seed"] = mutation.Seed.ToString(CultureInfo.InvariantCulture),
        ["problem"] = problem,
    };
    WriteRecipe($"{decoder.FormatId}-{mutation.Kind}-{mutation.Seed}.json", recipe);
}

foreach (var (format, count) in tried.OrderBy(kv => kv.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"{format}: {count} mutated inputs");
}

Console.WriteLine($"{failures} failures");
return failures == 0 ? 0 : 1;

void WriteRecipe(string name, Dictionary<string, string> recipe)
{
    using (var stream = File.Create(Path.Combine(regressions, name)))
    using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
    {
        w.WriteStartObject();
        foreach (var (k, v) in recipe)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }

    Console.WriteLine($"FAIL {name}: {recipe["problem"]}");
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i]] = args[i + 1];
    }

    return result;
}

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "FlightForensics.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
