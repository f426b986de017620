namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>GPS week/time-of-week to UTC, with the GPS−UTC leap-second offset in force at that instant.</summary>
public static class GpsTime
{
    public static readonly DateTimeOffset Epoch = new(1980, 1, 6, 0, 0, 0, TimeSpan.Zero);

    // UTC dates from which GPS time runs ahead of UTC by the given seconds (IERS Bulletin C; GPS started at 0 in 1980).
    private static readonly (DateTimeOffset FromUtc, int Seconds)[] s_leaps =
    [
        (new(1981, 7, 1, 0, 0, 0, TimeSpan.Zero), 1),
        (new(1982, 7, 1, 0, 0, 0, TimeSpan.Zero), 2),
        (new(1983, 7, 1, 0, 0, 0, TimeSpan.Zero), 3),
        (new(1985, 7, 1, 0, 0, 0, TimeSpan.Zero), 4),
        (new(1988, 1, 1, 0, 0, 0, TimeSpan.Zero), 5),
        (new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), 6),
        (new(1991, 1, 1, 0, 0, 0, TimeSpan.Zero), 7),
        (new(1992, 7, 1, 0, 0, 0, TimeSpan.Zero), 8),
        (new(1993, 7, 1, 0, 0, 0, TimeSpan.Zero), 9),
        (new(1994, 7, 1, 0, 0, 0, TimeSpan.Zero), 10),
        (new(1996, 1, 1, 0, 0, 0, TimeSpan.Zero), 11),
        (new(1997, 7, 1, 0, 0, 0, TimeSpan.Zero), 12),
        (new(1999, 1, 1, 0, 0, 0, TimeSpan.Zero), 13),
        (new(2006, 1, 1, 0, 0, 0, TimeSpan.Zero), 14),
        (new(2009, 1, 1, 0, 0, 0, TimeSpan.Zero), 15),
        (new(2012, 7, 1, 0, 0, 0, TimeSpan.Zero), 16),
        (new(2015, 7, 1, 0, 0, 0, TimeSpan.Zero), 17),
        (new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), 18),
    ];

    /// <summary>GPS−UTC seconds at a UTC instant.</summary>
    public static int LeapSecondsAt(DateTimeOffset utc)
    {
        int leap = 0;
        foreach (var (from, seconds) in s_leaps)
        {
            if (utc >= from)
            {
                leap = seconds;
            }
        }

        return leap;
    }

    /// <summary>
    /// UTC of a GPS week and millisecond of week; null for week 0 (receivers log week 0 before their first fix,
    /// mavlink-formats.md §6.1) or values outside the GPS range.
    /// </summary>
    public static DateTimeOffset? ToUtc(long week, long millisecondOfWeek)
    {
        if (week <= 0 || week > 10_000 || millisecondOfWeek < 0 || millisecondOfWeek >= 7L * 86_400_000)
        {
            return null;
        }

        var gps = Epoch.AddDays(week * 7.0).AddMilliseconds(millisecondOfWeek);
        // The offset is looked up at the GPS instant less the current offset, which is the UTC instant except in the
        // second around a leap, where either answer is within that second.
        int leap = LeapSecondsAt(gps.AddSeconds(-18));
        return gps.AddSeconds(-leap);
    }
}
