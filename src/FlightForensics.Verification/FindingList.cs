using System.Globalization;
using FlightForensics.Verification.Model;

namespace FlightForensics.Verification;

/// <summary>
/// Collects findings, keeping at most <see cref="VerifyOptions.MaxFindingsPerKind"/> of one kind per source so that a
/// damaged million-sample log cannot produce an unbounded report; what was left out is counted in one info finding.
/// </summary>
internal sealed class FindingList(VerifyOptions options)
{
    private readonly List<Finding> _items = [];
    private readonly Dictionary<(string Source, string Kind), int> _counts = [];

    public void Add(Finding finding)
    {
        var key = (finding.Sources.Count > 0 ? finding.Sources[0] : "", finding.Kind);
        _counts.TryGetValue(key, out int count);
        _counts[key] = count + 1;
        if (count < options.MaxFindingsPerKind)
        {
            _items.Add(finding);
        }
    }

    /// <summary>Adds a finding about one source's stretch of samples [from, to].</summary>
    public void Add(SourceTrack track, string kind, Severity severity, int from, int to, string explanation, params EvidenceFigure[] evidence) =>
        Add(new Finding
        {
            Kind = kind,
            Severity = severity,
            StartUtc = track.Utc(from),
            EndUtc = track.Utc(to),
            Sources = [track.Label],
            Evidence = WithElapsed(track, from, to, evidence),
            SourceOffsets = track.Offsets(from, to, options.MaxOffsetsPerFinding),
            Explanation = explanation,
        });

    /// <summary>The findings in a stable order (time, then kind), with one info finding per kind that overflowed.</summary>
    public List<Finding> Finish()
    {
        foreach (var ((source, kind), count) in _counts.OrderBy(p => p.Key.Source, StringComparer.Ordinal).ThenBy(p => p.Key.Kind, StringComparer.Ordinal))
        {
            if (count > options.MaxFindingsPerKind)
            {
                _items.Add(new Finding
                {
                    Kind = kind,
                    Severity = Severity.Info,
                    Sources = [source],
                    Evidence = [("findingsNotListed", count - options.MaxFindingsPerKind), ("findingsTotal", count)],
                    Explanation = string.Create(CultureInfo.InvariantCulture,
                        $"{count} {kind} findings in {source}; the first {options.MaxFindingsPerKind} are listed."),
                });
            }
        }

        return [.. _items.OrderBy(f => f.StartUtc ?? DateTimeOffset.MaxValue).ThenBy(f => f.Kind, StringComparer.Ordinal)
            .ThenBy(f => f.Sources.Count > 0 ? f.Sources[0] : "", StringComparer.Ordinal)];
    }

    /// <summary>A source without UTC time still places a finding: by elapsed seconds in the evidence.</summary>
    private static EvidenceFigure[] WithElapsed(SourceTrack track, int from, int to, EvidenceFigure[] evidence)
    {
        if (track.HasUtc || track.Count == 0)
        {
            return evidence;
        }

        return [.. evidence, ("startElapsedS", track.Time[Math.Clamp(from, 0, track.Count - 1)]), ("endElapsedS", track.Time[Math.Clamp(to, 0, track.Count - 1)])];
    }
}
