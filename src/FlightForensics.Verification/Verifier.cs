using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Verification.Checks;
using FlightForensics.Verification.CrossSource;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification;

/// <summary>
/// Can this track be trusted: runs the within-file checks on every source, then aligns every source's clock to a
/// reference source and compares the tracks (docs/verify.md). Pure computation on decoded logs: no I/O.
/// </summary>
public sealed class Verifier(VerifyOptions? options = null)
{
    public VerifyOptions Options { get; } = options ?? VerifyOptions.Default;

    public VerifyResult Verify(IReadOnlyList<FlightLog> logs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return VerifySources([.. logs.Select(l => new VerifySource(l))], cancellationToken);
    }

    /// <summary>Verifies sources that may carry their own label and indicators found outside this library (e.g. a
    /// Remote ID capture's broadcast believability, computed by the application layer).</summary>
    public VerifyResult VerifySources(IReadOnlyList<VerifySource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var o = Options;
        var findings = new FindingList(o);
        var logs = sources.Select(s => s.Log).ToList();
        var labels = Labels(sources);
        var tracks = new List<SourceTrack>(logs.Count);
        for (int s = 0; s < logs.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var track = SourceTrack.Build(logs[s], labels[s], o);
            tracks.Add(track);
            var derived = Runs.DerivedSpeed(track, o);
            TimingChecks.Run(track, o, findings, derived);
            IntegrityChecks.Run(track, o, findings);
            MotionChecks.Run(track, o, findings, derived);
            GnssChecks.Run(track, o, findings);
            FlightStateChecks.Run(track, o, findings);
            ProvenanceChecks.Run(track, o, findings);
            foreach (var indicator in sources[s].Indicators)
            {
                findings.Add(indicator with { Sources = [labels[s], .. indicator.Sources] });
            }
        }

        var (alignment, agreement, reference) = CompareSources(tracks, o, findings, cancellationToken);
        MediaChecks.Run(tracks, reference, o, findings, cancellationToken);
        var summaries = tracks.Select(t => new SourceSummary(t.Label, t.Log.Evidence.Sha256, t.Log.FormatId,
            t.Count > 0 ? t.Utc(0) : null, t.Count > 0 ? t.Utc(t.Count - 1) : null, t.Log.Summary.Count)).ToList();
        var list = findings.Finish();
        return new VerifyResult { Sources = summaries, Alignment = alignment, Agreement = agreement, Findings = list, Summary = Summarise(summaries, list) };
    }

    private static (List<ClockAlignment>, List<PairAgreement>, SourceTrack?) CompareSources(List<SourceTrack> tracks, VerifyOptions o, FindingList findings, CancellationToken cancellationToken)
    {
        var alignment = new List<ClockAlignment>();
        var agreement = new List<PairAgreement>();
        var reference = tracks.Where(t => t.HasUtc && t.PositionCount > 0).OrderByDescending(t => t.PositionCount).FirstOrDefault();
        var referenceTracks = new Dictionary<bool, CommonTrack>();
        foreach (var t in tracks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (t == reference)
            {
                alignment.Add(new ClockAlignment(t.Label, 0, "reference", 1));
            }
            else if (reference is not null && t.Log.FormatId == "photo" && !MediaChecks.IsMedia(reference.Log.FormatId))
            {
                // A photo is one point: it is placed on the reference by the media placement (MediaChecks), which also
                // allows for a camera clock set to local time.
                alignment.Add(new ClockAlignment(t.Label, null, "none: a photo is placed on the reference track by media placement (see media-disagreement)", 0));
            }
            else if (reference is null || !t.HasUtc || t.PositionCount == 0)
            {
                string why = t.PositionCount == 0 ? "no positions in this source" : !t.HasUtc ? "no UTC time in this source" : "no other source has UTC time and positions";
                alignment.Add(new ClockAlignment(t.Label, null, "none: " + why, 0));
            }
            else
            {
                alignment.Add(ComparePair(reference, t, o, findings, agreement, referenceTracks));
            }
        }

        return (alignment, agreement, reference);
    }

