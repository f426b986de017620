using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Photo;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>
/// The EXIF thumbnail (IFD1, tags 0x0201/0x0202) as an attachment. The expected byte range is found here by walking
/// the TIFF structure by hand (TIFF 6.0 / EXIF 2.3 layout), independently of MetadataExtractor, which the decoder uses.
/// </summary>
public sealed class PhotoThumbnailTests
{
    private static FlightLogBuilder Decode(byte[] bytes)
    {
        var sink = new FlightLogBuilder();
        using var stream = new MemoryStream(bytes, writable: false);
        new PhotoDecoder().Decode(stream, sink, DecodeOptions.Default);
        return sink;
    }

    /// <summary>File offset and length of the IFD1 thumbnail, by our own walk over the markers and IFDs; null when there is none.</summary>
    private static (long Offset, long Length)? ExpectedThumbnail(byte[] file)
    {
        int pos = 2;
        while (pos + 4 <= file.Length && file[pos] == 0xFF)
        {
            int marker = file[pos + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(pos + 2));
            if (marker == 0xE1 && file.AsSpan(pos + 4).StartsWith("Exif\0\0"u8))
            {
                int tiff = pos + 10;
                bool little = file[tiff] == (byte)'I';
                uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(tiff + at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(tiff + at));
                ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(tiff + at)) : BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(tiff + at));
                int ifd0 = (int)U32(4);
                int ifd1 = (int)U32(ifd0 + 2 + (12 * U16(ifd0)));
                if (ifd1 == 0)
                {
                    return null;
                }

                long? offset = null, count = null;
                for (int i = 0; i < U16(ifd1); i++)
                {
                    int entry = ifd1 + 2 + (12 * i);
                    ushort tag = U16(entry);
                    long value = U16(entry + 2) == 3 ? U16(entry + 8) : U32(entry + 8);
                    if (tag == 0x0201)
                    {
                        offset = tiff + value;
                    }
                    else if (tag == 0x0202)
                    {
                        count = value;
                    }
                }

                return offset is long o && count is long c ? (o, c) : null;
            }

            if (marker == 0xDA)
            {
                break;
            }

            pos += 2 + length;
        }

        return null;
    }

    public static TheoryData<string> Files => new()
    {
        "pierotofy_brighton_DJI_0025.JPG",
        "thermalparser_DJI_H20T.jpg",
        "thermalparser_DJI_XT2.jpg",
        "thermalparser_H20N_DJI_0006_R.JPG",
    };

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Exif_thumbnail_attachment_is_the_ifd1_jpeg_slice(string file)
    {
        var bytes = File.ReadAllBytes(Samples.Require("dji-photos", file));
        var expected = ExpectedThumbnail(bytes);
        var sink = Decode(bytes);
        var thumbnails = sink.Attachments.Where(a => a.Name == PhotoDecoder.ThumbnailAttachmentName).ToList();
        if (expected is not (long offset, long length))
        {
            Assert.Empty(thumbnails);
            return;
        }

        var attachment = Assert.Single(thumbnails);
        Assert.Equal("image/jpeg", attachment.MediaType);
        Assert.Equal(offset, attachment.Offset);
        Assert.Equal(length, attachment.Length);
        var slice = bytes.AsSpan((int)attachment.Offset, (int)attachment.Length);
        Assert.True(slice[..2].SequenceEqual(new byte[] { 0xFF, 0xD8 }), "thumbnail does not start with SOI");
        Assert.True(slice[^2..].SequenceEqual(new byte[] { 0xFF, 0xD9 }), "thumbnail does not end with EOI");
        Assert.DoesNotContain(sink.Diagnostics, d => d.Message.Contains("thumbnail", StringComparison.Ordinal));
    }

    /// <summary>
    /// Our own JPEG with an EXIF APP1: IFD0 (Make) → IFD1 (JPEGInterchangeFormat, JPEGInterchangeFormatLength) and
    /// <paramref name="thumbnail"/> right after IFD1; <paramref name="statedLength"/> overrides the length tag.
    /// </summary>
    internal static byte[] SyntheticJpegWithThumbnail(byte[] thumbnail, uint? statedLength = null)
    {
        const int ifd1 = 26, thumbnailAt = ifd1 + 2 + 24 + 4;
        var tiff = new byte[thumbnailAt + thumbnail.Length];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(10), 0x010F, 2, 4, BinaryPrimitives.ReadUInt32LittleEndian("DJI\0"u8)); // Make, inline
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(22), ifd1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(ifd1), 2);
        SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(ifd1 + 2), 0x0201, 4, 1, thumbnailAt);
        SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(ifd1 + 14), 0x0202, 4, 1, statedLength ?? (uint)thumbnail.Length);
        thumbnail.CopyTo(tiff, thumbnailAt);
        byte[] app1 = [.. "Exif\0\0"u8, .. tiff];
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE1, (byte)((app1.Length + 2) >> 8), (byte)(app1.Length + 2) };
        bytes.AddRange(app1);
        SyntheticJpeg.AppendImageAndEnd(bytes);
        return [.. bytes];
    }

    private static readonly byte[] TinyJpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0xFF, 0xD9];

    [Fact]
    public void Synthetic_thumbnail_is_reported_with_its_file_offset()
    {
        var bytes = SyntheticJpegWithThumbnail(TinyJpeg);
        var sink = Decode(bytes);
        var attachment = Assert.Single(sink.Attachments);
        Assert.Equal(ExpectedThumbnail(bytes), (attachment.Offset, attachment.Length));
        Assert.Equal(TinyJpeg, bytes.AsSpan((int)attachment.Offset, (int)attachment.Length).ToArray());
    }

    [Theory]
    [InlineData(100_000u)] // past the segment and the file
    [InlineData(9u)] // one byte past the APP1 segment
    [InlineData(uint.MaxValue)]
    public void Synthetic_thumbnail_length_past_the_end_is_a_diagnostic_not_an_attachment(uint statedLength)
    {
        var sink = Decode(SyntheticJpegWithThumbnail(TinyJpeg, statedLength));
        Assert.Empty(sink.Attachments);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Message.Contains("EXIF thumbnail", StringComparison.Ordinal));
        Assert.Single(sink.Samples); // the rest of the photo is still decoded
    }

    [Fact]
    public void Synthetic_thumbnail_without_a_start_of_image_marker_is_a_diagnostic()
    {
        var sink = Decode(SyntheticJpegWithThumbnail([0x00, 0x11, 0x22, 0x33]));
        Assert.Empty(sink.Attachments);
        Assert.Contains(sink.Diagnostics, d => d.Message.Contains("FF D8", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_photo_without_ifd1_has_no_thumbnail_and_no_thumbnail_diagnostic()
    {
        var sink = Decode(PhotoBadInputTests.SyntheticJpeg("drone-dji:GpsLatitude=\"+47.1\" drone-dji:GpsLongtitude=\"+8.5\""));
        Assert.Empty(sink.Attachments);
        Assert.DoesNotContain(sink.Diagnostics, d => d.Message.Contains("thumbnail", StringComparison.OrdinalIgnoreCase));
    }
}
