namespace FlightForensics.Dji.Photo;

/// <summary>Options of the photo decoder.</summary>
public sealed record PhotoOptions
{
    public static PhotoOptions Default { get; } = new();

    /// <summary>
    /// The camera clock's offset from UTC when the examiner knows it; used only when the image states no UTC time
    /// itself (no EXIF GPS time stamp, no XMP UTCAtExposure, no EXIF offset time).
    /// </summary>
    public TimeSpan? CameraClockUtcOffset { get; init; }

    /// <summary>Positions from EXIF GPS and DJI XMP that differ by more than this (degrees) get a note.</summary>
    public double PositionDisagreementDegrees { get; init; } = 1e-5;

    /// <summary>A non-seekable input is copied to memory up to this many bytes (metadata sits at the start).</summary>
    public int MaxBufferedBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>An EXIF thumbnail (IFD1) longer than this is reported as a diagnostic, not as an attachment.</summary>
    public int MaxThumbnailBytes { get; init; } = 256 * 1024;
}