    private static ClockAlignment ComparePair(SourceTrack reference, SourceTrack other, VerifyOptions o, FindingList findings, List<PairAgreement> agreement,
        Dictionary<bool, CommonTrack> referenceTracks)
    {
        int firstPosition = Array.FindIndex(reference.East, 0, reference.Count, v => !double.IsNaN(v));
        var frame = new LocalProjection(reference.Lat[firstPosition], reference.Lon[firstPosition]);
        bool useHat = MostlyKnown(reference.Hat, reference) && MostlyKnown(other.Hat, other);
        // The reference in the common frame, built once per height choice (a million-sample reference is projected
        // once, not once per other source).
        if (!referenceTracks.TryGetValue(useHat, out var a))
        {
            referenceTracks[useHat] = a = new CommonTrack(reference, frame, useHat);
        }

        var b = new CommonTrack(other, frame, useHat);
        if (a.Count == 0 || b.Count == 0)
        {
            return new ClockAlignment(other.Label, null, "none: no positions in time order", 0);
        }

        var found = ClockAligner.Align(a, b, o);
        double offset = found.OffsetSeconds ?? 0;
        string method = found.OffsetSeconds is null ? F($"none ({found.Why}); compared as recorded") : ClockAligner.Method + (useHat ? " (height above takeoff)" : " (altitude MSL)");
        double closest = ClosestApproach(a, b);
        var pair = found.OffsetSeconds is null && !Overlaps(a, b, 0) ? null : PairChecks.Compare(a, b, offset, o, findings);
        if (pair is null || pair.OverlapSeconds <= 0 || closest > o.NotSameFlightMeters || pair.MedianHorizontalMeters > o.NotSameFlightMeters)
        {
            // Two tracks that touch in place and lie within the clock search of each other but do not overlap (a
            // one-second track, one that ends as the other starts) say nothing either way.
            double apart = Math.Max(0, Math.Max(b.Start - a.End, a.Start - b.End));
            if (!(closest <= o.NotSameFlightMeters && apart <= o.MaxClockOffsetSeconds && (pair?.OverlapSeconds ?? 0) <= 0))
            {
                NotSameFlight(a, b, closest, pair, findings, o);
            }

            agreement.Add(pair ?? new PairAgreement(a.Source.Label, b.Source.Label, 0, null, null, null, null));
            return new ClockAlignment(other.Label, found.OffsetSeconds, method, found.Confidence);
        }

        agreement.Add(pair);
        if (found.OffsetSeconds is double shift)
        {
            TimeShift(a, b, shift, found.Confidence, o, findings);
        }

        PairChecks.DeletedSegments(reference, other, offset, o, findings);
        return new ClockAlignment(other.Label, found.OffsetSeconds, method, found.Confidence);
    }

    private static void TimeShift(CommonTrack a, CommonTrack b, double shift, double confidence, VerifyOptions o, FindingList findings)
    {
        bool trusted = confidence >= o.MinAlignmentConfidence;
        bool isShift = Math.Abs(shift) >= o.TimeShiftMinSeconds && trusted;
        if (!isShift && Math.Abs(shift) < 0.5)
        {
            return;
        }

        findings.Add(new Finding
        {
            Kind = isShift ? FindingKinds.TimeShift : FindingKinds.ClockOffset,
            Severity = isShift ? (Math.Abs(shift) >= 2 * o.TimeShiftMinSeconds && confidence >= 0.8 ? Severity.High : Severity.Medium) : Severity.Info,
            StartUtc = b.Source.Utc(0),
            EndUtc = b.Source.Utc(b.Source.Count - 1),
            Sources = [b.Source.Label, a.Source.Label],
            Evidence = [("clockOffsetS", shift), ("confidence", confidence), ("thresholdS", o.TimeShiftMinSeconds)],
            SourceOffsets = b.Source.Offsets(0, b.Source.Count - 1, o.MaxOffsetsPerFinding),
            Explanation = isShift
                ? F($"{b.Source.Label}'s clock runs {shift:+0.###;-0.###} s from {a.Source.Label}'s: the tracks match best with that offset (confidence {confidence:0.##}). Sources of one flight that take time from GNSS or one computer agree within a second; its times were shifted, or its clock was set wrong.")
                : F($"{b.Source.Label}'s clock is {shift:+0.###;-0.###} s from {a.Source.Label}'s (confidence {confidence:0.##}{(trusted ? "" : ", too low to act on")})."),
        });
    }

