using System.Globalization;
using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;

namespace FlightForensics.Dji.Photo;

/// <summary>
/// Geotagged still images (<c>photo</c>): EXIF GPS plus DJI's XMP camera pose, read with MetadataExtractor.
/// One sample and one <see cref="FlightEventKind.Photo"/> event per image.
/// </summary>
public sealed class PhotoDecoder(PhotoOptions? photoOptions = null) : IFlightLogDecoder
{
    public const string Id = "photo";
    public const string DjiNamespace = "http://www.dji.com/drone-dji/1.0/";
    private const string CounterGroup = "photo";

    public PhotoOptions Options { get; } = photoOptions ?? PhotoOptions.Default;
    public string FormatId => Id;
    public string DecoderName => "FlightForensics.Dji.Photo (MetadataExtractor 2.4.3)";
    public string DecoderVersion => "1.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        if (!JpegSegments.LooksLikeJpeg(head))
        {
            return FormatMatch.None;
        }

        // A DJI pose is the strongest sign; any EXIF still makes it a (possibly geotagged) photo.
        if (head.IndexOf("drone-dji"u8) >= 0)
        {
            return new FormatMatch(95, "jpeg+dji-xmp");
        }

        return head.IndexOf("Exif\0\0"u8) >= 0 ? new FormatMatch(60, "jpeg+exif") : new FormatMatch(20, "jpeg");
    }

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        cancellationToken.ThrowIfCancellationRequested();
        var stream = input;
        if (!input.CanSeek)
        {
            var copy = new MemoryStream();
            CopyCapped(input, copy, Options.MaxBufferedBytes);
            copy.Position = 0;
            stream = copy;
        }

        long origin = stream.Position;
        var layout = JpegSegments.Scan(stream);
        if (!layout.IsJpeg)
        {
            sink.AddDiagnostic(0, DiagnosticKind.Corrupt, "not a JPEG (no start-of-image marker); nothing decoded", Math.Min(stream.Length - origin, 16));
            return;
        }

        if (layout.Truncated)
        {
            sink.AddDiagnostic(layout.StopOffset, DiagnosticKind.Truncated, "the file ends inside the JPEG metadata segments", Math.Max(0, stream.Length - origin - layout.StopOffset));
        }

        sink.SetFormatVersion(layout.XmpOffset >= 0 ? "jpeg+xmp" : layout.ExifOffset >= 0 ? "jpeg+exif" : "jpeg");
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            stream.Position = origin;
            directories = JpegMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Damaged evidence must never escape as an exception from a third-party parser: it becomes a diagnostic.
            sink.AddDiagnostic(0, layout.Truncated ? DiagnosticKind.Truncated : DiagnosticKind.Corrupt, $"metadata could not be read: {ex.Message}");
            return;
        }

        foreach (var directory in directories)
        {
            foreach (var error in directory.Errors)
            {
                // A directory MetadataExtractor cannot parse (newer DJI maker notes, for one) is a limit of the reader
                // as often as damage, and the other directories are unaffected: a note, not damage.
                sink.AddDiagnostic(layout.ExifOffset >= 0 ? layout.ExifOffset : 0, DiagnosticKind.Note, $"MetadataExtractor could not interpret {directory.Name}: {error}");
            }
        }

        var meta = Read(directories, sink, layout);
        Emit(meta, sink, layout, Options.CameraClockUtcOffset ?? options?.CameraClockUtcOffset);
        AddExifThumbnail(directories.OfType<ExifThumbnailDirectory>().FirstOrDefault(), stream, origin, layout, sink);
    }

    public const string ThumbnailAttachmentName = "exif-thumbnail";

    /// <summary>
    /// The EXIF thumbnail (IFD1 JPEGInterchangeFormat 0x0201 = offset from the TIFF header, 0x0202 = length) as an
    /// attachment with its byte range in the evidence. Only a range inside the EXIF APP1 segment and the file that
    /// starts with a JPEG start-of-image marker is reported; anything else is a diagnostic. Nothing is allocated from
    /// the stated length.
    /// </summary>
    private void AddExifThumbnail(ExifThumbnailDirectory? thumbnail, Stream stream, long origin, JpegLayout layout, FlightLogSink sink)
    {
        if (thumbnail is null || layout.ExifOffset < 0
            || !thumbnail.TryGetInt64(ExifThumbnailDirectory.TagThumbnailOffset, out long tiffOffset)
            || !thumbnail.TryGetInt64(ExifThumbnailDirectory.TagThumbnailLength, out long length))
        {
            return;
        }

        // APP1: marker (2) + length field (2) + "Exif\0\0" (6), then the TIFF header the offset counts from.
        long tiffStart = layout.ExifOffset + 10;
        long segmentEnd = layout.ExifOffset + 2 + layout.ExifSegmentLength;
        long fileOffset = tiffStart + tiffOffset;
        long fileLength = stream.Length - origin;
        if (tiffOffset <= 0 || length < 2 || length > Options.MaxThumbnailBytes || fileOffset + length > segmentEnd || fileOffset + length > fileLength)
        {
            sink.AddDiagnostic(layout.ExifOffset, DiagnosticKind.Corrupt, string.Create(CultureInfo.InvariantCulture,
                $"EXIF thumbnail (IFD1) at TIFF offset {tiffOffset}, {length} bytes, does not fit the EXIF segment (ends at {segmentEnd}), the file ({fileLength} bytes) or the {Options.MaxThumbnailBytes}-byte limit; not extracted"));
            return;
        }

        Span<byte> soi = stackalloc byte[2];
        stream.Position = origin + fileOffset;
        if (stream.ReadAtLeast(soi, 2, throwOnEndOfStream: false) < 2 || soi[0] != 0xFF || soi[1] != 0xD8)
        {
            sink.AddDiagnostic(fileOffset, DiagnosticKind.Corrupt, "EXIF thumbnail (IFD1) does not start with a JPEG start-of-image marker (FF D8); not extracted", 2);
            return;
        }

        sink.AddAttachment(new EmbeddedAttachment(fileOffset, length, "image/jpeg", ThumbnailAttachmentName));
    }

    private static void CopyCapped(Stream input, MemoryStream copy, int cap)
    {
        var buffer = new byte[81920];
        int read;
        while (copy.Length < cap && (read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, cap - copy.Length))) > 0)
        {
            copy.Write(buffer, 0, read);
        }
    }

    /// <summary>Reads the metadata of one image (for callers that want the fields rather than a sample).</summary>
    public static PhotoMetadata ReadMetadata(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sink = new FlightLogSink();
        var directories = JpegMetadataReader.ReadMetadata(input);
        return Read(directories, sink, default);
    }

    private static PhotoMetadata Read(IReadOnlyList<MetadataExtractor.Directory> directories, FlightLogSink sink, JpegLayout layout)
    {
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var xmp = directories.OfType<XmpDirectory>().FirstOrDefault(d => d.XmpMeta is not null);
        var jpeg = directories.OfType<JpegDirectory>().FirstOrDefault();

        DateTime? original = null;
        if (sub is not null && sub.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var dto))
        {
            original = DateTime.SpecifyKind(dto, DateTimeKind.Unspecified);
        }

        double? exifLat = null, exifLon = null, exifAlt = null;
        DateTime? gpsUtc = null;
        if (gps is not null)
        {
            var location = gps.GetGeoLocation();
            if (location is not null && double.IsFinite(location.Latitude) && double.IsFinite(location.Longitude))
            {
                exifLat = location.Latitude;
                exifLon = location.Longitude;
            }

            if (gps.TryGetRational(GpsDirectory.TagAltitude, out var alt) && alt.Denominator != 0)
            {
                bool below = gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out int altRef) && altRef == 1;
                exifAlt = below ? -alt.ToDouble() : alt.ToDouble();
            }

            if (gps.ContainsTag(GpsDirectory.TagDateStamp) && gps.ContainsTag(GpsDirectory.TagTimeStamp) && gps.TryGetGpsDate(out var gpsDate))
            {
                gpsUtc = DateTime.SpecifyKind(gpsDate, DateTimeKind.Utc);
            }
        }

        string? Xmp(params string[] names)
        {
            if (xmp?.XmpMeta is not { } m)
            {
                return null;
            }

            foreach (var name in names)
            {
                try
                {
                    var value = m.GetPropertyString(DjiNamespace, name);
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        return value.Trim();
                    }
                }
                catch (XmpCore.XmpException)
                {
                    // a malformed property is as good as an absent one
                }
            }

            return null;
        }

        double? XmpNumber(params string[] names)
        {
            var text = Xmp(names);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            {
                return v;
            }

            sink.AddDiagnostic(layout.XmpOffset >= 0 ? layout.XmpOffset : 0, DiagnosticKind.InvalidValue, $"XMP drone-dji:{names[0]} is not a number (\"{Truncate(text)}\"); left empty");
            return null;
        }

        DateTime? utcAtExposure = null;
        var utcText = Xmp("UTCAtExposure");
        if (utcText is not null && DateTime.TryParse(utcText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var u))
        {
            utcAtExposure = DateTime.SpecifyKind(u, DateTimeKind.Utc);
        }

        bool hasDji = xmp?.XmpMeta is { } meta && HasDjiProperty(meta);
        return new PhotoMetadata
        {
            Make = Clean(ifd0?.GetString(ExifDirectoryBase.TagMake)),
            CameraModel = Clean(ifd0?.GetString(ExifDirectoryBase.TagModel)),
            Software = Clean(ifd0?.GetString(ExifDirectoryBase.TagSoftware)),
            CameraSerial = Xmp("CameraSerialNumber") ?? Clean(sub?.GetString(ExifDirectoryBase.TagBodySerialNumber)),
            DroneModel = Xmp("DroneModel"),
            DroneSerial = Xmp("DroneSerialNumber"),
            DateTimeOriginal = original,
            OffsetTimeOriginal = Clean(sub?.GetString(0x9011)),
            GpsUtc = gpsUtc,
            XmpUtcAtExposure = utcAtExposure,
            ExifLatitude = exifLat,
            ExifLongitude = exifLon,
            ExifAltitude = exifAlt,
            XmpLatitude = XmpNumber("GpsLatitude", "GPSLatitude", "Latitude"),
            XmpLongitude = XmpNumber("GpsLongitude", "GpsLongtitude", "GPSLongitude", "GPSLongtitude", "Longitude"),
            AbsoluteAltitude = XmpNumber("AbsoluteAltitude"),
            RelativeAltitude = XmpNumber("RelativeAltitude"),
            GimbalRoll = XmpNumber("GimbalRollDegree"),
            GimbalPitch = XmpNumber("GimbalPitchDegree"),
            GimbalYaw = XmpNumber("GimbalYawDegree"),
            FlightRoll = XmpNumber("FlightRollDegree"),
            FlightPitch = XmpNumber("FlightPitchDegree"),
            FlightYaw = XmpNumber("FlightYawDegree"),
            FlightXSpeed = XmpNumber("FlightXSpeed"),
            FlightYSpeed = XmpNumber("FlightYSpeed"),
            FlightZSpeed = XmpNumber("FlightZSpeed"),
            CalibratedFocalLengthPixels = XmpNumber("CalibratedFocalLength"),
            RtkFlag = Xmp("RtkFlag"),
            LaserTargetDistance = XmpNumber("LRFTargetDistance"),
            LaserTargetLatitude = XmpNumber("LRFTargetLat"),
            LaserTargetLongitude = XmpNumber("LRFTargetLon"),
            FocalLengthMm = sub is not null && sub.TryGetRational(ExifDirectoryBase.TagFocalLength, out var fl) && fl.Denominator != 0 ? fl.ToDouble() : null,
            FocalLength35mm = sub is not null && sub.TryGetInt32(ExifDirectoryBase.Tag35MMFilmEquivFocalLength, out int f35) && f35 > 0 ? f35 : null,
            ImageWidth = jpeg is not null && jpeg.TryGetInt32(JpegDirectory.TagImageWidth, out int w) ? w : null,
            ImageHeight = jpeg is not null && jpeg.TryGetInt32(JpegDirectory.TagImageHeight, out int h) ? h : null,
            HasDjiXmp = hasDji,
        };
    }

    private static bool HasDjiProperty(XmpCore.IXmpMeta meta)
    {
        try
        {
            foreach (var property in meta.Properties)
            {
                if (property.Namespace == DjiNamespace)
                {
                    return true;
                }
            }
        }
        catch (XmpCore.XmpException)
        {
        }

        return false;
    }

    private static string? Clean(string? text)
    {
        var trimmed = text?.Trim('\0', ' ');
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private void Emit(PhotoMetadata m, FlightLogSink sink, JpegLayout layout, TimeSpan? cameraClockUtcOffset)
    {
        long offset = layout.XmpOffset >= 0 ? layout.XmpOffset : layout.ExifOffset >= 0 ? layout.ExifOffset : 0;

        // Position: EXIF GPS (the standard's own tags) first, DJI XMP where EXIF has none.
        double? lat = m.ExifLatitude, lon = m.ExifLongitude;
        if ((lat is null || lon is null || (lat == 0 && lon == 0)) && m.XmpLatitude is double xl && m.XmpLongitude is double xo)
        {
            (lat, lon) = (xl, xo);
            sink.AddCounter(CounterGroup, "positionFromXmp");
        }
        else if (lat is double a && lon is double b && m.XmpLatitude is double c && m.XmpLongitude is double d
                 && (Math.Abs(a - c) > Options.PositionDisagreementDegrees || Math.Abs(b - d) > Options.PositionDisagreementDegrees))
        {
            sink.AddDiagnostic(offset, DiagnosticKind.Note, string.Create(CultureInfo.InvariantCulture,
                $"EXIF GPS ({a:0.#######}, {b:0.#######}) and XMP ({c:0.#######}, {d:0.#######}) positions differ; EXIF used"));
        }

        if (lat is double la && lon is double lo && (la is < -90 or > 90 || lo is < -180 or > 180))
        {
            sink.AddDiagnostic(offset, DiagnosticKind.InvalidValue, "photo position out of range; left empty");
            lat = lon = null;
        }

        // Time: only what the image states as UTC becomes TimeUtc.
        DateTimeOffset? utc = null;
        string timeSource;
        if (m.GpsUtc is DateTime g)
        {
            utc = new DateTimeOffset(g, TimeSpan.Zero);
            timeSource = "EXIF GPS time stamp (UTC)";
        }
        else if (m.XmpUtcAtExposure is DateTime x)
        {
            utc = new DateTimeOffset(x, TimeSpan.Zero);
            timeSource = "XMP UTCAtExposure";
        }
        else if (m.DateTimeOriginal is DateTime o && m.OffsetTimeOriginal is string tz && TryParseOffset(tz, out var zone))
        {
            utc = new DateTimeOffset(o, zone).ToUniversalTime();
            timeSource = "EXIF DateTimeOriginal with OffsetTimeOriginal";
        }
        else if (m.DateTimeOriginal is DateTime local && cameraClockUtcOffset is TimeSpan given)
        {
            utc = new DateTimeOffset(local, given).ToUniversalTime();
            timeSource = string.Create(CultureInfo.InvariantCulture, $"EXIF DateTimeOriginal with the examiner's offset {given}");
        }
        else
        {
            timeSource = "none";
            sink.AddDiagnostic(offset, DiagnosticKind.Note, m.DateTimeOriginal is DateTime camera
                ? string.Create(CultureInfo.InvariantCulture, $"the photo states no UTC time; camera clock {camera:yyyy-MM-dd'T'HH:mm:ss} has no time zone, so time_utc is left empty")
                : "the photo states no time at all");
        }

        if (!m.HasDjiXmp)
        {
            sink.AddDiagnostic(offset, DiagnosticKind.Note, "no DJI XMP (drone-dji) in this image: no camera pose, position from EXIF only");
        }

        sink.AddVehicle(new VehicleIdentity
        {
            Manufacturer = m.Make,
            Model = m.DroneModel,
            AircraftSerial = m.DroneSerial,
            CameraSerial = m.CameraSerial,
            FirmwareVersion = LooksLikeFirmware(m.Software) ? m.Software : null,
        });

        double? groundSpeed = m.FlightXSpeed is double vx && m.FlightYSpeed is double vy ? Math.Sqrt((vx * vx) + (vy * vy)) : null;
        double? altitude = m.AbsoluteAltitude ?? m.ExifAltitude;
        var sample = new TelemetrySample
        {
            TimeUtc = utc,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            AltitudeMslMeters = altitude,
            HeightAboveTakeoffMeters = m.RelativeAltitude,
            GroundSpeedMetersPerSecond = groundSpeed,
            RollDegrees = m.FlightRoll,
            PitchDegrees = m.FlightPitch,
            YawDegrees = m.FlightYaw,
            GimbalRollDegrees = m.GimbalRoll,
            GimbalPitchDegrees = m.GimbalPitch,
            GimbalYawDegrees = m.GimbalYaw,
            PhotoTaken = true,
            SourceOffset = offset,
        };

        sink.CountRecord(m.HasDjiXmp ? "photo+dji-xmp" : "photo");
        sink.AddSample(sample);
        sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            TimeUtc = utc,
            Text = Describe(m, timeSource),
            SourceOffset = offset,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            AltitudeMslMeters = altitude,
            HeightAboveTakeoffMeters = m.RelativeAltitude,
        });
    }

    private static bool LooksLikeFirmware(string? software) =>
        software is not null && software.Length > 0 && software.All(c => char.IsAsciiDigit(c) || c == '.' || c == '_' || c == 'v' || c == 'V');

    private static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = default;
        var t = text.Trim();
        if (t.Length == 6 && (t[0] == '+' || t[0] == '-') && t[3] == ':'
            && int.TryParse(t.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && int.TryParse(t.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int mi) && h <= 14 && mi < 60)
        {
            offset = new TimeSpan(h, mi, 0);
            if (t[0] == '-')
            {
                offset = -offset;
            }

            return true;
        }

        return false;
    }

    private static string Describe(PhotoMetadata m, string timeSource)
    {
        var text = new StringBuilder("photo");
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(' ').Append(name).Append('=').Append(value);
            }
        }

        static string? N(double? v, string format = "0.######") => v?.ToString(format, CultureInfo.InvariantCulture);
        Add("camera", m.CameraModel is null ? null : $"\"{m.CameraModel}\"");
        Add("drone", m.DroneModel is null ? null : $"\"{m.DroneModel}\"");
        Add("camera_serial", m.CameraSerial);
        Add("size", m.ImageWidth is int w && m.ImageHeight is int h ? string.Create(CultureInfo.InvariantCulture, $"{w}x{h}") : null);
        Add("gimbal_pitch_deg", N(m.GimbalPitch));
        Add("gimbal_yaw_deg", N(m.GimbalYaw));
        Add("gimbal_roll_deg", N(m.GimbalRoll));
        Add("flight_yaw_deg", N(m.FlightYaw));
        Add("relative_alt_m", N(m.RelativeAltitude));
        Add("absolute_alt_m", N(m.AbsoluteAltitude));
        Add("exif_gps_alt_m", N(m.ExifAltitude));
        Add("focal_len_mm", N(m.FocalLengthMm));
        Add("focal_len_35mm", N(m.FocalLength35mm));
        Add("hfov_deg_from_35mm", N(m.HorizontalFieldOfViewDegrees, "0.##"));
        Add("calibrated_focal_len_px", N(m.CalibratedFocalLengthPixels));
        Add("rtk_flag", m.RtkFlag);
        Add("lrf_target_distance_m", N(m.LaserTargetDistance));
        Add("lrf_target", m.LaserTargetLatitude is double tl && m.LaserTargetLongitude is double tn
            ? string.Create(CultureInfo.InvariantCulture, $"{tl:0.#######},{tn:0.#######}") : null);
        Add("camera_clock", m.DateTimeOriginal?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        Add("time_source", $"\"{timeSource}\"");
        return text.ToString();
    }
}
