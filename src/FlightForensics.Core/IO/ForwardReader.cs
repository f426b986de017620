using System.Buffers;
using System.Runtime.CompilerServices;

namespace FlightForensics.Core.IO;

/// <summary>
/// The one forward-only buffered reader over a stream, shared by every streaming decoder (DataFlash binary and text,
/// ULog, DJI DAT). One pooled buffer of fixed size: when fewer bytes than asked for are buffered, the unread bytes
/// slide to the front and the stream is read until the request is met and at least half the buffer is full, so memory
/// stays flat whatever the file size and non-seekable streams work. Records are handed out as spans into the buffer,
/// valid until the next <see cref="TryEnsure"/> (or read) that refills: no allocation per record.
/// </summary>
/// <remarks>
/// Nothing here throws on short input: <see cref="TryEnsure"/> and <see cref="TryReadBytes"/> return false at the end
/// of the stream and leave the position where it was, so a decoder can report how many bytes a truncated record
/// has (<see cref="Available"/>). Asking to look or advance past what is buffered is a caller bug and throws.
/// </remarks>
public sealed class ForwardReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _bufferOffset;
    private bool _streamEnded;

    /// <param name="stream">Read forward only from its current position; never written, never disposed here.</param>
    /// <param name="bufferBytes">Buffer size (at least the longest record a caller will ask for).</param>
    public ForwardReader(Stream stream, int bufferBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 1);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        // Offsets in diagnostics are file offsets: a seekable stream may start part-way through its file.
        _bufferOffset = stream.CanSeek ? stream.Position : 0;
    }

    /// <summary>Stream offset of the next unread byte.</summary>
    public long Position => _bufferOffset + _pos;

    /// <summary>Bytes buffered from <see cref="Position"/> on.</summary>
    public int Available => _end - _pos;

    /// <summary>The stream has no more bytes (some may still be buffered: see <see cref="Available"/>).</summary>
    public bool StreamEnded => _streamEnded;

    /// <summary>Size of the buffer: no request larger than this can be met.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Every buffered unread byte.</summary>
    public ReadOnlySpan<byte> Buffered => new(_buffer, _pos, _end - _pos);

    /// <summary>The byte <paramref name="index"/> bytes after <see cref="Position"/> (must be buffered).</summary>
    public byte this[int index]
    {
        get
        {
            if ((uint)index >= (uint)(_end - _pos))
            {
                ThrowNotBuffered(index);
            }

            return _buffer[_pos + index];
        }
    }

    /// <summary>The next <paramref name="count"/> bytes without consuming them (they must be buffered).</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if ((uint)count > (uint)(_end - _pos))
        {
            ThrowNotBuffered(count);
        }

        return new ReadOnlySpan<byte>(_buffer, _pos, count);
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the stream ends first.</summary>
    /// <returns>True when <see cref="Available"/> is at least <paramref name="count"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnsure(int count) => _end - _pos >= count || Refill(count);

    /// <summary>The slow path of <see cref="TryEnsure"/>, kept out of line so the per-record check stays inlined.</summary>
    private bool Refill(int count)
    {
        if (_streamEnded)
        {
            return false;
        }

        if (_pos > 0)
        {
            int pending = _end - _pos;
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, pending);
            _bufferOffset += _pos;
            _pos = 0;
            _end = pending;
        }

        // Reading to half the buffer, not just to the request, keeps the number of slides (and stream calls) per
        // megabyte small when records are short.
        while (_end < _buffer.Length && (_end < count || _end < _buffer.Length / 2))
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0)
            {
                _streamEnded = true;
                break;
            }

            _end += read;
        }

        return _end - _pos >= count;
    }

    /// <summary>The next <paramref name="count"/> bytes, consumed; false (nothing consumed) when the stream ends first.</summary>
    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if (count < 0 || !TryEnsure(count))
        {
            bytes = default;
            return false;
        }

        bytes = new ReadOnlySpan<byte>(_buffer, _pos, count);
        _pos += count;
        return true;
    }

    /// <summary>Consumes <paramref name="count"/> buffered bytes.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_end - _pos))
        {
            ThrowNotBuffered(count);
        }

        _pos += count;
    }

    /// <summary>Consumes everything buffered; returns how many bytes that was.</summary>
    public int AdvanceToBufferEnd()
    {
        int count = _end - _pos;
        _pos = _end;
        return count;
    }

    /// <summary>Reads forward to a stream offset (never backwards); returns the bytes skipped, fewer when the stream ends first.</summary>
    public long SkipTo(long offset)
    {
        long skipped = 0;
        while (Position < offset)
        {
            if (_pos >= _end && !TryEnsure(1))
            {
                break;
            }

            int step = (int)Math.Min(_end - _pos, offset - Position);
            _pos += step;
            skipped += step;
        }

        return skipped;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _pos = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ThrowNotBuffered(int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"only {_end - _pos} bytes are buffered");
}
