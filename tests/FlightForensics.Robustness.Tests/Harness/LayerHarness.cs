using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;

namespace FlightForensics.Robustness.Tests.Harness;

/// <summary>What one reading of one (possibly mutated) layer did.</summary>
public sealed record LayerOutcome
{
    public Exception? Escaped { get; init; }
    public bool TimedOut { get; init; }
    public TimeSpan Elapsed { get; init; }
    public long PeakManagedBytes { get; init; }

    /// <summary>Managed bytes the read allocated on its thread (garbage included): an upper bound of its heap growth.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>The larger of the two memory figures, the one checked against the bound.</summary>
    public long MemoryBytes => Math.Max(PeakManagedBytes, AllocatedBytes);

    public int Features { get; init; }
    public IReadOnlyList<LayerDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>The reader said the input is damaged: the documented exception, or a damage-type diagnostic.</summary>
    public bool ReportedDamage => Escaped is LayerUnreadableException
        || Diagnostics.Any(d => d.Kind is LayerDiagnosticKind.Damaged or LayerDiagnosticKind.Skipped or LayerDiagnosticKind.Repaired or LayerDiagnosticKind.Ignored);
}

/// <summary>
/// Runs <see cref="LayerReader.Read"/> (the public API) on a layer written to a fresh temporary folder, on a
/// worker thread with a time bound and a sampled peak of the managed heap.
/// </summary>
public static class LayerHarness
{
    /// <summary>The one exception LayerReader documents: "the layer cannot be used" (the CLI exits with 2).</summary>
    public static bool IsDocumented(Exception ex) => ex is LayerUnreadableException;

    /// <summary>The time allowed for a layer: generous, since CI machines are small and shared.</summary>
    public static TimeSpan TimeBound(long bytes) => TimeSpan.FromSeconds(10 + (20.0 * bytes / (1 << 20)));

    /// <summary>Inputs below this size (the file, or the bytes parsed) get <see cref="SmallInputAllowanceBytes"/> on top of their multiple.</summary>
    public const long SmallInputBytes = 64 << 10;

    /// <summary>
    /// The fixed cost of any read (taxonomy, XML/JSON reader buffers, NTS factories; for bzip2 the buffers of the block
    /// size its header declares, 5 bytes per byte of block plus 1 MB of output: 5.6 MB at level 9), allowed to small
    /// inputs only.
    /// </summary>
    public const long SmallInputAllowanceBytes = 8L << 20;

    /// <summary>The multiple of the bytes parsed that most readers must stay within.</summary>
    public const double DefaultMemoryMultiple = 16;

    /// <summary>
    /// Memory a read may cost (<see cref="LayerOutcome.MemoryBytes"/>: bytes allocated, garbage included, or the sampled
    /// heap peak if larger): <paramref name="memoryMultiple"/> times the bytes the reader has to parse (for a compressed
    /// layer its decompressed size, known from the clean sample); when the file or the bytes parsed are under 64 KB a
    /// fixed 8 MB allowance is added for the fixed cost of a read. Geometries and tags cost more per byte than telemetry
    /// samples, hence a larger multiple than the decoders'.
    /// </summary>
    public static long MemoryBound(long parsedBytes, double memoryMultiple = DefaultMemoryMultiple, long fileBytes = long.MaxValue) =>
        (long)(memoryMultiple * parsedBytes) + (Math.Min(parsedBytes, fileBytes) < SmallInputBytes ? SmallInputAllowanceBytes : 0);

    /// <summary>Writes <paramref name="main"/> (and companions, e.g. .shx/.dbf beside a .shp) and reads it.</summary>
    public static LayerOutcome Run(string mainName, byte[] main, IReadOnlyDictionary<string, byte[]> companions, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(companions);
        var dir = Directory.CreateTempSubdirectory("ff-layer-fuzz-");
        try
        {
            var path = Path.Combine(dir.FullName, mainName);
            File.WriteAllBytes(path, main);
            foreach (var (name, bytes) in companions)
            {
                File.WriteAllBytes(Path.Combine(dir.FullName, name), bytes);
            }

            return Read(path, timeout);
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a timed-out reader may still hold the file; the OS temp cleaner takes it later
            }
        }
    }

    private static LayerOutcome Read(string path, TimeSpan timeout)
    {
        InfrastructureLayer? layer = null;
        var run = BoundedRun.Run(token => layer = LayerReader.Read(path, LayerReadOptions.Default, token), timeout);
        return run.TimedOut
            ? new LayerOutcome { TimedOut = true, Elapsed = run.Elapsed, PeakManagedBytes = run.PeakManagedBytes, AllocatedBytes = run.AllocatedBytes }
            : new LayerOutcome
            {
                Escaped = run.Escaped,
                Elapsed = run.Elapsed,
                PeakManagedBytes = run.PeakManagedBytes,
                AllocatedBytes = run.AllocatedBytes,
                Features = layer?.Features.Count ?? 0,
                Diagnostics = layer?.Diagnostics ?? [],
            };
    }

    /// <summary>The failure of one outcome against the harness's bounds, or null when it is acceptable.</summary>
    public static string? Problem(LayerOutcome outcome, long mutatedBytes, long parsedBytes, double memoryMultiple = DefaultMemoryMultiple)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.TimedOut)
        {
            return $"no result within {TimeBound(mutatedBytes).TotalSeconds:0} s";
        }

        if (outcome.Escaped is { } ex && !IsDocumented(ex))
        {
            return $"{ex.GetType().Name}: {ex.Message} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }

        if (outcome.MemoryBytes > MemoryBound(parsedBytes, memoryMultiple, mutatedBytes))
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"allocated {outcome.AllocatedBytes >> 10} KB (heap peak {outcome.PeakManagedBytes >> 10} KB) for {parsedBytes >> 10} KB to parse, more than {memoryMultiple} x");
        }

        return null;
    }
}
