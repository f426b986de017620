using FlightForensics.Core.IO;

namespace FlightForensics.Core.Tests;

public class SpanCursorTests
{
    [Fact]
    public void Reads_little_endian_values_in_sequence()
    {
        byte[] data = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x00, 0x00, 0x80, 0x3f];
        var c = new SpanCursor(data);
        Assert.True(c.TryReadUInt16(out var u16));
        Assert.Equal(0x0201, u16);
        Assert.True(c.TryReadInt32(out var i32));
        Assert.Equal(0x06050403, i32);
        Assert.True(c.TryReadByte(out var b));
        Assert.Equal(7, b);
        Assert.True(c.TryReadSingle(out var f));
        Assert.Equal(1.0f, f);
        Assert.Equal(0, c.Remaining);
    }

    [Fact]
    public void Never_reads_or_advances_past_the_end()
    {
        byte[] data = [1, 2, 3];
        var c = new SpanCursor(data);
        Assert.False(c.TryReadUInt32(out _));
        Assert.Equal(0, c.Position);
        Assert.False(c.TrySkip(4));
        Assert.False(c.TrySkip(-1));
        Assert.True(c.TryReadBytes(3, out var all));
        Assert.Equal(3, all.Length);
        Assert.False(c.TryReadByte(out _));
        Assert.False(c.TryReadBytes(1, out _));
    }
}
