namespace FlightForensics.Dji.Srt;

/// <summary>
/// Streams a text file as byte lines with their file offsets, without decoding to strings.
/// Line ends are LF or CRLF (a lone CR also ends a line). Buffer growth is capped: a line longer than
/// the cap is returned cut, flagged <see cref="LineTooLong"/>, and its rest is skipped.
/// </summary>
internal sealed class SrtLineReader(Stream input, int maxLineBytes)
{
    private readonly Stream _input = input;
    private readonly int _maxLineBytes = Math.Max(256, maxLineBytes);
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _bufferFileOffset;
    private bool _eof;
    private bool _skipLeadingLf;

    /// <summary>True when the last line returned was cut at the cap.</summary>
    public bool LineTooLong { get; private set; }

    /// <summary>True when the last line returned had no line terminator (the file ends inside it).</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>Total bytes read so far.</summary>
    public long BytesRead => _bufferFileOffset + _end;

    public bool TryReadLine(out ReadOnlySpan<byte> line, out long lineOffset)
    {
        LineTooLong = false;
        LastLineUnterminated = false;
        while (true)
        {
            if (_skipLeadingLf)
            {
                if (_start >= _end && !Fill())
                {
                    break;
                }

                if (_start < _end && _buffer[_start] == (byte)'\n')
                {
                    _start++;
                }

                _skipLeadingLf = false;
            }

            var pending = _buffer.AsSpan(_start, _end - _start);
            int nl = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (nl >= 0)
            {
                lineOffset = _bufferFileOffset + _start;
                line = pending[..nl];
                _start += nl + 1;
                if (pending[nl] == (byte)'\r')
                {
                    _skipLeadingLf = true;
                }

                return true;
            }

            if (_eof)
            {
                if (pending.Length == 0)
                {
                    break;
                }

                lineOffset = _bufferFileOffset + _start;
                line = pending;
                _start = _end;
                LastLineUnterminated = true;
                return true;
            }

            if (pending.Length >= _maxLineBytes)
            {
                // Over-long line: hand back the first part, then drop bytes up to the next line end.
                lineOffset = _bufferFileOffset + _start;
                line = pending[.._maxLineBytes];
                _start += _maxLineBytes;
                SkipToLineEnd();
                LineTooLong = true;
                return true;
            }

            if (!Fill())
            {
                _eof = true;
            }
        }

        line = default;
        lineOffset = BytesRead;
        return false;
    }

    private void SkipToLineEnd()
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            int nl = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (nl >= 0)
            {
                _start += nl + 1;
                _skipLeadingLf = pending[nl] == (byte)'\r';
                return;
            }

            _start = _end;
            if (!Fill())
            {
                _eof = true;
                return;
            }
        }
    }

    /// <summary>Moves pending bytes to the front (growing the buffer up to the cap) and reads more.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        int pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _bufferFileOffset += _start;
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            int grown = Math.Min(_buffer.Length * 2, _maxLineBytes + 1024);
            if (grown <= _buffer.Length)
            {
                return true; // cannot grow: caller cuts the line at the cap
            }

            Array.Resize(ref _buffer, grown);
        }

        int read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }
}
