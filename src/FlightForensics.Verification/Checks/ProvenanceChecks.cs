using FlightForensics.Core.Model;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.Checks;

/// <summary>
/// What the file says about itself against what it holds: MAVLink 2 signatures, the DJI flight record's summary
/// (details block) against its records, DataFlash FMT definitions. Reads only the neutral counters the decoders
/// publish (<see cref="FlightLog.FormatCounters"/>); knows no format's bytes.
/// </summary>
internal static class ProvenanceChecks
{
    /// <summary>Prefix of the decoder's diagnostic for a signature that does not match the key (MavlinkDecodeSession).</summary>
    internal const string SignatureMismatchPrefix = "signature of ";

    public static void Run(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        Signatures(t, o, findings);
        DjiDetails(t, o, findings);
        DataFlashFormats(t, findings);
    }

    /// <summary>A signature diagnostic (kept out of the checksum clusters: a signature is not a checksum).</summary>
    internal static bool IsSignatureMismatch(Diagnostic d) =>
        d.Kind == DiagnosticKind.Corrupt && d.Message.StartsWith(SignatureMismatchPrefix, StringComparison.Ordinal);

    /// <summary>
    /// MAVLink 2 signing (mavlink-formats.md §4): a 48-bit SHA-256 over the key and the packet. The decoder verifies
    /// signatures only with a key (<c>--signing-key</c>); without one it counts the signed packets.
    /// </summary>
    private static void Signatures(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        if (!t.Log.FormatCounters.TryGetValue("mavlink", out var c))
        {
            return;
        }

        long v2 = c.GetValueOrDefault("v2"), signed = c.GetValueOrDefault("signed");
        bool keyGiven = c.ContainsKey("signaturesValid");
        long valid = c.GetValueOrDefault("signaturesValid"), invalid = c.GetValueOrDefault("signaturesInvalid");
        if (v2 == 0)
        {
            return; // MAVLink 1 has no signing: nothing to say.
        }

        string status;
        Severity severity = Severity.Info;
        string explanation;
        IReadOnlyList<long> offsets = [];
        DateTimeOffset? start = t.Utc(0), end = t.Utc(t.Count - 1);
        if (signed == 0)
        {
            status = "absent";
            explanation = F($"None of the {v2} MAVLink 2 packets is signed: nothing in the file vouches for who sent them or that they are unchanged (most links run unsigned).");
        }
        else if (!keyGiven)
        {
            status = "key-unknown";
            explanation = F($"{signed} of {v2} MAVLink 2 packets are signed, but no signing key was given (--signing-key), so the signatures were not checked.");
        }
        else if (invalid == 0)
        {
            status = "valid";
            explanation = F($"All {signed} signed packets carry a valid signature for the key given: they were sent by a holder of that key and not changed since. Unsigned packets ({v2 - signed}) are not covered.");
        }
        else
        {
            status = "invalid";
            // Some valid under the same key: that key is right, so the invalid ones were changed after signing (or
            // come from a sender with another key). None valid: most likely the wrong key.
            severity = valid > 0 ? Severity.High : Severity.Medium;
            var bad = t.Log.Diagnostics.Where(IsSignatureMismatch).ToList();
            if (bad.Count > 0)
            {
                offsets = [.. bad.Take(o.MaxOffsetsPerFinding).Select(d => d.Offset)];
                start = t.Utc(IntegrityChecks.SampleAtOffset(t, bad[0].Offset));
                end = t.Utc(IntegrityChecks.SampleAtOffset(t, bad[^1].Offset));
            }

            explanation = valid > 0
                ? F($"{invalid} of {signed} signed packets fail their signature while {valid} pass with the same key: those packets were changed after signing, or were signed by another sender with another key.")
                : F($"None of the {signed} signed packets passes with the key given: the key is most likely not the one the sender used; packets changed after signing look the same.");
        }

        findings.Add(new Finding
        {
            Kind = FindingKinds.Signature,
            Severity = severity,
            StartUtc = start,
            EndUtc = end,
            Sources = [t.Label],
            Evidence = [EvidenceFigure.Of("status", status), ("packetsV2", v2), ("packetsSigned", signed),
                ("signaturesValid", keyGiven ? valid : double.NaN), ("signaturesInvalid", keyGiven ? invalid : double.NaN)],
            SourceOffsets = offsets,
            Explanation = explanation,
        });
    }

