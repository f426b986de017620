using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Dji.FlightRecord;
using FlightForensics.TestSupport;
using static FlightForensics.Dji.Tests.FlightRecordSynthetic;
using static FlightForensics.Dji.Tests.FlightRecordTestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>Bad input: truncation, flipped bits, corrupted lengths, garbage, wrong versions, zeros, huge sparse input.</summary>
public class FlightRecordDamageTests
{
    private const int Frames = 40;

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(14)]
    public void Synthetic_truncated_at_any_offset_decodes_a_prefix_of_the_track_and_never_throws(int version)
    {
        var keys = version >= 13 ? Keys(5) : null;
        var full = Build(version, Frames, keys);
        var options = new FlightRecordDecoderOptions { Keychains = keys };
        for (int cut = 1; cut < full.Length; cut += 13)
        {
            var sink = DecodeBytes(full[..cut], decoderOptions: options);

            Assert.True(sink.Samples.Count <= Frames);
            for (int i = 0; i < sink.Samples.Count; i++)
            {
                Assert.Equal(Latitude(i), sink.Samples[i].LatitudeDegrees!.Value, 9);
            }

            if (cut < full.Length - 4000)
            {
                // Cut inside the records (or before the header ends): reported as truncation.
                Assert.True(sink.Diagnostics.Any(d => d.Kind == DiagnosticKind.Truncated), $"cut at {cut} of {full.Length}: " + string.Join("; ", sink.Diagnostics.Select(d => d.Message)));
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(14)]
    public void Synthetic_flipped_bit_in_a_record_body_fails_the_XOR_check_and_loses_only_that_record(int version)
    {
        var keys = version >= 13 ? Keys(6) : null;
        var bytes = Build(version, Frames, keys);
        var records = Records(bytes);
        var osd = records.Where(r => r.Type == FlightRecordType.Osd).ElementAt(7);
        int header = version >= 13 ? 3 : 2;
        bytes[osd.Offset + header + osd.Length - 1] ^= 0x04; // the check byte position

        var sink = DecodeBytes(bytes, decoderOptions: new FlightRecordDecoderOptions { Keychains = keys });

        Assert.Equal(Frames - 1, sink.Samples.Count);
        var crc = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Crc);
        Assert.Equal(osd.Offset, crc.Offset);
        Assert.Equal(0, sink.Damage.Resyncs);
        Assert.Equal(Latitude(8), sink.Samples[7].LatitudeDegrees!.Value, 9);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(11)]
    public void Synthetic_corrupted_length_byte_resynchronises_at_the_next_record(int version)
    {
        var bytes = Build(version, Frames);
        var records = Records(bytes);
        var osd = records.Where(r => r.Type == FlightRecordType.Osd).ElementAt(10);
        bytes[osd.Offset + 1] = (byte)(osd.Length - 9);

        var sink = DecodeBytes(bytes);

        var resync = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Resync);
        Assert.Equal(osd.Offset, resync.Offset);
        var next = records[records.IndexOf(osd) + 1];
        Assert.Equal(next.Offset - osd.Offset, resync.Length);
        Assert.Equal(Frames - 1, sink.Samples.Count);
        Assert.Equal(Latitude(11), sink.Samples[10].LatitudeDegrees!.Value, 9);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(14)]
    public void Synthetic_garbage_between_records_is_skipped_with_its_exact_length(int version)
    {
        var keys = version >= 13 ? Keys(8) : null;
        var bytes = Build(version, Frames, keys, pictures: false);
        var records = Records(bytes);
        long at = records[20].Offset;
        var garbage = new byte[77];
        new Random(42).NextBytes(garbage);
        garbage[0] = 0x00; // not a plausible record start
        var damaged = bytes[..(int)at].Concat(garbage).Concat(bytes[(int)at..]).ToArray();
        if (version < 12)
        {
            // The header points at the details: move it with the inserted bytes, as a carver would find it.
            BitConverter.GetBytes(BitConverter.ToUInt64(damaged, 0) + (ulong)garbage.Length).CopyTo(damaged, 0);
        }

        var sink = DecodeBytes(damaged, decoderOptions: new FlightRecordDecoderOptions { Keychains = keys });

        var resync = Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Resync);
        Assert.Equal(at, resync.Offset);
        Assert.Equal(garbage.Length, resync.Length);
        Assert.Equal(Frames, sink.Samples.Count);
    }

    [Fact]
    public void Synthetic_wrong_version_byte_yields_diagnostics_not_an_exception()
    {
        foreach (byte wrong in new byte[] { 1, 4, 6, 7, 12, 13, 14, 15, 200 })
        {
            var bytes = Build(11, Frames);
            bytes[10] = wrong;
            var sink = DecodeBytes(bytes);
            Assert.True(sink.Diagnostics.Count > 0 || sink.Samples.Count == Frames, $"version {wrong}");
        }
    }

    [Theory]
    [InlineData(11, 4)]
    [InlineData(11, 6)]
    [InlineData(4, 11)]
    [InlineData(8, 13)]
    [InlineData(6, 9)]
    public void Synthetic_damaged_version_byte_is_recognised_from_the_structure_and_the_track_still_decodes(int real, int stated)
    {
        var bytes = Build(real, Frames);
        bytes[10] = (byte)stated;

        var sink = DecodeBytes(bytes);

        Assert.True(new DjiFlightRecordDecoder().Probe(bytes, bytes.Length).Confidence >= 40, "still identified from content");
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Offset == 10);
        Assert.Equal(Frames, sink.Samples.Count);
        Assert.Equal(Latitude(Frames - 1), sink.Samples[^1].LatitudeDegrees!.Value, 9);
    }

    [Fact]
    public void Empty_zeros_and_random_garbage_are_not_flight_records_and_decode_without_exceptions()
    {
        var decoder = new DjiFlightRecordDecoder();
        var zeros = new byte[4096];
        var garbage = new byte[100_000];
        new Random(99).NextBytes(garbage);

        Assert.False(decoder.Probe([], 0).IsMatch);
        Assert.False(decoder.Probe(zeros, zeros.Length).IsMatch);
        Assert.False(decoder.Probe(garbage, garbage.Length).IsMatch);
        Assert.Contains(DecodeBytes([]).Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
        Assert.Contains(DecodeBytes(zeros).Diagnostics, d => d.Kind == DiagnosticKind.Corrupt);
        var fromGarbage = DecodeBytes(garbage);
        Assert.True(fromGarbage.Diagnostics.Count > 0);
    }

    [Fact]
    public void Strict_mode_turns_the_first_damage_into_an_exception()
    {
        var bytes = Build(11, Frames);
        var osd = Records(bytes).First(r => r.Type == FlightRecordType.Osd);
        bytes[osd.Offset + 1] ^= 0x22;

        Assert.Throws<FlightLogDamagedException>(() => DecodeBytes(bytes, new DecodeOptions { Strict = true }));
    }

    [Fact]
    public void Two_gigabyte_sparse_input_after_a_valid_header_finishes_with_one_resync_and_bounded_memory()
    {
        var header = Build(11, 3, pictures: false);
        const long size = 2L * 1024 * 1024 * 1024;
        BitConverter.GetBytes((ulong)size - 400).CopyTo(header, 0); // details "at the end" of the sparse region
        using var stream = new SparseStream(header, size);
        var sink = new FlightLogSink();
        long before = GC.GetAllocatedBytesForCurrentThread();

        new DjiFlightRecordDecoder().Decode(stream, sink, DecodeOptions.Default);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated} bytes");
        Assert.Equal(3, sink.Summary.Count);
        Assert.True(sink.Damage.ResyncSkippedBytes > size / 2);
    }

    public static TheoryData<string> RealSamples => new()
    {
        "mikeemoo_DJIFlightRecord_2015-12-29_[19-05-48].txt",
        "DROP_DJIFlightRecord_2016-09-26_[14-27-11].txt",
        "chrisvm_mavic2_0.txt",
        "droptc_DJIFlightRecord_2025-06-27_[03-31-40].txt",
    };

    [SampleTheory]
    [MemberData(nameof(RealSamples))]
    public void Real_sample_truncated_at_random_points_keeps_a_prefix_of_the_full_track(string file)
    {
        var full = File.ReadAllBytes(SamplePath(file));
        var reference = DecodeBytes(full);
        var random = new Random(20240517);
        for (int n = 0; n < 25; n++)
        {
            int cut = random.Next(1, full.Length);
            var sink = DecodeBytes(full[..cut]);
            Assert.True(sink.Samples.Count <= reference.Samples.Count);
            for (int i = 0; i < sink.Samples.Count; i++)
            {
                Assert.Equal(reference.Samples[i].LatitudeDegrees, sink.Samples[i].LatitudeDegrees);
            }
        }
    }

    [SampleTheory]
    [MemberData(nameof(RealSamples))]
    public void Real_sample_with_random_bit_flips_decodes_with_diagnostics_and_loses_little(string file)
    {
        var full = File.ReadAllBytes(SamplePath(file));
        int originalSamples = DecodeBytes(full).Samples.Count;
        var random = new Random(31337);
        for (int n = 0; n < 25; n++)
        {
            var damaged = (byte[])full.Clone();
            for (int flip = 0; flip < 5; flip++)
            {
                // Flips in the records area (past the header); header damage is covered by the version tests.
                int at = random.Next(100, damaged.Length);
                damaged[at] ^= (byte)(1 << random.Next(8));
            }

            var sink = DecodeBytes(damaged);
            Assert.True(sink.Samples.Count >= originalSamples - 20, $"{sink.Samples.Count} of {originalSamples} samples");
            Assert.True(sink.Samples.Count <= originalSamples + 5, $"{sink.Samples.Count} of {originalSamples} samples");
        }
    }

    /// <summary>A read-only stream of a given length: a header, then zeros (a sparse file without the disk).</summary>
    private sealed class SparseStream(byte[] head, long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - Position);
            if (n <= 0)
            {
                return 0;
            }

            buffer[..n].Clear();
            if (Position < head.Length)
            {
                int fromHead = (int)Math.Min(n, head.Length - Position);
                head.AsSpan((int)Position, fromHead).CopyTo(buffer);
            }

            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
