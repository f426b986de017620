namespace FlightForensics.Reporting.Plots;

/// <summary>Options of the track map and the altitude profile.</summary>
public sealed record PlotOptions
{
    public static PlotOptions Default { get; } = new();

    public double MapWidthPixels { get; init; } = 960;
    public double MapHeightPixels { get; init; } = 720;
    public double ProfileWidthPixels { get; init; } = 960;
    public double ProfileHeightPixels { get; init; } = 320;

    /// <summary>Title at the top; default names the evidence file.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// Most track vertices drawn. Points that fall within half a pixel of the previous drawn point are
    /// merged first; only if that is not enough is every n-th point kept. Findings are never decimated.
    /// </summary>
    public int MaxDrawnPoints { get; init; } = 20_000;

    /// <summary>Which height colours the track and fills the profile; Auto picks the first one the log has.</summary>
    public HeightReference Height { get; init; } = HeightReference.Auto;
}

public enum HeightReference
{
    /// <summary>Above takeoff if the log has it, else above ground, else above mean sea level.</summary>
    Auto,
    AboveTakeoff,
    AboveGround,
    AboveMeanSeaLevel,
}
