using System.Buffers.Binary;

namespace FlightForensics.Dji.Photo;

/// <summary>Where a JPEG's metadata segments are, for byte offsets in the evidence (MetadataExtractor does not give them).</summary>
internal readonly record struct JpegLayout(long ExifOffset, long XmpOffset, int Segments, bool Truncated, bool IsJpeg, long StopOffset)
{
    /// <summary>Value of the EXIF APP1 segment's length field (includes its own 2 bytes); 0 when there is no EXIF.</summary>
    public int ExifSegmentLength { get; init; }
}

/// <summary>Walks the JPEG marker segments up to the start of scan, bounds-checked, on a seekable stream.</summary>
internal static class JpegSegments
{
    private static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;
    private static ReadOnlySpan<byte> XmpHeader => "http://ns.adobe.com/xap/1.0/\0"u8;

    public static bool LooksLikeJpeg(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public static JpegLayout Scan(Stream stream, int maxSegments = 4096)
    {
        long start = stream.Position;
        long length = stream.Length - start;
        Span<byte> buf = stackalloc byte[64];
        long exif = -1, xmp = -1;
        int exifSegmentLength = 0;
        int segments = 0;
        if (stream.ReadAtLeast(buf[..2], 2, throwOnEndOfStream: false) < 2 || buf[0] != 0xFF || buf[1] != 0xD8)
        {
            stream.Position = start;
            return new JpegLayout(-1, -1, 0, false, false, 0);
        }

        long pos = 2;
        bool truncated = false;
        while (segments < maxSegments)
        {
            stream.Position = start + pos;
            int got = stream.ReadAtLeast(buf[..4], 4, throwOnEndOfStream: false);
            if (got < 4)
            {
                truncated = true;
                break;
            }

            if (buf[0] != 0xFF)
            {
                break; // not a marker: stop here, MetadataExtractor will say what it makes of it
            }

            byte marker = buf[1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }

            if (marker == 0xD9)
            {
                break;
            }

            int segLength = BinaryPrimitives.ReadUInt16BigEndian(buf[2..4]);
            if (segLength < 2)
            {
                break;
            }

            segments++;
            if (marker == 0xE1)
            {
                int want = Math.Min(segLength - 2, 29);
                int read = stream.ReadAtLeast(buf[..want], want, throwOnEndOfStream: false);
                var payload = buf[..read];
                if (exif < 0 && payload.StartsWith(ExifHeader))
                {
                    exif = pos;
                    exifSegmentLength = segLength;
                }
                else if (xmp < 0 && payload.StartsWith(XmpHeader))
                {
                    xmp = pos;
                }
            }

            if (pos + 2 + segLength > length)
            {
                truncated = true;
                break;
            }

            if (marker == 0xDA)
            {
                break; // start of scan: metadata is over
            }

            pos += 2 + segLength;
        }

        stream.Position = start;
        return new JpegLayout(exif, xmp, segments, truncated, true, pos) { ExifSegmentLength = exifSegmentLength };
    }
}
