using FlightForensics.Robustness.Tests.Harness;
using FlightForensics.TestSupport;
using Xunit.Abstractions;

namespace FlightForensics.Robustness.Tests;

/// <summary>
/// The quick, fixed-seed fuzz run over every layer reader, through the public <c>LayerReader.Read</c>, on
/// mutations of the real layers in ../shared/samples/geo (and forms derived from them: KMZ, OSM XML, WKT, CSV).
/// The long run is tools/FlightForensics.Fuzz (by hand, --duration).
/// </summary>
public sealed class LayerFuzzTests(ITestOutputHelper output)
{
    private const int SeedsPerKind = 3;

    /// <summary>The bzip2 layer takes about 2 s a read (13.5 MB of XML): one seed per kind keeps it near the others.</summary>
    private static int Seeds(string id) => id == "osm-xml-bz2" ? 1 : SeedsPerKind;

    private static readonly Lazy<IReadOnlyList<LayerSample>> s_corpus = new(() => Samples.Root is null ? [] : LayerCorpus.Build(Samples.Root, quick: true));

    public static TheoryData<string> Layers() =>
    [
        "geojson", "overpass-json", "kml", "kmz", "osm-xml", "osm-xml-bz2", "osm-pbf",
        "shapefile", "shapefile-dbf", "shapefile-shx", "openair", "ardupilot-fence", "wkt", "csv", "csv-latlon",
        "ed269", "ed318", "faa-uasfm", "aixm51",
    ];

    private static LayerSample Sample(string id) => s_corpus.Value.Single(s => s.Id == id);

    [SampleTheory]
    [MemberData(nameof(Layers))]
    public void The_clean_layer_reads_without_damage_and_in_its_own_format(string id)
    {
        var sample = Sample(id);
        var (main, companions) = sample.With(sample.Mutated);
        var clean = LayerHarness.Run(sample.MainName, main, companions, LayerHarness.TimeBound(sample.Mutated.Length));
        Assert.Null(clean.Escaped);
        Assert.False(clean.TimedOut);
        Assert.True(clean.Features > 0, $"{id}: no feature read from the clean layer");
        output.WriteLine($"{id}: {clean.Features} features, {clean.Diagnostics.Count} diagnostics, {clean.Elapsed.TotalMilliseconds:0} ms, heap +{clean.PeakManagedBytes >> 10} KB, allocated {clean.AllocatedBytes >> 10} KB ({(double)clean.AllocatedBytes / sample.ParsedBytes(sample.Mutated):0.0} x the bytes parsed)");
    }

    [SampleTheory]
    [MemberData(nameof(Layers))]
    public void Mutated_layers_never_crash_hang_or_blow_up_memory(string id)
    {
        var sample = Sample(id);
        var input = sample.Mutated;
        var (cleanMain, cleanCompanions) = sample.With(input);
        var clean = LayerHarness.Run(sample.MainName, cleanMain, cleanCompanions, LayerHarness.TimeBound(cleanMain.Length));
        var failures = new List<string>();
        int tried = 0, damageReported = 0;
        long peakMax = 0;
        double peakRatio = 0;
        foreach (var kind in Enum.GetValues<MutationKind>())
        {
            for (int seed = 0; seed < Seeds(id); seed++)
            {
                var mutation = new Mutation(kind, seed);
                var mutated = mutation.Apply(input, sample.Boundaries, sample.LengthFields);
                var (main, companions) = sample.With(mutated);
                var outcome = LayerHarness.Run(sample.MainName, main, companions, LayerHarness.TimeBound(main.Length));
                tried++;
                long parsed = sample.ParsedBytes(mutated);
                peakMax = Math.Max(peakMax, outcome.MemoryBytes);
                if (Math.Min(parsed, main.Length) >= LayerHarness.SmallInputBytes)
                {
                    peakRatio = Math.Max(peakRatio, (double)outcome.MemoryBytes / parsed);
                }

                damageReported += outcome.ReportedDamage ? 1 : 0;
                if (LayerHarness.Problem(outcome, main.Length, parsed, sample.MemoryMultiple) is { } problem)
                {
                    failures.Add($"{mutation}: {problem}");
                }
                else if (sample.TruncationDetectable && kind is MutationKind.TruncateAnywhere or MutationKind.TruncateAtBoundary
                    && mutated.Length < input.Length && !outcome.ReportedDamage)
                {
                    failures.Add($"{mutation}: cut to {mutated.Length} of {input.Length} bytes and no damage reported ({outcome.Features} features)");
                }
                else if (sample.ContentUnused && (outcome.Escaped is not null || outcome.Features != clean.Features))
                {
                    failures.Add($"{mutation}: damage to a file the reader does not use changed the result ({outcome.Features} of {clean.Features} features, {outcome.Escaped?.Message})");
                }
            }
        }

        output.WriteLine($"{id}: {tried} mutated inputs of {sample.Source} ({input.Length} bytes); damage reported for {damageReported}; memory (allocated, or the heap peak if larger) at most {peakMax >> 10} KB, {peakRatio:0.0} x the bytes parsed for inputs of 64 KB or more (bound {sample.MemoryMultiple} x); {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{id}:\n" + string.Join('\n', failures));
        Assert.True(damageReported > 0 || sample.ContentUnused, $"{id}: {tried} damaged inputs and not one reported as damaged");
    }
}
