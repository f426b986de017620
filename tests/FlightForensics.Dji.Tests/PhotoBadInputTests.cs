using System.Buffers.Binary;
using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Photo;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

public sealed class PhotoBadInputTests
{
    /// <summary>Our own minimal JPEG: SOI, optional APP1 XMP packet, a tiny SOF0/SOS, EOI.</summary>
    internal static byte[] SyntheticJpeg(string? xmpAttributes)
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        if (xmpAttributes is not null)
        {
            var packet = Encoding.UTF8.GetBytes(
                "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
                $"<rdf:Description rdf:about=\"\" xmlns:drone-dji=\"http://www.dji.com/drone-dji/1.0/\" {xmpAttributes}/></rdf:RDF></x:xmpmeta>");
            bytes.AddRange([0xFF, 0xE1, (byte)((packet.Length + 2) >> 8), (byte)(packet.Length + 2)]);
            bytes.AddRange(packet);
        }

        // SOF0: 8-bit, 16x8, 1 component; SOS; a few bytes of "scan"; EOI.
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00]);
        bytes.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9]);
        return [.. bytes];
    }

    private static FlightLogBuilder Decode(byte[] bytes)
    {
        var sink = new FlightLogBuilder();
        using var stream = new MemoryStream(bytes, writable: false);
        new PhotoDecoder().Decode(stream, sink, DecodeOptions.Default);
        return sink;
    }

    [Fact]
    public void Synthetic_xmp_only_photo_takes_position_from_misspelt_longtitude_and_pose()
    {
        var bytes = SyntheticJpeg("drone-dji:GpsLatitude=\"+47.1234567\" drone-dji:GpsLongtitude=\"-8.7654321\" drone-dji:RelativeAltitude=\"+35.20\" " +
                                  "drone-dji:AbsoluteAltitude=\"+512.30\" drone-dji:GimbalPitchDegree=\"-90.00\" drone-dji:GimbalYawDegree=\"+12.30\" drone-dji:FlightYawDegree=\"+11.00\"");
        Assert.Equal(95, new PhotoDecoder().Probe(bytes, bytes.Length).Confidence);
        var sink = Decode(bytes);
        var s = Assert.Single(sink.Samples);
        Assert.Equal(47.1234567, s.LatitudeDegrees);
        Assert.Equal(-8.7654321, s.LongitudeDegrees);
        Assert.Equal(35.2, s.HeightAboveTakeoffMeters);
        Assert.Equal(512.3, s.AltitudeMslMeters);
        Assert.Equal(-90.0, s.GimbalPitchDegrees);
        Assert.Equal(12.3, s.GimbalYawDegrees);
        Assert.Equal(2, s.SourceOffset); // the XMP APP1 segment follows SOI
        Assert.Equal(1, sink.FormatCounters["photo"]["positionFromXmp"]);
        Assert.Contains(sink.Diagnostics, d => d.Message.Contains("states no time at all", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_jpeg_without_xmp_or_exif_gives_an_empty_sample_and_a_note()
    {
        var sink = Decode(SyntheticJpeg(null));
        var s = Assert.Single(sink.Samples);
        Assert.False(s.HasPosition);
        Assert.Null(s.GimbalPitchDegrees);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note && d.Message.Contains("no DJI XMP", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_non_numeric_xmp_value_is_reported_and_left_empty()
    {
        var sink = Decode(SyntheticJpeg("drone-dji:GimbalYawDegree=\"north-ish\" drone-dji:GimbalPitchDegree=\"1e999\""));
        Assert.Null(sink.Samples[0].GimbalYawDegrees);
        Assert.Null(sink.Samples[0].GimbalPitchDegrees);
        Assert.Equal(2, sink.Diagnostics.Count(d => d.Kind == DiagnosticKind.InvalidValue));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Garbage_and_empty_input_are_not_a_jpeg(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        Assert.Equal(0, new PhotoDecoder().Probe(bytes, bytes.Length).Confidence);
        var sink = Decode(bytes);
        Assert.Empty(sink.Samples);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt);
    }

    [Fact]
    public void Synthetic_segment_length_beyond_the_file_is_reported_as_truncation()
    {
        var bytes = SyntheticJpeg("drone-dji:GimbalYawDegree=\"+1.00\"");
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 0xFFF0); // APP1 claims 65 520 bytes
        var sink = Decode(bytes);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
    }

    [SampleTheory]
    [MemberData(nameof(PhotoSampleTests.Files), MemberType = typeof(PhotoSampleTests))]
    public void Cut_and_mutated_real_photos_with_fixed_seeds_never_throw(string file)
    {
        var original = File.ReadAllBytes(Samples.Require("dji-photos", file));
        foreach (int cut in new[] { 2, 100, 2000, 20_000 })
        {
            var sink = Decode(original.AsSpan(0, cut).ToArray());
            Assert.True(sink.Damage.TruncatedBytes > 0 || sink.Diagnostics.Any(d => d.Kind is DiagnosticKind.Truncated or DiagnosticKind.Corrupt),
                $"cut at {cut}: {string.Join(" / ", sink.Diagnostics)}");
        }

        for (int seed = 1; seed <= 5; seed++)
        {
            var bytes = (byte[])original.Clone();
            var random = new Random(seed);
            for (int i = 0; i < 40; i++)
            {
                bytes[random.Next(2, 64 * 1024)] ^= (byte)(1 << random.Next(8));
            }

            var sink = Decode(bytes);
            Assert.True(sink.Samples.Count <= 1);
        }
    }
}
