using FlightForensics.Core.IO;

namespace FlightForensics.Core.Tests.IO;

/// <summary>What only the stream readers have: file offsets, a bounded buffer, look-ahead and skipping.</summary>
public sealed class ForwardReaderTests
{
    private static byte[] Data(int length) => Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

    [Fact]
    public void Offsets_are_file_offsets_when_the_stream_starts_part_way()
    {
        var stream = new MemoryStream(Data(64)) { Position = 10 };
        using var reader = new ForwardReader(stream, 16);
        Assert.Equal(10, reader.Position);
        Assert.True(reader.TryReadBytes(4, out var bytes));
        Assert.Equal(new byte[] { 10, 11, 12, 13 }, bytes.ToArray());
        Assert.Equal(14, reader.Position);
    }

    [Fact]
    public void A_non_seekable_stream_counts_from_zero()
    {
        using var reader = new ForwardReader(new TricklingStream(Data(8)), 16);
        Assert.Equal(0, reader.Position);
        Assert.True(reader.TryEnsure(5));
        Assert.Equal(3, reader[3]);
    }

    [Fact]
    public void A_request_larger_than_the_buffer_fails_and_keeps_what_is_buffered()
    {
        using var reader = new ForwardReader(new MemoryStream(Data(100)), 16);
        Assert.False(reader.TryEnsure(17));
        Assert.Equal(16, reader.Available);
        Assert.False(reader.StreamEnded);
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void Looking_past_what_is_buffered_is_a_caller_error()
    {
        using var reader = new ForwardReader(new MemoryStream(Data(4)), 16);
        Assert.True(reader.TryEnsure(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Peek(5).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Advance(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Advance(-1));
    }

    [Fact]
    public void Skipping_reads_through_refills_and_stops_at_the_end()
    {
        using var reader = new ForwardReader(new TricklingStream(Data(100)), 16);
        Assert.Equal(70, reader.SkipTo(70));
        Assert.True(reader.TryReadBytes(2, out var bytes));
        Assert.Equal(new byte[] { 70, 71 }, bytes.ToArray());
        Assert.Equal(28, reader.SkipTo(500));
        Assert.Equal(100, reader.Position);
        Assert.True(reader.StreamEnded);
        Assert.Equal(0, reader.SkipTo(10)); // never backwards
    }

    [Fact]
    public void The_truncated_tail_can_be_measured_and_dropped()
    {
        using var reader = new ForwardReader(new MemoryStream(Data(20)), 16);
        Assert.True(reader.TryReadBytes(16, out _));
        Assert.False(reader.TryEnsure(8));
        Assert.Equal(4, reader.Available);
        Assert.Equal(4, reader.AdvanceToBufferEnd());
        Assert.Equal(20, reader.Position);
        Assert.False(reader.TryEnsure(1));
    }

    [Fact]
    public void Reading_records_allocates_nothing_after_the_buffer()
    {
        var data = Data(1 << 20);
        long sum = Sum(data); // warm-up: code paths compiled, statics initialised
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += Sum(data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"{allocated} bytes allocated while reading 1 MiB in 37-byte records");
        Assert.NotEqual(0, sum);

        static long Sum(byte[] data)
        {
            long total = 0;
            using var stream = new MemoryStream(data, writable: false);
            using var reader = new ForwardReader(stream, 4096);
            while (reader.TryReadBytes(37, out var record))
            {
                total += record[0];
            }

            return total;
        }
    }
}

public sealed class SeekableWindowTests
{
    [Fact]
    public void Offsets_count_from_where_the_stream_stood_and_jumps_in_both_directions_work()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var stream = new MemoryStream(data) { Position = 6 };
        using var window = new SeekableWindow(stream, data.Length - 6, 16);
        Assert.Equal(250, window.Length);
        Assert.Equal(new byte[] { 206, 207 }, window.Get(200, 2).ToArray());
        Assert.Equal(new byte[] { 6, 7, 8 }, window.Get(0, 3).ToArray());
        Assert.Equal(new byte[] { 255 }, window.Get(249, 4).ToArray()); // fewer at the end
        Assert.True(window.Get(250, 1).IsEmpty);
        Assert.True(window.Get(-1, 1).IsEmpty);
        Assert.Equal(16, window.Get(10, 40).Length); // never more than the buffer
    }
}
