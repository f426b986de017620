using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// The plottable view of a log, extracted once: a common clock (seconds from the first timed sample,
/// by UTC where the log has it, else by its elapsed clock), positions and one height reference.
/// Nothing is derived between height references; a sample without the chosen height has NaN.
/// </summary>
internal sealed class FlightSeries
{
    private FlightSeries() { }

    public required HeightReference Height { get; init; }
    public required string HeightLabel { get; init; }
    public DateTimeOffset? ClockOriginUtc { get; init; }
    public double? ClockOriginElapsedSeconds { get; init; }

    /// <summary>Per sample with a position: seconds (NaN when unknown), lon, lat, height (NaN when unknown).</summary>
    public required double[] PositionSeconds { get; init; }
    public required LonLat[] Positions { get; init; }
    public required double[] PositionHeights { get; init; }

    /// <summary>Per sample with a time and the chosen height (for the profile), in log order.</summary>
    public required double[] ProfileSeconds { get; init; }
    public required double[] ProfileHeights { get; init; }
    public required int TotalSamples { get; init; }

    public static FlightSeries From(FlightLog log, HeightReference wanted)
    {
        ArgumentNullException.ThrowIfNull(log);
        var samples = log.Samples;
        var reference = wanted != HeightReference.Auto ? wanted : PickHeight(samples);
        DateTimeOffset? originUtc = null;
        double? originElapsed = null;
        foreach (var s in samples)
        {
            if (s.TimeUtc is DateTimeOffset t)
            {
                originUtc = t;
                break;
            }
        }

        if (originUtc is null)
        {
            foreach (var s in samples)
            {
                if (s.ElapsedSeconds is double e && double.IsFinite(e))
                {
                    originElapsed = e;
                    break;
                }
            }
        }

        var posSeconds = new List<double>();
        var positions = new List<LonLat>();
        var posHeights = new List<double>();
        var profSeconds = new List<double>();
        var profHeights = new List<double>();
        foreach (var s in samples)
        {
            double seconds = SecondsOf(s.TimeUtc, s.ElapsedSeconds, originUtc, originElapsed);
            double height = HeightOf(s, reference);
            if (s.HasPosition)
            {
                positions.Add(new LonLat(s.LongitudeDegrees!.Value, s.LatitudeDegrees!.Value));
                posSeconds.Add(seconds);
                posHeights.Add(height);
            }

            if (double.IsFinite(seconds) && double.IsFinite(height))
            {
                profSeconds.Add(seconds);
                profHeights.Add(height);
            }
        }

        return new FlightSeries
        {
            Height = reference,
            HeightLabel = reference switch
            {
                HeightReference.AboveGround => "Height above ground (m)",
                HeightReference.AboveMeanSeaLevel => "Altitude above mean sea level (m)",
                _ => "Height above takeoff (m)",
            },
            ClockOriginUtc = originUtc,
            ClockOriginElapsedSeconds = originElapsed,
            PositionSeconds = [.. posSeconds],
            Positions = [.. positions],
            PositionHeights = [.. posHeights],
            ProfileSeconds = [.. profSeconds],
            ProfileHeights = [.. profHeights],
            TotalSamples = samples.Count,
        };
    }

    /// <summary>Seconds on this series' clock of a UTC or elapsed instant; NaN when it cannot be placed.</summary>
    public double SecondsOf(DateTimeOffset? utc, double? elapsed) => SecondsOf(utc, elapsed, ClockOriginUtc, ClockOriginElapsedSeconds);

    private static double SecondsOf(DateTimeOffset? utc, double? elapsed, DateTimeOffset? originUtc, double? originElapsed)
    {
        if (originUtc is DateTimeOffset o)
        {
            return utc is DateTimeOffset t ? (t - o).TotalSeconds : double.NaN;
        }

        if (originElapsed is double oe && elapsed is double e && double.IsFinite(e))
        {
            return e - oe;
        }

        return double.NaN;
    }

    private static HeightReference PickHeight(IReadOnlyList<TelemetrySample> samples)
    {
        bool takeoff = false, ground = false, msl = false;
        foreach (var s in samples)
        {
            takeoff |= s.HeightAboveTakeoffMeters is double a && double.IsFinite(a);
            ground |= s.HeightAboveGroundMeters is double b && double.IsFinite(b);
            msl |= s.AltitudeMslMeters is double c && double.IsFinite(c);
            if (takeoff)
            {
                break;
            }
        }

        return takeoff ? HeightReference.AboveTakeoff : ground ? HeightReference.AboveGround : msl ? HeightReference.AboveMeanSeaLevel : HeightReference.AboveTakeoff;
    }

    private static double HeightOf(in TelemetrySample s, HeightReference reference)
    {
        double? h = reference switch
        {
            HeightReference.AboveGround => s.HeightAboveGroundMeters,
            HeightReference.AboveMeanSeaLevel => s.AltitudeMslMeters,
            _ => s.HeightAboveTakeoffMeters,
        };
        return h is double v && double.IsFinite(v) ? v : double.NaN;
    }

    /// <summary>Clock time as m:ss or h:mm:ss (negative with a sign).</summary>
    public static string FormatClock(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "?";
        }

        string sign = seconds < 0 ? "-" : "";
        long total = (long)Math.Round(Math.Abs(seconds));
        long h = total / 3600, m = total / 60 % 60, s = total % 60;
        return h > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{h}:{m:00}:{s:00}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{m}:{s:00}");
    }
}
