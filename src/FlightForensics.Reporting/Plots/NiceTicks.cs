namespace FlightForensics.Reporting.Plots;

/// <summary>
/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten covering a data range
/// (the classic loose-labelling scheme of Heckbert, Graphics Gems I).
/// </summary>
public static class NiceTicks
{
    /// <summary>Ticks covering [min, max] with about <paramref name="targetCount"/> intervals.</summary>
    public static TickSet For(double min, double max, int targetCount = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return new TickSet(0, 1, 1, [0, 1]);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-9 * Math.Max(1, Math.Abs(max)))
        {
            // A flat range: open it by one unit around the value so the axis still has ticks.
            double pad = Math.Abs(min) > 1 ? NiceNumber(Math.Abs(min) * 0.1, round: true) : 1;
            min -= pad;
            max += pad;
        }

        targetCount = Math.Clamp(targetCount, 2, 20);
        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / targetCount, round: true);
        double lo = Math.Floor(min / step) * step;
        double hi = Math.Ceiling(max / step) * step;
        int count = (int)Math.Round((hi - lo) / step) + 1;
        var values = new double[count];
        // Round to the step's decimals so that 0.1 steps do not print as 0.30000000000000004.
        int decimals = Math.Clamp(1 - (int)Math.Floor(Math.Log10(step)), 0, 15);
        for (int i = 0; i < count; i++)
        {
            values[i] = Math.Round(lo + (i * step), decimals);
        }

        return new TickSet(lo, hi, step, values);
    }

    /// <summary>Ticks for a time axis in seconds, on steps a reader expects (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h ...).</summary>
    public static TickSet ForSeconds(double min, double max, int targetCount = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max - min <= 0)
        {
            return For(min, max, targetCount);
        }

        ReadOnlySpan<double> steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
        double raw = (max - min) / Math.Clamp(targetCount, 2, 20);
        if (raw < 1)
        {
            return For(min, max, targetCount);
        }

        // Beyond a day per tick, whole days in 1-2-5 steps: the tick count follows targetCount, never the span
        // (a corrupted time 1e13 s away once made a hundred million ticks).
        double step = raw > steps[^1] ? NiceNumber(raw / steps[^1], round: true) * steps[^1] : steps[^1];
        foreach (var s in steps)
        {
            if (s >= raw)
            {
                step = s;
                break;
            }
        }

        double lo = Math.Floor(min / step) * step;
        double hi = Math.Ceiling(max / step) * step;
        int count = (int)Math.Round((hi - lo) / step) + 1;
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = lo + (i * step);
        }

        return new TickSet(lo, hi, step, values);
    }

    /// <summary>1, 2, 5 or 10 times a power of ten near <paramref name="value"/>.</summary>
    public static double NiceNumber(double value, bool round)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }

        double exponent = Math.Floor(Math.Log10(value));
        double power = Math.Pow(10, exponent);
        double fraction = value / power;
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>The largest 1/2/5 × 10^n not above <paramref name="value"/> (scale bars).</summary>
    public static double NiceFloor(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 0;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        double fraction = value / power;
        return (fraction >= 5 ? 5 : fraction >= 2 ? 2 : 1) * power;
    }
}

/// <summary>Tick positions and the rounded range they span.</summary>
public sealed record TickSet(double Min, double Max, double Step, IReadOnlyList<double> Values)
{
    /// <summary>Decimals needed to print every tick of this set without noise.</summary>
    public int Decimals => Step >= 1 ? 0 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(Step) - 1e-9));
}
