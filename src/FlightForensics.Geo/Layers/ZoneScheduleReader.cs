using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo.Model;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// ED-269 <c>applicability</c> and ED-318 <c>limitedApplicability</c> as a <see cref="ZoneSchedule"/> in UTC.
/// A list entry with <c>permanent: YES</c>, or no list at all, is permanent; otherwise each entry is a window
/// (<c>startDateTime</c>/<c>endDateTime</c>, either open) with daily periods (<c>dailyPeriod</c> or <c>schedule</c>:
/// <c>day</c> MON..SUN or ANY, <c>startTime</c>/<c>endTime</c> as HH:MM[:SS] with Z or an offset).
/// </summary>
internal static class ZoneScheduleReader
{
    private static readonly Dictionary<string, DayOfWeek> s_days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MON"] = DayOfWeek.Monday, ["TUE"] = DayOfWeek.Tuesday, ["WED"] = DayOfWeek.Wednesday, ["THU"] = DayOfWeek.Thursday,
        ["FRI"] = DayOfWeek.Friday, ["SAT"] = DayOfWeek.Saturday, ["SUN"] = DayOfWeek.Sunday,
    };

    public static ZoneSchedule Read(JsonElement? list, LayerBuilder builder, string location)
    {
        if (list is not { } l || l.ValueKind == JsonValueKind.Null)
        {
            return ZoneSchedule.Permanent;
        }

        if (l.ValueKind == JsonValueKind.Object)
        {
            return Read(Wrap(l), builder, location);
        }

        if (l.ValueKind != JsonValueKind.Array)
        {
            return Unreadable(builder, location, $"schedule is a JSON {l.ValueKind}, not a list");
        }

        var windows = new List<ScheduleWindow>();
        foreach (var entry in l.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return Unreadable(builder, location, "schedule entry is not an object");
            }

            if (ZoneFeedParts.String(entry, "permanent") is { } permanent && permanent.Equals("YES", StringComparison.OrdinalIgnoreCase))
            {
                return ZoneSchedule.Permanent;
            }

            if (!TryTime(entry, "startDateTime", out var start) || !TryTime(entry, "endDateTime", out var end))
            {
                return Unreadable(builder, location, $"schedule date-time '{ZoneFeedParts.String(entry, "startDateTime")}' / '{ZoneFeedParts.String(entry, "endDateTime")}' is not ISO 8601");
            }

            if (start is { } s && end is { } e && e < s)
            {
                return Unreadable(builder, location, "schedule window ends before it starts");
            }

            var periods = new List<DailyPeriod>();
            var periodList = ZoneFeedParts.Member(entry, "dailyPeriod") ?? ZoneFeedParts.Member(entry, "schedule");
            if (periodList is { ValueKind: JsonValueKind.Array } pl)
            {
                foreach (var p in pl.EnumerateArray())
                {
                    if (ZoneFeedParts.Member(p, "startEvent") is not null || ZoneFeedParts.Member(p, "endEvent") is not null)
                    {
                        return Unreadable(builder, location, "schedule period tied to sunrise/sunset events: not evaluated");
                    }

                    var period = Period(p, out var error);
                    if (error is not null)
                    {
                        return Unreadable(builder, location, error);
                    }

                    if (period is not null)
                    {
                        periods.Add(period);
                    }
                }
            }

            windows.Add(new ScheduleWindow(start, end, periods));
        }

        return windows.Count == 0 ? ZoneSchedule.Permanent : new ZoneSchedule { Windows = windows };
    }

    private static JsonElement Wrap(JsonElement single)
    {
        using var doc = JsonDocument.Parse("[" + single.GetRawText() + "]");
        return doc.RootElement.Clone();
    }

    private static ZoneSchedule Unreadable(LayerBuilder builder, string location, string why)
    {
        builder.Diagnose(LayerDiagnosticKind.Note, location, $"{why}: the zone is taken as always applying");
        return ZoneSchedule.Unreadable;
    }

    private static bool TryTime(JsonElement entry, string name, out DateTimeOffset? value)
    {
        value = null;
        if (ZoneFeedParts.String(entry, name) is not { } text || text.Length == 0)
        {
            return true;
        }

        // Without a zone designator the feeds mean UTC (ED-269 times are UTC).
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            value = t;
            return true;
        }

        return false;
    }

    /// <summary>A daily period; null (and no error) when it states neither days nor times (the interuss sample's empty one).</summary>
    private static DailyPeriod? Period(JsonElement p, out string? error)
    {
        error = null;
        var days = new HashSet<DayOfWeek>();
        if (ZoneFeedParts.Member(p, "day") is { } dayList)
        {
            var words = dayList.ValueKind == JsonValueKind.Array ? dayList.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : d.GetRawText()) : [ZoneFeedParts.Text(dayList) ?? ""];
            foreach (var w in words)
            {
                if (w.Equals("ANY", StringComparison.OrdinalIgnoreCase))
                {
                    days.Clear();
                    break;
                }

                if (!s_days.TryGetValue(w.Length >= 3 ? w[..3] : w, out var day))
                {
                    error = $"schedule day '{w}' is not MON..SUN or ANY";
                    return null;
                }

                days.Add(day);
            }
        }

        var startText = ZoneFeedParts.String(p, "startTime");
        var endText = ZoneFeedParts.String(p, "endTime");
        if (startText is null && endText is null)
        {
            return days.Count == 0 ? null : new DailyPeriod(days, TimeSpan.Zero, TimeSpan.FromDays(1));
        }

        if (!TryTimeOfDay(startText ?? "00:00", out var start) || !TryTimeOfDay(endText ?? "24:00", out var end))
        {
            error = $"schedule time '{startText}'-'{endText}' is not HH:MM[:SS]";
            return null;
        }

        return new DailyPeriod(days, start, end);
    }

    /// <summary>HH:MM[:SS] with an optional Z or ±HH:MM offset, as a UTC time of day (24:00 is the end of the day).</summary>
    private static bool TryTimeOfDay(string text, out TimeSpan utc)
    {
        utc = default;
        var t = text.Trim();
        var offset = TimeSpan.Zero;
        if (t.EndsWith('Z') || t.EndsWith('z'))
        {
            t = t[..^1];
        }
        else if (t.Length > 6 && t[^6] is '+' or '-' && TimeSpan.TryParseExact(t[^5..], @"hh\:mm", CultureInfo.InvariantCulture, out var o))
        {
            offset = t[^6] == '-' ? -o : o;
            t = t[..^6];
        }

        if (t is "24:00" or "24:00:00")
        {
            utc = TimeSpan.FromDays(1) - offset;
        }
        else if (TimeSpan.TryParseExact(t, [@"hh\:mm", @"hh\:mm\:ss", @"hh\:mm\:ss\.FFF"], CultureInfo.InvariantCulture, out var local))
        {
            utc = local - offset;
        }
        else
        {
            return false;
        }

        // An offset can move the time across midnight: keep it a time of day.
        var ticks = ((utc.Ticks % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        utc = ticks == 0 && utc > TimeSpan.Zero ? TimeSpan.FromDays(1) : TimeSpan.FromTicks(ticks);
        return true;
    }
}
