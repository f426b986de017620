using System.Buffers;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>
/// A sliding read-only window over a seekable stream: hands out spans at absolute offsets, refilling a
/// fixed buffer when needed, so memory stays constant whatever the file size.
/// </summary>
internal sealed class StreamWindow : IDisposable
{
    private readonly Stream _stream;
    private readonly long _origin;
    private byte[] _buffer;
    private long _bufferStart;
    private int _bufferCount;

    public StreamWindow(Stream stream, long length, int bufferBytes)
    {
        _stream = stream;
        _origin = stream.Position;
        Length = length;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        _bufferStart = 0;
        _bufferCount = 0;
    }

    /// <summary>Bytes from the stream's starting position to its end.</summary>
    public long Length { get; }

    public int Capacity => _buffer.Length;

    /// <summary>Up to <paramref name="count"/> bytes at <paramref name="offset"/> (fewer at the end of the data).</summary>
    public ReadOnlySpan<byte> Get(long offset, int count)
    {
        if (offset < 0 || offset >= Length || count <= 0)
        {
            return default;
        }

        long available = Math.Min(count, Length - offset);
        if (offset >= _bufferStart && offset + available <= _bufferStart + _bufferCount)
        {
            return _buffer.AsSpan((int)(offset - _bufferStart), (int)available);
        }

        Fill(offset);
        return _buffer.AsSpan(0, (int)Math.Min(available, _bufferCount));
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _bufferCount = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Fill(long offset)
    {
        _stream.Position = _origin + offset;
        int wanted = (int)Math.Min(_buffer.Length, Length - offset);
        int read = _stream.ReadAtLeast(_buffer.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
        _bufferStart = offset;
        _bufferCount = read;
    }
}
