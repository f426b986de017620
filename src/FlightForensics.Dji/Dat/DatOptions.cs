namespace FlightForensics.Dji.Dat;

/// <summary>Options of the aircraft-log (.DAT) decoder.</summary>
public sealed record DatOptions
{
    public static DatOptions Default { get; } = new();

    /// <summary>How far into a header-less file the first valid record is looked for.</summary>
    public int MaxHeaderSearchBytes { get; init; } = 4096;

    /// <summary>An attitude record older than this (seconds) is not attached to a GPS sample.</summary>
    public double MaxAttitudeAgeSeconds { get; init; } = 0.5;

    /// <summary>A battery percentage (OSD record) older than this is not carried onto a GPS sample.</summary>
    public double MaxBatteryAgeSeconds { get; init; } = 2;

    /// <summary>Flight-controller text records become text events up to this many (all are counted).</summary>
    public int MaxTextEvents { get; init; } = 100_000;

    /// <summary>Items of a DJI Assistant export container are walked up to this many.</summary>
    public int MaxContainerItems { get; init; } = 10_000;
}