    /// <summary>
    /// The DJI app writes a summary (details block: OSD record count, total time, maximum height and horizontal speed;
    /// dji-formats.md §2.7) when the flight ends. On every shared sample it matches the records exactly (counts) or to
    /// 0.2 s (time); an edit of the records that leaves the summary alone breaks that.
    /// </summary>
    private static void DjiDetails(SourceTrack t, VerifyOptions o, FindingList findings)
    {
        if (!t.Log.FormatCounters.TryGetValue("dji-txt", out var c) || !c.TryGetValue("detailsRecordLineCount", out long lines))
        {
            return;
        }

        var mismatches = new List<string>();
        var evidence = new List<EvidenceFigure>();
        long osd = t.Log.RecordCounts.GetValueOrDefault("OSD");
        if (lines > 0 && osd != lines)
        {
            mismatches.Add(F($"the summary counts {lines} OSD records, the file holds {osd}"));
            evidence.Add(("detailsOsdRecords", lines));
            evidence.Add(("osdRecords", osd));
        }

        if (t.Count >= 2 && c.TryGetValue("detailsTotalTimeMs", out long ms) && ms > 0)
        {
            double recorded = t.Time[t.Count - 1] - t.Time[0], stated = ms / 1000.0;
            double tolerance = Math.Max(o.HeaderTimeToleranceSeconds, o.HeaderTimeToleranceFraction * stated);
            if (Math.Abs(recorded - stated) > tolerance)
            {
                mismatches.Add(F($"the summary's flight time is {stated:0.#} s, the records span {recorded:0.#} s"));
                evidence.Add(("detailsTotalTimeS", stated));
                evidence.Add(("recordsSpanS", Math.Round(recorded, 3)));
            }
        }

        Compare(c, "detailsMaxHeightCm", Max(t.Hat, t.Count), o.HeaderHeightToleranceMeters, "maximum height", "m", "MaxHeightM", mismatches, evidence);
        Compare(c, "detailsMaxHorizontalSpeedCmps", Max(t.GroundSpeed, t.Count), o.HeaderSpeedToleranceMetersPerSecond, "maximum horizontal speed", "m/s", "MaxHorizontalSpeedMps", mismatches, evidence);
        if (mismatches.Count == 0)
        {
            return;
        }

        findings.Add(new Finding
        {
            Kind = FindingKinds.HeaderMismatch,
            Severity = Severity.Medium,
            StartUtc = t.Utc(0),
            EndUtc = t.Utc(t.Count - 1),
            Sources = [t.Label],
            Evidence = evidence,
            SourceOffsets = c.TryGetValue("detailsOffset", out long at) ? [at] : [],
            Explanation = "The flight summary in the file's header disagrees with its records: " + string.Join("; ", mismatches)
                + ". The app writes both; records removed, added or changed afterwards leave the summary behind. An app that stopped before rewriting the summary gives the same.",
        });
    }

    private static void Compare(Dictionary<string, long> c, string counter, double recorded, double tolerance, string what, string unit, string name,
        List<string> mismatches, List<EvidenceFigure> evidence)
    {
        if (!c.TryGetValue(counter, out long centi) || centi <= 0 || double.IsNaN(recorded))
        {
            return;
        }

        double stated = centi / 100.0;
        if (Math.Abs(recorded - stated) > tolerance)
        {
            mismatches.Add(F($"the summary's {what} is {stated:0.##} {unit}, the records reach {recorded:0.##} {unit}"));
            evidence.Add(("details" + name, stated));
            evidence.Add(("records" + name, Math.Round(recorded, 3)));
        }
    }

    /// <summary>Types that an FMT record redefines: one logger writes each FMT once, a joined log twice.</summary>
    private static void DataFlashFormats(SourceTrack t, FindingList findings)
    {
        if (!t.Log.FormatCounters.TryGetValue("dataflash", out var c) || c.GetValueOrDefault("typesRedefined") <= 0)
        {
            return;
        }

        long redefined = c["typesRedefined"], at = c.GetValueOrDefault("firstRedefinitionOffset");
        int sample = IntegrityChecks.SampleAtOffset(t, at);
        findings.Add(new Finding
        {
            Kind = FindingKinds.HeaderMismatch,
            Severity = Severity.Medium,
            StartUtc = t.Utc(sample),
            EndUtc = t.Utc(sample),
            Sources = [t.Label],
            Evidence = [("typesRedefined", redefined), ("firstRedefinitionOffset", at)],
            SourceOffsets = [at],
            Explanation = F($"{redefined} FMT record(s) give an already defined message type another name or layout, the first at byte {at}. ArduPilot defines each type once per log: two logs (perhaps of different firmware) were joined here, or the file was assembled by hand."),
        });
    }

    private static double Max(double[] values, int n)
    {
        double max = double.NaN;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsNaN(values[i]) && !(values[i] <= max))
            {
                max = values[i];
            }
        }

        return max;
    }
}
