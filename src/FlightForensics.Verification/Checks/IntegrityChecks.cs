using FlightForensics.Core.Model;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.Checks;

/// <summary>The decoder's own damage and loss reports, placed on the timeline by their byte offsets.</summary>
internal static class IntegrityChecks
{
    public static void Run(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        var log = t.Log;
        Damage(t, o, findings, [.. log.Diagnostics.Where(d => d.IsDamage && !ProvenanceChecks.IsSignatureMismatch(d))]);
        foreach (var d in log.Diagnostics.Where(d => d.Kind == DiagnosticKind.Gap))
        {
            int at = SampleAtOffset(t, d.Offset);
            findings.Add(new Finding
            {
                Kind = FindingKinds.SequenceGap,
                Severity = Severity.Low,
                StartUtc = t.Utc(at),
                EndUtc = t.Utc(at),
                Sources = [t.Label],
                Evidence = [("offset", d.Offset), EvidenceFigure.Of("decoderMessage", d.Message)],
                SourceOffsets = [d.Offset],
                Explanation = "The logger itself recorded lost data here (" + d.Message + ").",
            });
        }

        SequenceCounter(t, findings);
    }

    private static void Damage(SourceTrack t, VerifyOptions o, FindingList findings, List<Diagnostic> damage)
    {
        int k = 0;
        while (k < damage.Count)
        {
            int first = k;
            int at = SampleAtOffset(t, damage[k].Offset), atLast = at;
            while (k + 1 < damage.Count)
            {
                int next = SampleAtOffset(t, damage[k + 1].Offset);
                if (t.Count > 0 && next >= 0 && atLast >= 0 && t.Time[next] - t.Time[atLast] > o.DamageClusterSeconds)
                {
                    break;
                }

                atLast = next;
                k++;
            }

            var cluster = damage.GetRange(first, k - first + 1);
            k++;
            long bytes = cluster.Sum(d => d.Length);
            string kinds = string.Join(", ", cluster.GroupBy(d => d.Kind.ToName()).Select(g => F($"{g.Count()} {g.Key}")));
            findings.Add(new Finding
            {
                Kind = FindingKinds.Checksum,
                Severity = Severity.Low,
                StartUtc = t.Utc(at),
                EndUtc = t.Utc(atLast),
                Sources = [t.Label],
                Evidence = [("records", cluster.Count), ("bytesAffected", bytes), ("firstOffset", cluster[0].Offset),
                    ("lastOffset", cluster[^1].Offset), EvidenceFigure.Of("diagnostics", kinds)],
                SourceOffsets = [.. cluster.Take(o.MaxOffsetsPerFinding).Select(d => d.Offset)],
                Explanation = F($"{cluster.Count} damaged record(s) ({kinds}; {bytes} bytes) between byte {cluster[0].Offset} and {cluster[^1].Offset}: the decoder skipped them. Damage in storage or transfer looks like this; so does a careless edit that did not recompute checksums. First: {cluster[0].Message}"),
            });
        }

        if (t.Log.DiagnosticsNotStored > 0 && t.Log.Damage.Any)
        {
            var d = t.Log.Damage;
            findings.Add(new Finding
            {
                Kind = FindingKinds.Checksum,
                Severity = Severity.Low,
                Sources = [t.Label],
                Evidence = [("crcFailures", d.CrcFailures), ("resyncs", d.Resyncs), ("truncatedBytes", d.TruncatedBytes),
                    ("corrupt", d.Corrupt), ("diagnosticsNotStored", t.Log.DiagnosticsNotStored)],
                Explanation = F($"The decoder kept only the first {t.Log.Diagnostics.Count} diagnostics; {t.Log.DiagnosticsNotStored} more were counted but not placed on the timeline."),
            });
        }
    }

    /// <summary>MAVLink sequence numbers lost, as the decoder counts them (per system/component; not placed in time).</summary>
    private static void SequenceCounter(SourceTrack t, FindingList findings)
    {
        if (!t.Log.FormatCounters.TryGetValue("mavlink", out var counters) || !counters.TryGetValue("sequenceLost", out long lost) || lost <= 0)
        {
            return;
        }

        long packets = counters.GetValueOrDefault("v1") + counters.GetValueOrDefault("v2");
        double fraction = packets > 0 ? (double)lost / (lost + packets) : 1;
        findings.Add(new Finding
        {
            Kind = FindingKinds.SequenceGap,
            Severity = fraction >= 0.05 ? Severity.Low : Severity.Info,
            StartUtc = t.Utc(0),
            EndUtc = t.Utc(t.Count - 1),
            Sources = [t.Label],
            Evidence = [("packetsLost", lost), ("packetsReceived", packets), ("lostFraction", Math.Round(fraction, 6))],
            Explanation = F($"{lost} MAVLink packets are missing by their per-system/component sequence numbers ({fraction:P2} of those sent). A radio link loses packets; packets removed from a file leave the same trace. The decoder counts them over the whole file only."),
        });
    }

    /// <summary>Index of the last sample at or before a byte offset (samples are in file order); 0 when none.</summary>
    internal static int SampleAtOffset(SourceTrack t, long offset)
    {
        if (t.Count == 0)
        {
            return -1;
        }

        int lo = 0, hi = t.Count - 1, best = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (t.Offset[mid] <= offset)
            {
                best = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return best;
    }
}
