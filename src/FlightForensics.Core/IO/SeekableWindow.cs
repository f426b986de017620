using System.Buffers;

namespace FlightForensics.Core.IO;

/// <summary>
/// Random access over a seekable stream, for layouts that point backwards and forwards (a DJI flight record's
/// details block sits after its records): hands out spans at offsets relative to where the stream stood when the
/// window was made, refilling one pooled buffer from the asked offset on a miss, so memory stays constant whatever
/// the file size. For reading front to back, <see cref="ForwardReader"/> is the cheaper choice (no seeks).
/// </summary>
public sealed class SeekableWindow : IDisposable
{
    private readonly Stream _stream;
    private readonly long _origin;
    private byte[] _buffer;
    private long _bufferStart;
    private int _bufferCount;

    public SeekableWindow(Stream stream, long length, int bufferBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
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

    /// <summary>
    /// Up to <paramref name="count"/> bytes at <paramref name="offset"/>: fewer at the end of the data or when
    /// <paramref name="count"/> exceeds <see cref="Capacity"/>, none outside the data. Valid until the next call.
    /// </summary>
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
