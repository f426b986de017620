namespace FlightForensics.Verification;

/// <summary>Order statistics used by the checks (nearest-rank percentiles, so every figure is one observed value).</summary>
internal static class Stats
{
    /// <summary>Median of the values (sorts the list in place); 0 for an empty list.</summary>
    public static double Median(List<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile (sorts the list in place); 0 for an empty list.</summary>
    public static double Percentile(List<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        int rank = (int)Math.Ceiling(percent / 100.0 * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }
}
