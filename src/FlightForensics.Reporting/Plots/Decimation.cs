namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Thinning for DRAWING only (a picture has a finite number of pixels); never applied to the data
/// findings are computed from. Deterministic: the same input keeps the same points.
/// </summary>
internal static class Decimation
{
    /// <summary>Points closer than this to the last kept point are merged.</summary>
    public const double MergePixels = 0.5;

    /// <summary>
    /// Indices of track vertices to draw: the first and last always; a point is kept when it lies at
    /// least half a pixel from the previous kept one or changes colour class; if that still leaves more
    /// than <paramref name="max"/>, every n-th kept point (plus the last).
    /// </summary>
    public static List<int> TrackIndices(int count, Func<int, PixelPoint> project, Func<int, int> classOf, int max)
    {
        var keep = new List<int>(Math.Min(count, 1 << 16));
        if (count == 0)
        {
            return keep;
        }

        var last = project(0);
        int lastClass = classOf(0);
        keep.Add(0);
        for (int i = 1; i < count; i++)
        {
            var p = project(i);
            int cls = classOf(i);
            double dx = p.X - last.X, dy = p.Y - last.Y;
            if ((dx * dx) + (dy * dy) >= MergePixels * MergePixels || cls != lastClass || i == count - 1)
            {
                keep.Add(i);
                last = p;
                lastClass = cls;
            }
        }

        return Stride(keep, max);
    }

    public static List<PixelPoint> ByPixel(List<PixelPoint> points, int max)
    {
        if (points.Count <= 2)
        {
            return points;
        }

        var keep = new List<PixelPoint> { points[0] };
        for (int i = 1; i < points.Count; i++)
        {
            var last = keep[^1];
            double dx = points[i].X - last.X, dy = points[i].Y - last.Y;
            if ((dx * dx) + (dy * dy) >= MergePixels * MergePixels || i == points.Count - 1)
            {
                keep.Add(points[i]);
            }
        }

        return Stride(keep, max);
    }

    /// <summary>
    /// For a time series: per pixel column, the first, minimum, maximum and last point (in time order),
    /// so peaks survive thinning (the "M4" idea). Returns indices into the series.
    /// </summary>
    public static List<int> MinMaxPerColumn(IReadOnlyList<double> x, IReadOnlyList<double> y, double xMin, double xMax, int columns)
    {
        var keep = new List<int>();
        if (x.Count == 0)
        {
            return keep;
        }

        if (x.Count <= columns * 4 || xMax <= xMin)
        {
            for (int i = 0; i < x.Count; i++)
            {
                keep.Add(i);
            }

            return keep;
        }

        int bucket = -1, first = -1, lastIndex = -1, min = -1, max = -1;
        for (int i = 0; i < x.Count; i++)
        {
            int b = (int)Math.Clamp((x[i] - xMin) / (xMax - xMin) * columns, 0, columns - 1);
            if (b != bucket)
            {
                Emit();
                bucket = b;
                first = lastIndex = min = max = i;
                continue;
            }

            lastIndex = i;
            if (y[i] < y[min])
            {
                min = i;
            }

            if (y[i] > y[max])
            {
                max = i;
            }
        }

        Emit();
        return keep;

        void Emit()
        {
            if (first < 0)
            {
                return;
            }

            Span<int> four = [first, min, max, lastIndex];
            four.Sort();
            int previous = -1;
            foreach (var i in four)
            {
                if (i != previous)
                {
                    keep.Add(i);
                    previous = i;
                }
            }
        }
    }

    private static List<T> Stride<T>(List<T> items, int max)
    {
        max = Math.Max(2, max);
        if (items.Count <= max)
        {
            return items;
        }

        int step = (int)Math.Ceiling(items.Count / (double)(max - 1));
        var thinned = new List<T>(max);
        for (int i = 0; i < items.Count - 1; i += step)
        {
            thinned.Add(items[i]);
        }

        thinned.Add(items[^1]);
        return thinned;
    }
}

/// <summary>A point on the picture, in pixels (x right, y down), for thinning only.</summary>
internal readonly record struct PixelPoint(double X, double Y);
