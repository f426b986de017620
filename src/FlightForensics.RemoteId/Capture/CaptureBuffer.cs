using FlightForensics.Core.IO;

namespace FlightForensics.RemoteId.Capture;

/// <summary>
/// One fixed window over the capture stream (read forward only), shared by the pcap and pcapng readers so that
/// memory stays bounded whatever the block lengths claim.
/// </summary>
internal sealed class CaptureBuffer(Stream stream, int size)
{
    private readonly Stream _stream = stream;
    private readonly byte[] _buffer = new byte[size];
    private int _pos;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    public int Capacity => _buffer.Length;

    /// <summary>Stream offset of the next unread byte.</summary>
    public long Offset => _bufferOffset + _pos;

    public int Available => _end - _pos;

    /// <summary>True when <paramref name="count"/> bytes (at most <see cref="Capacity"/>) can be seen from the current position.</summary>
    public bool Ensure(int count) => count <= _buffer.Length && StreamWindow.Fill(_stream, _buffer, ref _pos, ref _end, ref _bufferOffset, ref _eof, count);

    /// <summary>The bytes from the current position (valid until the next <see cref="Ensure"/>).</summary>
    public ReadOnlySpan<byte> Peek(int count) => _buffer.AsSpan(_pos, Math.Min(count, _end - _pos));

    public void Advance(int count) => _pos += Math.Min(count, _end - _pos);

    /// <summary>Skips <paramref name="count"/> bytes, reading through them; returns how many were actually skipped.</summary>
    public long Skip(long count, CancellationToken cancellationToken)
    {
        long skipped = 0;
        while (skipped < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_end == _pos && !Ensure(1))
            {
                break;
            }

            int n = (int)Math.Min(count - skipped, _end - _pos);
            _pos += n;
            skipped += n;
        }

        return skipped;
    }

    /// <summary>Bytes left from the current position to the end of the stream, when it is seekable.</summary>
    public long? RemainingInStream => _stream.CanSeek ? _stream.Length - _stream.Position + (_end - _pos) : null;
}
