using System.Globalization;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Model;

/// <summary>The datum a vertical limit is measured from.</summary>
public enum VerticalReference
{
    /// <summary>Not stated, or a reference the reader does not know (the limit cannot be compared).</summary>
    Unknown,

    /// <summary>Above ground level (ED-269 <c>AGL</c>, AIXM <c>SFC</c>).</summary>
    Agl,

    /// <summary>Above mean sea level (ED-269 <c>AMSL</c>, AIXM <c>MSL</c>).</summary>
    Amsl,

    /// <summary>Above the WGS84 ellipsoid (ED-269 <c>WGS84</c>).</summary>
    Wgs84,

    /// <summary>Standard pressure: a flight level (AIXM <c>STD</c>, unit <c>FL</c>).</summary>
    Std,
}

public static class VerticalReferenceNames
{
    /// <summary>The name used in JSON: <c>AGL</c>, <c>AMSL</c>, <c>WGS84</c>, <c>STD</c>; null when unknown.</summary>
    public static string? ToName(this VerticalReference reference) => reference switch
    {
        VerticalReference.Agl => "AGL",
        VerticalReference.Amsl => "AMSL",
        VerticalReference.Wgs84 => "WGS84",
        VerticalReference.Std => "STD",
        _ => null,
    };
}

/// <summary>
/// A zone's floor or ceiling. <see cref="Meters"/> is null when the feed states no value, when the value is a
/// "no ceiling" sentinel (<see cref="Unlimited"/>), or when its unit or reference is not understood.
/// </summary>
/// <param name="Meters">The limit in metres in its own datum (feet × 0.3048, FL × 100 ft).</param>
/// <param name="Reference">The datum.</param>
/// <param name="Published">The limit as the feed wrote it (<c>120 m AGL</c>, <c>FL 50</c>), for the report.</param>
/// <param name="Unlimited">The feed's "no ceiling" sentinel (99999, FL 999, UNL).</param>
public sealed record VerticalLimit(double? Meters, VerticalReference Reference, string Published, bool Unlimited = false)
{
    public static VerticalLimit NotStated { get; } = new(null, VerticalReference.Unknown, "not stated");

    /// <summary>The ground itself (0 AGL): a floor no flight can be under.</summary>
    public bool IsSurface => Meters == 0 && Reference == VerticalReference.Agl;

    public override string ToString() => Published;
}

/// <summary>What a zone asks of a drone, normalised across feeds.</summary>
public enum AirspaceRestriction
{
    /// <summary>ED-269 <c>PROHIBITED</c>, AIXM type <c>P</c>.</summary>
    Prohibited,

    /// <summary>ED-269 <c>REQ_AUTHORISATION</c> (either spelling), AIXM type <c>R</c>, FAA facility-map cells.</summary>
    AuthorisationRequired,

    /// <summary>ED-269 <c>CONDITIONAL</c>, AIXM type <c>D</c> (danger area: entry not forbidden, conditions apply).</summary>
    Conditional,

    /// <summary>ED-269 <c>NO_RESTRICTION</c> and anything published for information only.</summary>
    Information,
}

public static class AirspaceRestrictionNames
{
    /// <summary>The sub-kind name used as the feature's subcategory and in JSON.</summary>
    public static string ToName(this AirspaceRestriction restriction) => restriction switch
    {
        AirspaceRestriction.Prohibited => "prohibited",
        AirspaceRestriction.AuthorisationRequired => "authorisation-required",
        AirspaceRestriction.Conditional => "conditional",
        _ => "information",
    };
}

/// <summary>A daily period of a schedule: on the listed days (empty = every day), from start to end time of day, UTC.</summary>
/// <remarks>An end at or before the start runs past midnight into the next day.</remarks>
public sealed record DailyPeriod(IReadOnlySet<DayOfWeek> Days, TimeSpan Start, TimeSpan End);

/// <summary>One window of a schedule: between start and end (null = open), during the daily periods (none = all day).</summary>
public sealed record ScheduleWindow(DateTimeOffset? Start, DateTimeOffset? End, IReadOnlyList<DailyPeriod> Periods)
{
    public bool Contains(DateTimeOffset utc)
    {
        if ((Start is { } s && utc < s) || (End is { } e && utc > e))
        {
            return false;
        }

        if (Periods.Count == 0)
        {
            return true;
        }

        var u = utc.UtcDateTime;
        foreach (var p in Periods)
        {
            var time = u.TimeOfDay;
            if (p.End > p.Start)
            {
                if (time >= p.Start && time <= p.End && DayMatches(p, u.DayOfWeek))
                {
                    return true;
                }
            }
            else if ((time >= p.Start && DayMatches(p, u.DayOfWeek)) || (time <= p.End && DayMatches(p, u.AddDays(-1).DayOfWeek)))
            {
                // Past midnight: the morning part belongs to the day the period started on.
                return true;
            }
        }

        return false;
    }

