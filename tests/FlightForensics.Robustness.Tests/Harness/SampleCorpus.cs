using FlightForensics.Core.Decoding;
using FlightForensics.TestSupport;

namespace FlightForensics.Robustness.Tests.Harness;

/// <summary>
/// The real samples grouped by the format our own detection assigns them (content, not names),
/// so every registered decoder is fuzzed on the inputs it claims.
/// </summary>
public static class SampleCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> s_byFormat = new(Build);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByFormat => s_byFormat.Value;

    public static FormatRegistry Registry { get; } = FlightForensics.Application.DefaultRegistries.Decoders();

    private static Dictionary<string, IReadOnlyList<string>> Build()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Samples.Root is null)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        foreach (var file in Directory.EnumerateFiles(Samples.Root, "*", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}reference{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || Path.GetFileName(file).StartsWith("MANIFEST", StringComparison.Ordinal))
            {
                continue;
            }

            var info = new FileInfo(file);
            if (info.Length == 0)
            {
                continue;
            }

            using var stream = info.OpenRead();
            var head = new byte[FormatRegistry.ProbeBytes];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var found = Registry.Detect(head.AsSpan(0, n), info.Length);
            if (found is { } f)
            {
                if (!result.TryGetValue(f.Decoder.FormatId, out var list))
                {
                    result[f.Decoder.FormatId] = list = [];
                }

                list.Add(file);
            }
        }

        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value.OrderBy(p => new FileInfo(p).Length).ThenBy(p => p, StringComparer.Ordinal)], StringComparer.Ordinal);
    }
}
