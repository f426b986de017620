using System.Globalization;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Drone zones judged in three dimensions: for every stretch of the track's segments inside a zone volume's
/// outline while the zone applies (its schedule evaluated in UTC at the flight's time), the flight's heights in the
/// zone's own datum against the volume's floor and ceiling.
/// </summary>
/// <remarks>
/// AGL limits are compared with height above ground (from the log, or the DEM with <c>--dem</c>), else with height
/// above takeoff (stated in the notes); AMSL limits with the log's altitude above mean sea level; WGS84 and flight
/// levels with altitude MSL within a stated tolerance (<see cref="AirspaceOptions"/>), since no geoid grid or
/// pressure altitude is at hand. A limit decides only when the margin is beyond that tolerance.
/// </remarks>
internal static class AirspaceCheck
{
    public static List<AirspaceFinding> Judge(FlightTrack track, IReadOnlyList<(InfrastructureFeature Feature, InfrastructureLayer Layer)> zones, Envelope clipWindow,
        CheckOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        var findings = new List<AirspaceFinding>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (feature, layer) in zones)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var zone = feature.Airspace!;
            var category = options.Taxonomy.Get(feature.Category);
            for (var v = 0; v < zone.Volumes.Count; v++)
            {
                var volume = zone.Volumes[v];
                if (!volume.Outline.EnvelopeInternal.Intersects(clipWindow) || GeographicClip.ToWindow(volume.Outline, clipWindow) is not { IsEmpty: false } outline)
                {
                    continue;
                }

                var shape = new FeatureShape(feature, layer, track.Projection, category, null, outline);
                foreach (var span in OverflightDetector.Spans(track, shape))
                {
                    foreach (var (part, schedule) in ApplicableParts(track, span, zone.Schedule, used))
                    {
                        findings.Add(Describe(track, shape.Reference, zone, volume, v, part, schedule, options, used));
                    }
                }
            }
        }

        notes.AddRange(Notes(used, options));
        return [.. findings.OrderBy(f => f.EntrySeconds ?? double.MaxValue).ThenBy(f => f.Feature.FeatureId, StringComparer.Ordinal).ThenBy(f => f.Volume)];
    }

    private static IEnumerable<(TrackSpan Span, string Schedule)> ApplicableParts(FlightTrack track, TrackSpan span, ZoneSchedule schedule, HashSet<string> used)
    {
        if (schedule.IsPermanent)
        {
            if (schedule.IsUnreadable)
            {
                used.Add("schedule-unreadable");
            }

            yield return (span, schedule.IsUnreadable ? "unreadable" : "permanent");
            yield break;
        }

        var s0 = track.TimeAt(span.StartSegment, span.StartT);
        var s1 = track.TimeAt(span.EndSegment, span.EndT);
        if (track.TimeOrigin is not { } origin || !double.IsFinite(s0) || !double.IsFinite(s1))
        {
            used.Add("schedule-no-utc");
            yield return (span, "not evaluated");
            yield break;
        }

        foreach (var (from, to) in schedule.ApplicableParts(track.UtcAt(s0)!.Value, track.UtcAt(s1)!.Value))
        {
            yield return (new TrackSpan(
                Locate(track, span, (from - origin).TotalSeconds, out var startT), startT,
                Locate(track, span, (to - origin).TotalSeconds, out var endT), endT), "window");
        }
    }

    /// <summary>The segment of the span and the fraction along it at a track time.</summary>
    private static int Locate(FlightTrack track, TrackSpan span, double seconds, out double fraction)
    {
        var k = Math.Clamp(track.PointAtOrBefore(seconds), span.StartSegment, span.EndSegment);
        var b = track.SegmentEnd(k);
        var dt = track.Seconds[b] - track.Seconds[k];
        fraction = dt > 0 ? Math.Clamp((seconds - track.Seconds[k]) / dt, 0, 1) : 0;
        if (k == span.StartSegment)
        {
            fraction = Math.Max(fraction, span.StartT);
        }

        if (k == span.EndSegment)
        {
            fraction = Math.Min(fraction, span.EndT);
        }

        return k;
    }

    private static AirspaceFinding Describe(FlightTrack track, FeatureReference reference, AirspaceZone zone, AirspaceVolume volume, int volumeIndex, TrackSpan span,
        string schedule, CheckOptions options, HashSet<string> used)
    {
        var lower = Evaluate(track, span, volume.Lower, upper: false, options, used);
        var upper = Evaluate(track, span, volume.Upper, upper: true, options, used);
        string verdict;
        double? margin;
        Limit shown;
        if (upper.Satisfied == false)
        {
            (verdict, margin, shown) = ("above", upper.Margin, upper);
        }
        else if (lower.Satisfied == false)
        {
            (verdict, margin, shown) = ("below", lower.Margin, lower);
        }
        else if (upper.Satisfied == true && lower.Satisfied == true)
        {
            var margins = new[] { lower.Margin, upper.Margin }.OfType<double>().ToList();
            (verdict, margin, shown) = ("inside", margins.Count > 0 ? margins.Min() : null, upper.Range is not null ? upper : lower);
        }
        else
        {
            (verdict, margin, shown) = ("unknown", null, upper.Satisfied is null ? upper : lower);
        }

        if (shown.Range is null && Series(track, span, VerticalReference.Agl, options) is { Values: { } agl } series
            && OverflightDetector.RangeAlong(track, agl, span) is { } aglRange)
        {
            // Nothing measured in a limit's datum (surface to no ceiling, or an unknown one): the heights above ground, for information.
            used.Add(series.Key);
            shown = shown with { Range = aglRange, Datum = VerticalReference.Agl, Source = series.Source };
        }

        var entry = track.TimeAt(span.StartSegment, span.StartT);
        var exit = track.TimeAt(span.EndSegment, span.EndT);
        var last = track.SegmentEnd(span.EndSegment);
        return new AirspaceFinding
        {
            Feature = reference,
            Restriction = zone.Restriction.ToName(),
            ImagingProhibited = zone.ImagingProhibited,
            EntryUtc = track.UtcAt(entry),
            ExitUtc = track.UtcAt(exit),
            EntrySeconds = Finite(entry),
            ExitSeconds = Finite(exit),
            DurationSeconds = Finite(exit - entry),
            LowerMeters = volume.Lower.Meters,
            LowerReference = volume.Lower.Reference.ToName(),
            LowerPublished = volume.Lower.Published,
            UpperMeters = volume.Upper.Meters,
            UpperReference = volume.Upper.Reference.ToName(),
            UpperPublished = volume.Upper.Published,
            UpperUnlimited = volume.Upper.Unlimited,
            FlightMinMeters = shown.Range?.Min,
            FlightMaxMeters = shown.Range?.Max,
            FlightReference = shown.Range is null ? null : shown.Datum.ToName(),
            VerticalMarginMeters = margin,
            Verdict = verdict,
            HeightSource = shown.Source,
            VerdictNote = verdict == "unknown" ? shown.Why ?? lower.Why ?? upper.Why : null,
            Schedule = schedule,
            Volume = volumeIndex,
            FirstSampleIndex = track.SampleIndex[span.StartSegment],
            LastSampleIndex = track.SampleIndex[last],
            FirstSourceOffset = track.SourceOffset[span.StartSegment],
            LastSourceOffset = track.SourceOffset[last],
        };
    }

    /// <summary>A limit against the flight's heights in its datum: satisfied, violated, or undecided (null) with why.</summary>
    private static Limit Evaluate(FlightTrack track, TrackSpan span, VerticalLimit limit, bool upper, CheckOptions options, HashSet<string> used)
    {
        if (!upper && limit.IsSurface)
        {
            // Nothing flies below the ground: a surface floor holds without a height.
            return new Limit(true, null, null, limit.Reference, null, null);
        }

        if (upper && limit.Unlimited)
        {
            return new Limit(true, null, null, limit.Reference, null, null);
        }

        var which = upper ? "upper" : "lower";
        if (limit.Meters is not { } meters)
        {
            return new Limit(null, null, null, limit.Reference, null, $"{which} limit {(limit.Reference == VerticalReference.Unknown && limit.Published != VerticalLimit.NotStated.Published ? "has an unknown unit or reference" : "not stated or not usable")} ({limit.Published})");
        }

        var (values, source, tolerance, key) = Series(track, span, limit.Reference, options);
        if (values is null)
        {
            return new Limit(null, null, null, limit.Reference, null, $"{which} limit reference '{limit.Published}' not understood");
        }

        var range = OverflightDetector.RangeAlong(track, values, span);
        if (range is not { } r)
        {
            return new Limit(null, null, null, limit.Reference, source, $"the log has no {source} for the {which} limit ({limit.Published})");
        }

        used.Add(key);
        var margin = upper ? meters - r.Max : r.Min - meters;
        bool? satisfied = margin >= tolerance ? true : margin < -tolerance ? false : null;
        var why = satisfied is null ? string.Create(CultureInfo.InvariantCulture, $"{which} limit {limit.Published}: margin {margin:0.#} m is within the ±{tolerance:0} m tolerance of comparing it with {source}") : null;
        return new Limit(satisfied, margin, r, limit.Reference, source, why);
    }

    private static (double[]? Values, string Source, double Tolerance, string Key) Series(FlightTrack track, TrackSpan span, VerticalReference datum, CheckOptions options) => datum switch
    {
        VerticalReference.Agl when OverflightDetector.RangeAlong(track, track.HeightAboveGround, span) is not null =>
            (track.HeightAboveGround, track.DerivedGroundHeights > 0 ? "dem" : "height-above-ground", 0, track.DerivedGroundHeights > 0 ? "agl-dem" : "agl-log"),
        VerticalReference.Agl => (track.HeightAboveTakeoff, "height-above-takeoff", 0, "agl-takeoff"),
        VerticalReference.Amsl => (track.AltitudeMsl, "altitude-msl", 0, "amsl"),
        VerticalReference.Wgs84 => (track.AltitudeMsl, "altitude-msl", options.Airspace.GeoidToleranceMeters, "wgs84"),
        VerticalReference.Std => (track.AltitudeMsl, "altitude-msl", options.Airspace.PressureAltitudeToleranceMeters, "std"),
        _ => (null, "", 0, ""),
    };

    private static IEnumerable<string> Notes(HashSet<string> used, CheckOptions options)
    {
        if (used.Contains("agl-takeoff"))
        {
            yield return "airspace: AGL zone limits compared with height above takeoff (the log gives no height above ground and no --dem was given): takeoff assumed on the ground, terrain assumed level with it";
        }

        if (used.Contains("agl-dem"))
        {
            yield return "airspace: AGL zone limits compared with height above ground derived from the DEM where the log gives none";
        }

        if (used.Contains("amsl"))
        {
            yield return "airspace: AMSL zone limits compared with the log's altitude above mean sea level as the decoder reports it (receivers give MSL with their own geoid model, usually EGM96); no further geoid correction applied";
        }

        if (used.Contains("wgs84"))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"airspace: WGS84 (ellipsoid) zone limits compared with altitude MSL: no geoid grid is bundled, so a verdict needs a margin over ±{options.Airspace.GeoidToleranceMeters:0} m (the extreme geoid undulations)");
        }

        if (used.Contains("std"))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"airspace: flight-level limits compared with altitude MSL (the log has no pressure altitude): a verdict needs a margin over ±{options.Airspace.PressureAltitudeToleranceMeters:0} m (QNH 950-1050 hPa and temperature)");
        }

        if (used.Contains("schedule-no-utc"))
        {
            yield return "airspace: the log states no UTC, so zone schedules were not evaluated: time-limited zones were taken as applying";
        }

        if (used.Contains("schedule-unreadable"))
        {
            yield return "airspace: some zone schedules could not be read (see the layer diagnostics): those zones were taken as always applying";
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private sealed record Limit(bool? Satisfied, double? Margin, (double Min, double Max)? Range, VerticalReference Datum, string? Source, string? Why);
}
