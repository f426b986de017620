using System.Diagnostics;

namespace FlightForensics.Robustness.Tests.Harness;

/// <summary>
/// What happened to one piece of work run under a time bound: the exception that escaped, if any, and its cost.
/// <see cref="AllocatedBytes"/> counts every managed byte the work allocated on its thread, garbage included: an upper
/// bound of the heap growth it can cause (unlike <see cref="PeakManagedBytes"/>, it does not depend on when the
/// collector happened to run, so the same input gives the same figure on every machine).
/// </summary>
public readonly record struct BoundedRunResult(Exception? Escaped, bool TimedOut, TimeSpan Elapsed, long PeakManagedBytes, long AllocatedBytes = 0);

/// <summary>
/// Runs work on its own thread (4 MiB stack) with a time bound, sampling the managed heap every 5 ms. On timeout the
/// work is cancelled and given 5 s to stop. Shared by the decoder and the layer harnesses.
/// </summary>
public static class BoundedRun
{
    public static BoundedRunResult Run(Action<CancellationToken> work, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var cts = new CancellationTokenSource();
        Exception? escaped = null;
        long allocated = 0;
        GC.Collect();
        long baseline = GC.GetTotalMemory(false);
        long peak = 0;
        var sw = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                work(cts.Token);
            }
#pragma warning disable CA1031 // The harness records every exception; the test decides which are acceptable.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                escaped = ex;
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }, maxStackSize: 4 << 20) { IsBackground = true };
        worker.Start();
        while (!worker.Join(5))
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
            if (sw.Elapsed > timeout)
            {
                cts.Cancel();
                worker.Join(TimeSpan.FromSeconds(5));
                return new BoundedRunResult(null, TimedOut: true, sw.Elapsed, peak);
            }
        }

        peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
        return new BoundedRunResult(escaped, TimedOut: false, sw.Elapsed, peak, allocated);
    }
}
