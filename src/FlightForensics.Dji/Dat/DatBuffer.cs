namespace FlightForensics.Dji.Dat;

/// <summary>
/// A forward-only window over a stream: records are at most 255 bytes, so a fixed buffer that is compacted and
/// refilled keeps memory constant whatever the file size. Works on non-seekable streams.
/// </summary>
internal sealed class DatBuffer(Stream input, int capacity = 1 << 20)
{
    private readonly Stream _input = input;
    private readonly byte[] _buffer = new byte[Math.Max(capacity, 64 * 1024)];
    private int _p;
    private int _end;
    private long _bufferStart;
    private bool _eof;

    /// <summary>File offset of the current byte.</summary>
    public long Position => _bufferStart + _p;

    public int Available => _end - _p;

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the file ends first.</summary>
    public bool Ensure(int count)
    {
        if (_end - _p >= count)
        {
            return true;
        }

        if (_eof)
        {
            return false;
        }

        if (_p > 0)
        {
            int pending = _end - _p;
            Buffer.BlockCopy(_buffer, _p, _buffer, 0, pending);
            _bufferStart += _p;
            _p = 0;
            _end = pending;
        }

        while (_end < _buffer.Length)
        {
            int read = _input.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0)
            {
                _eof = true;
                break;
            }

            _end += read;
            if (_end - _p >= count && _end >= _buffer.Length / 2)
            {
                break;
            }
        }

        return _end - _p >= count;
    }

    public ReadOnlySpan<byte> Span(int count) => _buffer.AsSpan(_p, count);

    /// <summary>Everything currently buffered from the position on.</summary>
    public ReadOnlySpan<byte> Rest => _buffer.AsSpan(_p, _end - _p);

    public byte this[int index] => _buffer[_p + index];

    public void Advance(int count) => _p += count;

    /// <summary>Skips forward to a file offset (reading through what lies between).</summary>
    public void SkipTo(long fileOffset)
    {
        while (Position < fileOffset)
        {
            if (!Ensure(1))
            {
                return;
            }

            int step = (int)Math.Min(Available, fileOffset - Position);
            _p += step;
        }
    }
}
