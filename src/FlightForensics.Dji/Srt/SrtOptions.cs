namespace FlightForensics.Dji.Srt;

/// <summary>Options of the DJI subtitle (.SRT) decoder.</summary>
public sealed record SrtOptions
{
    public static SrtOptions Default { get; } = new();

    /// <summary>
    /// The offset of the camera clock from UTC, when the examiner knows it. SRT date-times carry no time
    /// zone (dji-formats.md §5), so without this the samples' <c>TimeUtc</c> stays empty and the camera
    /// clock is reported as local time in a note.
    /// </summary>
    public TimeSpan? CameraClockUtcOffset { get; init; }

    /// <summary>Lines longer than this are skipped with a diagnostic (no subtitle line is near it).</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;
}
