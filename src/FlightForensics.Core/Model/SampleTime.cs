namespace FlightForensics.Core.Model;

/// <summary>
/// A sample's UTC time, from its own time or from the log's start plus its elapsed seconds, without ever
/// throwing: hostile or corrupted elapsed values (1e13 s) would overflow <see cref="DateTimeOffset"/> and stop the
/// analysis of everything else (issue #24). An elapsed time that cannot be a time is "no time".
/// </summary>
public static class SampleTime
{
    public static DateTimeOffset? Utc(in TelemetrySample sample, DateTimeOffset? start) =>
        sample.TimeUtc ?? After(start, sample.ElapsedSeconds);

    /// <summary><paramref name="start"/> plus <paramref name="seconds"/>, or null when either is missing or the sum is not a representable time.</summary>
    public static DateTimeOffset? After(DateTimeOffset? start, double? seconds)
    {
        if (start is not DateTimeOffset s || seconds is not double e || !double.IsFinite(e))
        {
            return null;
        }

        double ticks = e * TimeSpan.TicksPerSecond;
        double room = ticks >= 0 ? DateTimeOffset.MaxValue.UtcTicks - s.UtcTicks : s.UtcTicks - DateTimeOffset.MinValue.UtcTicks;
        return Math.Abs(ticks) < room ? s.AddTicks((long)ticks) : null;
    }
}
