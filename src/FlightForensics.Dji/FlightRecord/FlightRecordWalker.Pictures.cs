using System.Buffers.Binary;
using System.Globalization;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>Moment pictures between the records and the details block: where they start and what they are.</summary>
internal sealed partial class FlightRecordWalker
{
    private void LocatePictures()
    {
        // Moment pictures (full images, then thumbnails) sit between the records (and the optional end marker)
        // and the details block; their lengths are in the details (dji-formats.md §2.2).
        long total = PictureBytes();
        if (total <= 0)
        {
            return;
        }

        long candidate = _areaEnd - total;
        if (candidate < _recordsStart || !StartsWithJpeg(candidate))
        {
            _sink.AddDiagnostic(Math.Max(candidate, 0), DiagnosticKind.Note,
                $"details announce {total} bytes of pictures before offset {_areaEnd}, but no JPEG starts at {candidate}; looking for them while reading records");
            return;
        }

        _picturesStart = candidate;
        _recordsEnd = candidate;
        var marker = _window.Get(candidate - 4, 4);
        if (candidate - 4 >= _recordsStart && marker.Length == 4 && BinaryPrimitives.ReadUInt32LittleEndian(marker) == EndMarker)
        {
            // Keep the marker inside the walked area: the walker reports it as the end marker.
        }
    }

    private long PictureBytes()
    {
        var d = _details;
        if (d is null)
        {
            return 0;
        }

        long total = 0;
        foreach (int n in d.MomentPictureLengths)
        {
            total += n is > 0 and < 64 * 1024 * 1024 ? n : 0;
        }

        foreach (int n in d.MomentThumbnailLengths)
        {
            total += n is > 0 and < 64 * 1024 * 1024 ? n : 0;
        }

        return total;
    }

    private bool StartsWithJpeg(long offset)
    {
        var soi = _window.Get(offset, 3);
        return soi.Length == 3 && soi[0] == 0xFF && soi[1] == 0xD8 && soi[2] == 0xFF;
    }

    private void ReportPictures()
    {
        if (_picturesReported || _details is null)
        {
            return;
        }

        if (_picturesStart is not long start)
        {
            long announced = PictureBytes();
            if (announced > 0)
            {
                _sink.AddDiagnostic(_recordsEnd, DiagnosticKind.Truncated, $"details announce {announced} bytes of moment pictures, but none were found after the records", announced);
            }

            return;
        }

        _picturesReported = true;
        long pos = start;
        pos = ReportPictureSet(pos, _details.MomentPictureLengths, "moment-{0}.jpg");
        ReportPictureSet(pos, _details.MomentThumbnailLengths, "moment-{0}-thumbnail.jpg");
    }

    private long ReportPictureSet(long pos, int[] lengths, string nameFormat)
    {
        for (int i = 0; i < lengths.Length; i++)
        {
            int n = lengths[i];
            if (n <= 0 || n >= 64 * 1024 * 1024)
            {
                continue;
            }

            long available = Math.Min(n, _areaEnd - pos);
            if (available <= 0)
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Truncated, $"picture {i + 1} of {n} bytes is missing", n);
                return pos;
            }

            string name = string.Format(CultureInfo.InvariantCulture, nameFormat, i + 1);
            if (!StartsWithJpeg(pos))
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Corrupt, $"{name}: no JPEG start marker at {pos}", available);
            }

            if (available < n)
            {
                _sink.AddDiagnostic(pos + available, DiagnosticKind.Truncated, $"{name} is cut after {available} of {n} bytes", n - available);
            }

            _sink.AddAttachment(new EmbeddedAttachment(pos, available, "image/jpeg", name));
            _sink.AddCounter(CounterGroup, "pictures");
            pos += available;
        }

        return pos;
    }
}