    private static bool DayMatches(DailyPeriod p, DayOfWeek day) => p.Days.Count == 0 || p.Days.Contains(day);
}

/// <summary>When a zone applies, evaluated in UTC. Permanent unless windows are given.</summary>
public sealed record ZoneSchedule
{
    public static ZoneSchedule Permanent { get; } = new() { IsPermanent = true };

    /// <summary>A schedule the feed wrote but the reader could not understand: the zone is taken as applying (and said so).</summary>
    public static ZoneSchedule Unreadable { get; } = new() { IsPermanent = true, IsUnreadable = true };

    public bool IsPermanent { get; init; }
    public bool IsUnreadable { get; init; }
    public IReadOnlyList<ScheduleWindow> Windows { get; init; } = [];

    public bool AppliesAt(DateTimeOffset utc) => IsPermanent || Windows.Any(w => w.Contains(utc));

    /// <summary>
    /// The parts of [from, to] during which the zone applies: each piece between two consecutive boundaries (window
    /// starts and ends, daily period starts and ends) applies or not as a whole, tested at its middle.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> ApplicableParts(DateTimeOffset from, DateTimeOffset to)
    {
        if (IsPermanent || to < from)
        {
            return IsPermanent ? [(from, to)] : [];
        }

        var cuts = new SortedSet<DateTimeOffset> { from, to };
        void Cut(DateTimeOffset t)
        {
            if (t > from && t < to)
            {
                cuts.Add(t);
            }
        }

        foreach (var w in Windows)
        {
            if (w.Start is { } s)
            {
                Cut(s);
            }

            if (w.End is { } e)
            {
                Cut(e);
            }

            // Flights last hours, not years: the daily boundaries of at most 400 days around the flight.
            var firstDay = from.UtcDateTime.Date.AddDays(-1);
            for (var day = firstDay; day <= to.UtcDateTime.Date && day < firstDay.AddDays(400); day = day.AddDays(1))
            {
                foreach (var p in w.Periods)
                {
                    Cut(new DateTimeOffset(day + p.Start, TimeSpan.Zero));
                    Cut(new DateTimeOffset(day + p.End, TimeSpan.Zero));
                }
            }
        }

        if (from == to)
        {
            return AppliesAt(from) ? [(from, to)] : [];
        }

        var parts = new List<(DateTimeOffset, DateTimeOffset)>();
        var points = cuts.ToArray();
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var (a, b) = (points[i], points[i + 1]);
            if (!AppliesAt(a + ((b - a) / 2)))
            {
                continue;
            }

            if (parts.Count > 0 && parts[^1].Item2 == a)
            {
                parts[^1] = (parts[^1].Item1, b);
            }
            else
            {
                parts.Add((a, b));
            }
        }

        return parts;
    }

    public override string ToString() => IsUnreadable ? "unreadable (taken as applying)" : IsPermanent ? "permanent" : string.Create(CultureInfo.InvariantCulture, $"{Windows.Count} window(s)");
}

/// <summary>One volume of a zone: its outline and vertical band (a multi-volume zone has several).</summary>
public sealed record AirspaceVolume(Geometry Outline, VerticalLimit Lower, VerticalLimit Upper);

/// <summary>
/// What a drone-zone feed says about one zone, kept with its <see cref="InfrastructureFeature"/> (category
/// <c>airspace</c>, subcategory the restriction's name, geometry the union of the volumes' outlines).
/// </summary>
public sealed record AirspaceZone
{
    public required AirspaceRestriction Restriction { get; init; }

    /// <summary>The feed says that taking pictures from the air is forbidden in the zone.</summary>
    public bool ImagingProhibited { get; init; }

    /// <summary>At least one; the zone's <see cref="Lower"/> and <see cref="Upper"/> are the first volume's.</summary>
    public required IReadOnlyList<AirspaceVolume> Volumes { get; init; }

    public ZoneSchedule Schedule { get; init; } = ZoneSchedule.Permanent;

    /// <summary>The restriction as the feed wrote it (<c>REQ_AUTHORIZATION</c>, AIXM <c>R</c>, <c>CEILING 0</c>).</summary>
    public string? PublishedRestriction { get; init; }
    public string? Authority { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public string? Country { get; init; }

    public VerticalLimit Lower => Volumes[0].Lower;
    public VerticalLimit Upper => Volumes[0].Upper;
}