    private static void NotSameFlight(CommonTrack a, CommonTrack b, double closest, PairAgreement? pair, FindingList findings, VerifyOptions o)
    {
        double apart = Math.Max(0, Math.Max(b.Start - a.End, a.Start - b.End));
        findings.Add(new Finding
        {
            Kind = FindingKinds.NotSameFlight,
            Severity = Severity.High,
            StartUtc = b.Source.Utc(0),
            EndUtc = b.Source.Utc(b.Source.Count - 1),
            Sources = [b.Source.Label, a.Source.Label],
            Evidence = [("timeApartS", Math.Round(apart, 3)), ("closestApproachM", Math.Round(closest, 1)),
                ("overlapS", pair?.OverlapSeconds ?? 0), ("medianHorizontalM", pair?.MedianHorizontalMeters ?? double.NaN), ("maxClockOffsetS", o.MaxClockOffsetSeconds)],
            SourceOffsets = [],
            Explanation = F($"{b.Source.Label} and {a.Source.Label} do not describe the same flight: their times are {apart:0.#} s apart (searched ±{o.MaxClockOffsetSeconds:0} s) and their tracks come no closer than {closest:0} m{(pair?.MedianHorizontalMeters is double m ? F($"; where they overlap they are {m:0} m apart (median)") : "")}."),
        });
    }

    private static bool Overlaps(CommonTrack a, CommonTrack b, double offset) => b.Start - offset < a.End && b.End - offset > a.Start;

    /// <summary>Nearest approach of the two tracks (m), over at most 500 evenly chosen points of each.</summary>
    private static double ClosestApproach(CommonTrack a, CommonTrack b)
    {
        int sa = Math.Max(1, a.Count / 500), sb = Math.Max(1, b.Count / 500);
        double best = double.PositiveInfinity;
        for (int i = 0; i < a.Count; i += sa)
        {
            for (int j = 0; j < b.Count; j += sb)
            {
                best = Math.Min(best, Runs.Sq(a.East[i] - b.East[j]) + Runs.Sq(a.North[i] - b.North[j]));
            }
        }

        return Math.Sqrt(best);
    }

    private static bool MostlyKnown(double[] values, SourceTrack t)
    {
        int known = 0;
        for (int i = 0; i < t.Count; i++)
        {
            known += t.HasPosition(i) && !double.IsNaN(values[i]) ? 1 : 0;
        }

        return known * 2 >= t.PositionCount && known > 0;
    }

    /// <summary>File names, made unique with "#2", "#3" when two inputs share a name.</summary>
    private static List<string> Labels(IReadOnlyList<VerifySource> sources)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>(sources.Count);
        foreach (var source in sources)
        {
            var name = source.Label ?? source.Log.Evidence.FileName;
            seen[name] = seen.GetValueOrDefault(name) + 1;
            labels.Add(seen[name] == 1 ? name : F($"{name}#{seen[name]}"));
        }

        return labels;
    }

    private static string Summarise(List<SourceSummary> sources, List<Finding> findings)
    {
        int Count(Severity s) => findings.Count(f => f.Severity == s);
        var worst = findings.Where(f => f.Severity >= Severity.Medium).GroupBy(f => f.Kind)
            .OrderByDescending(g => g.Max(f => f.Severity)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => F($"{g.Key} ×{g.Count()}")).ToList();
        string head = F($"{sources.Count} source(s), {findings.Count} finding(s): {Count(Severity.High)} high, {Count(Severity.Medium)} medium, {Count(Severity.Low)} low, {Count(Severity.Info)} info.");
        return worst.Count == 0 ? head + " Nothing of medium or high severity." : head + " Medium and high: " + string.Join(", ", worst) + ".";
    }
}

/// <summary>
/// One evidence source for <see cref="Verifier"/>: a decoded log, the label it goes by in the result (default: its file
/// name; e.g. "capture.pcapng [SERIAL]" for one aircraft of a capture), and findings about it made elsewhere (their
/// <see cref="Finding.Sources"/> get this source's label put first).
/// </summary>
public sealed record VerifySource(FlightLog Log, string? Label = null)
{
    public IReadOnlyList<Finding> Indicators { get; init; } = [];
}
