using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Robustness.Tests.Harness;
using FlightForensics.TestSupport;
using Xunit.Abstractions;

namespace FlightForensics.Robustness.Tests;

/// <summary>
/// The quick, fixed-seed fuzz run over every registered decoder, on mutations of the real samples that
/// our own detection assigns to it. The long run is tools/FlightForensics.Fuzz (by hand, --duration).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Mutated inputs per kind per format in the quick run.</summary>
    private const int SeedsPerKind = 4;

    /// <summary>Managed-heap growth allowed while decoding (summary sink): a fixed allowance plus a multiple of the input.</summary>
    private static long MemoryBound(long bytes) => (48L << 20) + (8 * bytes);

    public static TheoryData<string> Formats()
    {
        var data = new TheoryData<string>();
        foreach (var d in SampleCorpus.Registry.Decoders)
        {
            data.Add(d.FormatId);
        }

        if (data.Count == 0)
        {
            data.Add("(no decoder registered)");
        }

        return data;
    }

    private static IFlightLogDecoder? Decoder(string formatId) => SampleCorpus.Registry.Find(formatId);

    [SampleTheory]
    [MemberData(nameof(Formats))]
    public void Every_decoder_has_real_samples_that_detection_assigns_to_it(string formatId)
    {
        if (Decoder(formatId) is null)
        {
            return; // nothing registered yet: the theory has a placeholder row
        }

        Assert.True(SampleCorpus.ByFormat.TryGetValue(formatId, out var files) && files.Count > 0,
            $"no file in the shared samples is detected as {formatId}");
    }

    [SampleTheory]
    [MemberData(nameof(Formats))]
    public void Mutated_samples_never_crash_hang_or_blow_up_memory(string formatId)
    {
        var decoder = Decoder(formatId);
        if (decoder is null || !SampleCorpus.ByFormat.TryGetValue(formatId, out var files))
        {
            return;
        }

        var path = files[0];
        var input = File.ReadAllBytes(path);
        var clean = DecoderHarness.Run(decoder, input, DecoderHarness.TimeBound(input.Length));
        Assert.False(clean.TimedOut, $"{formatId}: the clean sample {Path.GetFileName(path)} timed out");
        Assert.True(clean.Escaped is null || DecoderHarness.IsDocumented(clean.Escaped), $"{formatId}: the clean sample threw {clean.Escaped}");
        var boundaries = clean.Samples.Select(s => s.SourceOffset).Where(o => o > 0 && o < input.Length).Distinct().Order().ToList();

        var failures = new List<string>();
        int tried = 0, withDiagnostics = 0;
        long peakMax = 0;
        foreach (var kind in Enum.GetValues<MutationKind>())
        {
            for (int seed = 0; seed < SeedsPerKind; seed++)
            {
                var mutation = new Mutation(kind, seed);
                var mutated = mutation.Apply(input, boundaries);
                var outcome = DecoderHarness.Run(decoder, mutated, DecoderHarness.TimeBound(mutated.Length), keepSamples: false);
                tried++;
                peakMax = Math.Max(peakMax, outcome.PeakManagedBytes);
                if (outcome.Diagnostics.Count > 0)
                {
                    withDiagnostics++;
                }

                if (outcome.TimedOut)
                {
                    failures.Add($"{mutation}: no result within {DecoderHarness.TimeBound(mutated.Length).TotalSeconds:0} s");
                }
                else if (outcome.Escaped is { } ex && !DecoderHarness.IsDocumented(ex))
                {
                    failures.Add($"{mutation}: {ex.GetType().Name}: {ex.Message} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
                }
                else if (outcome.PeakManagedBytes > MemoryBound(mutated.Length))
                {
                    failures.Add($"{mutation}: managed heap grew {outcome.PeakManagedBytes >> 20} MB for a {mutated.Length >> 10} KB input");
                }
            }
        }

        output.WriteLine($"{formatId}: {tried} mutated inputs of {Path.GetFileName(path)} ({input.Length} bytes); {withDiagnostics} reported diagnostics; peak heap growth {peakMax >> 10} KB; {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{formatId} on {Path.GetFileName(path)}:\n" + string.Join('\n', failures));
        Assert.True(withDiagnostics > 0, $"{formatId}: {tried} damaged inputs and not one diagnostic");
    }

    [SampleTheory]
    [MemberData(nameof(Formats))]
    public void A_clean_prefix_decodes_to_the_same_samples_as_the_whole_file(string formatId)
    {
        var decoder = Decoder(formatId);
        if (decoder is null || !SampleCorpus.ByFormat.TryGetValue(formatId, out var files))
        {
            return;
        }

        var input = File.ReadAllBytes(files[0]);
        var whole = DecoderHarness.Run(decoder, input, DecoderHarness.TimeBound(input.Length));
        var offsets = whole.Samples.Select(s => s.SourceOffset).ToList();
        if (offsets.Count < 4)
        {
            return; // a single-sample format (a photo) has no prefix worth cutting
        }

        var problems = new StringBuilder();
        foreach (double fraction in new[] { 0.25, 0.5, 0.9 })
        {
            int k = (int)(offsets.Count * fraction);
            long cut = offsets[k];
            if (cut <= 0 || cut >= input.Length || offsets.Take(k).Any(o => o >= cut))
            {
                continue; // samples are not in file order here; a prefix cut would not be "up to that point"
            }

            var prefix = DecoderHarness.Run(decoder, input.AsSpan(0, (int)cut).ToArray(), DecoderHarness.TimeBound(cut));
            Assert.Null(prefix.Escaped);
            // Every sample of the whole file that lies wholly before the cut must come out of the prefix
            // identically; the last one may differ only because its record's later companions are gone.
            int compare = Math.Min(k - 1, prefix.Samples.Count);
            if (prefix.Samples.Count < k - 1)
            {
                problems.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"cut at {cut}: {prefix.Samples.Count} samples, expected at least {k - 1}");
            }

            for (int i = 0; i < compare; i++)
            {
                // The origin of elapsed time may come from a trailer (DJI's details block) that a prefix no
                // longer has: compare elapsed time as differences between samples, everything else exactly.
                double? Step(IReadOnlyList<Core.Model.TelemetrySample> list) =>
                    i == 0 ? 0 : list[i].ElapsedSeconds - list[i - 1].ElapsedSeconds;
                // A prefix may also leave elapsed time unknown (null) where the origin is gone; that is honest.
                bool sameStep = Step(prefix.Samples) is not double a || Step(whole.Samples) is not double b || Math.Abs(a - b) < 1e-9;
                if (prefix.Samples[i] with { ElapsedSeconds = null } != whole.Samples[i] with { ElapsedSeconds = null } || !sameStep)
                {
                    problems.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"cut at {cut}: sample {i} differs: {prefix.Samples[i]} vs {whole.Samples[i]}");
                    break;
                }
            }
        }

        Assert.True(problems.Length == 0, problems.ToString());
    }
}
