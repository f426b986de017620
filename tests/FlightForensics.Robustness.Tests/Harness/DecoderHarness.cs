using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Robustness.Tests.Harness;

/// <summary>What one decoding of one (possibly mutated) input did.</summary>
public sealed record DecodeOutcome
{
    public Exception? Escaped { get; init; }
    public bool TimedOut { get; init; }
    public TimeSpan Elapsed { get; init; }
    public long PeakManagedBytes { get; init; }
    public IReadOnlyList<TelemetrySample> Samples { get; init; } = [];
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    public long DamageDiagnostics { get; init; }
}

/// <summary>
/// Runs a decoder directly (without the reader's safety net, so defects surface) on bytes in memory,
/// with a time bound and a sampled peak of the managed heap.
/// </summary>
public static class DecoderHarness
{
    /// <summary>The documented exceptions a decoder may throw: "this input cannot be used".</summary>
    public static bool IsDocumented(Exception ex) => ex is FlightLogException or OperationCanceledException;

    public static DecodeOutcome Run(IFlightLogDecoder decoder, byte[] input, TimeSpan timeout, bool keepSamples = true)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(input);
        FlightLogSink sink = keepSamples ? new FlightLogBuilder() : new FlightLogSink();
        var run = BoundedRun.Run(token =>
        {
            using var stream = new MemoryStream(input, writable: false);
            decoder.Decode(stream, sink, DecodeOptions.Default, token);
        }, timeout);
        if (run.TimedOut)
        {
            return new DecodeOutcome { TimedOut = true, Elapsed = run.Elapsed, PeakManagedBytes = run.PeakManagedBytes };
        }

        return new DecodeOutcome
        {
            Escaped = run.Escaped,
            Elapsed = run.Elapsed,
            PeakManagedBytes = run.PeakManagedBytes,
            Samples = sink is FlightLogBuilder b ? [.. b.Samples] : [],
            Diagnostics = sink.Diagnostics,
            DamageDiagnostics = sink.Damage.CrcFailures + sink.Damage.Resyncs + sink.Damage.Corrupt + (sink.Damage.TruncatedBytes > 0 ? 1 : 0) + sink.Damage.UnknownRecords,
        };
    }

    /// <summary>The time allowed for an input: generous, since CI machines are small and shared.</summary>
    public static TimeSpan TimeBound(long bytes) => TimeSpan.FromSeconds(10 + (20.0 * bytes / (1 << 20)));
}
