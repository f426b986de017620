namespace FlightForensics.Dji.Photo;

/// <summary>
/// What one photo says about where and how it was taken, from EXIF and the DJI XMP namespace
/// (<c>http://www.dji.com/drone-dji/1.0/</c>, dji-formats.md §6). <c>null</c> where the image does not say.
/// </summary>
public sealed record PhotoMetadata
{
    public string? Make { get; init; }
    public string? CameraModel { get; init; }
    public string? Software { get; init; }
    public string? CameraSerial { get; init; }
    public string? DroneModel { get; init; }
    public string? DroneSerial { get; init; }

    /// <summary>EXIF DateTimeOriginal: the camera clock, without a zone unless <see cref="OffsetTimeOriginal"/> says.</summary>
    public DateTime? DateTimeOriginal { get; init; }
    public string? OffsetTimeOriginal { get; init; }

    /// <summary>EXIF GPS date and time stamp (UTC by the EXIF definition).</summary>
    public DateTime? GpsUtc { get; init; }

    /// <summary>XMP <c>UTCAtExposure</c> where a model writes it.</summary>
    public DateTime? XmpUtcAtExposure { get; init; }

    public double? ExifLatitude { get; init; }
    public double? ExifLongitude { get; init; }

    /// <summary>EXIF GPSAltitude, signed by GPSAltitudeRef (above/below sea level).</summary>
    public double? ExifAltitude { get; init; }
    public double? XmpLatitude { get; init; }
    public double? XmpLongitude { get; init; }

    /// <summary>XMP AbsoluteAltitude (metres; DJI's GPS/barometric altitude).</summary>
    public double? AbsoluteAltitude { get; init; }

    /// <summary>XMP RelativeAltitude (metres above take-off).</summary>
    public double? RelativeAltitude { get; init; }
    public double? GimbalRoll { get; init; }
    public double? GimbalPitch { get; init; }
    public double? GimbalYaw { get; init; }
    public double? FlightRoll { get; init; }
    public double? FlightPitch { get; init; }
    public double? FlightYaw { get; init; }
    public double? FlightXSpeed { get; init; }
    public double? FlightYSpeed { get; init; }
    public double? FlightZSpeed { get; init; }
    public double? FocalLengthMm { get; init; }
    public double? FocalLength35mm { get; init; }
    public double? CalibratedFocalLengthPixels { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public string? RtkFlag { get; init; }
    public double? LaserTargetDistance { get; init; }
    public double? LaserTargetLatitude { get; init; }
    public double? LaserTargetLongitude { get; init; }

    /// <summary>Horizontal field of view from the 35 mm equivalent focal length (36 mm frame width); derived, stated as such.</summary>
    public double? HorizontalFieldOfViewDegrees =>
        FocalLength35mm is double f && f > 0 ? 2 * Math.Atan(36.0 / (2 * f)) * 180 / Math.PI : null;

    public bool HasDjiXmp { get; init; }
}
