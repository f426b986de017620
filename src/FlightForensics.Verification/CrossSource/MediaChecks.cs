using FlightForensics.Geo.Analysis;
using FlightForensics.Verification.Model;
using static FlightForensics.Verification.Words;

namespace FlightForensics.Verification.CrossSource;

/// <summary>
/// Photos and video subtitles held against the reference log with the report's own media placement
/// (<see cref="MediaCorrelator"/>: camera clock offset found from position agreement, one offset per camera): a photo
/// or subtitle whose place disagrees with the log at its time, or whose clock is off by more than a time zone explains.
/// </summary>
internal static class MediaChecks
{
    /// <summary>Format ids (contract) of media sources: photos and DJI video subtitles.</summary>
    public static bool IsMedia(string formatId) => formatId is "photo" or "dji-srt";

    /// <summary>Time zones are whole quarter hours (UTC+05:45, +08:45 exist); a camera clock set to local time is off
    /// from UTC by a multiple of this.</summary>
    private const double ZoneStepSeconds = 900;

    public static void Run(IReadOnlyList<SourceTrack> tracks, SourceTrack? reference, VerifyOptions o, FindingList findings, CancellationToken cancellationToken)
    {
        if (reference is null || IsMedia(reference.Log.FormatId))
        {
            return;
        }

        var media = tracks.Where(t => t != reference && IsMedia(t.Log.FormatId) && t.Log.Samples.Count > 0).ToList();
        var track = media.Count == 0 ? null : FlightTrack.Build(reference.Log, Math.Max(reference.GapThresholdSeconds, 10));
        if (track?.TimeOrigin is null)
        {
            return;
        }

        var inputs = media.Select(t => new MediaInput
        {
            File = t.Label,
            Sha256 = t.Log.Evidence.Sha256,
            Format = t.Log.FormatId,
            Log = t.Log,
            Kind = t.Log.FormatId == "photo" ? "photo" : "video-frame",
            // One camera's photos share one clock (as the report groups them); a subtitle file stands alone.
            ClockGroup = t.Log.FormatId == "photo" ? "photo:" + (t.Log.Vehicle.CameraSerial ?? t.Log.Vehicle.Model ?? "camera") : null,
        }).ToList();
        var correlation = MediaCorrelator.Correlate(track, inputs, new MediaCorrelationOptions { MaxResidualMeters = o.MediaMaxResidualMeters },
            cancellationToken: cancellationToken);
        var spans = inputs.GroupBy(x => x.ClockGroup ?? x.File).ToDictionary(g => g.Key, g => PositionSpanMeters([.. media.Where((_, i) => (inputs[i].ClockGroup ?? inputs[i].File) == g.Key)]));
        for (int i = 0; i < media.Count; i++)
        {
            Judge(media[i], reference, correlation.Media[i], spans[inputs[i].ClockGroup ?? inputs[i].File], o, findings);
        }
    }

    private static void Judge(SourceTrack m, SourceTrack reference, MediaMatch match, double spanMeters, VerifyOptions o, FindingList findings)
    {
        string what = match.Kind == "photo" ? "photo" : "video subtitle";
        if (!match.Matched)
        {
            if (match.ResidualMeters is double r && r > o.MediaMaxResidualMeters)
            {
                Add(m, reference, match, r >= 2 * o.MediaMaxResidualMeters ? Severity.Medium : Severity.Low, findings, o,
                    [EvidenceFigure.Of("disagrees", "place"), ("meanDistanceM", Math.Round(r, 1)), ("thresholdM", o.MediaMaxResidualMeters),
                        ("cameraClockOffsetS", match.ClockOffsetSeconds ?? double.NaN)],
                    F($"The {what}'s position is {r:0} m from the log's at its time (mean over {match.ResidualSamples}; best camera clock offset {match.ClockOffsetSeconds:+0.#;-0.#;0} s). GNSS puts both within about 10 m: it was taken elsewhere (another flight) or its position or the log was edited; a photo's position written later by software does the same."));
            }
            else if (match.ClockOffsetSeconds is not null && match.FirstUtc is not null)
            {
                Add(m, reference, match, Severity.Low, findings, o,
                    [EvidenceFigure.Of("disagrees", "time"), ("cameraClockOffsetS", match.ClockOffsetSeconds.Value)],
                    F($"The {what}'s time falls outside the log's flight ({match.Reason}). It belongs to another flight, the log is incomplete, or the camera clock is wrong by more than the search found."));
            }

            return;
        }

        if (match.OffsetSource != "estimated" || match.ClockOffsetSeconds is not double offset || spanMeters < o.MediaMinSpanMeters)
        {
            return; // a place that barely changes does not pin a time: the clock cannot be judged
        }

        double zone = Math.Round(offset / ZoneStepSeconds) * ZoneStepSeconds, rest = offset - zone;
        if (Math.Abs(rest) <= o.MediaClockToleranceSeconds)
        {
            return;
        }

        Add(m, reference, match, Math.Abs(rest) >= o.MediaClockMediumSeconds ? Severity.Medium : Severity.Low, findings, o,
            [EvidenceFigure.Of("disagrees", "time"), ("cameraClockOffsetS", Math.Round(offset, 3)), ("timeZoneS", zone),
                ("beyondTimeZoneS", Math.Round(rest, 3)), ("toleranceS", o.MediaClockToleranceSeconds), ("meanDistanceM", match.ResidualMeters ?? double.NaN)],
            F($"The {what}'s places fit the log only with its clock {offset:+0.#;-0.#} s off, {rest:+0.#;-0.#} s beyond a time-zone offset ({zone / 3600:+0.##;-0.##;0} h). A drone's camera takes its time from the aircraft; its times were edited, or the camera clock was set by hand."));
    }

    private static void Add(SourceTrack m, SourceTrack reference, MediaMatch match, Severity severity, FindingList findings, VerifyOptions o,
        EvidenceFigure[] evidence, string explanation) =>
        findings.Add(new Finding
        {
            Kind = FindingKinds.MediaDisagreement,
            Severity = severity,
            StartUtc = match.FirstUtc ?? m.Utc(0),
            EndUtc = match.LastUtc ?? m.Utc(m.Count - 1),
            Sources = [m.Label, reference.Label],
            Evidence = evidence,
            SourceOffsets = m.Offsets(0, m.Count - 1, o.MaxOffsetsPerFinding),
            Explanation = explanation,
        });

    /// <summary>Farthest any position of these sources (one camera's) lies from the first one (m).</summary>
    private static double PositionSpanMeters(List<SourceTrack> sources)
    {
        LocalProjection? frame = null;
        double max = 0;
        foreach (var m in sources)
        {
            for (int i = 0; i < m.Count; i++)
            {
                if (m.HasPosition(i))
                {
                    frame ??= new LocalProjection(m.Lat[i], m.Lon[i]);
                    var (east, north) = frame.Forward(m.Lat[i], m.Lon[i]);
                    max = Math.Max(max, Math.Sqrt(Runs.Sq(east) + Runs.Sq(north)));
                }
            }
        }

        return max;
    }
}
