using FlightForensics.Core.IO;

namespace FlightForensics.RemoteId.Capture;

/// <summary>
/// One fixed window over the capture stream (read forward only), shared by the pcap and pcapng readers so that
/// memory stays bounded whatever the block lengths claim. A lenient face on the reading kit's
/// <see cref="ForwardReader"/>: peeking or advancing past what is buffered clamps instead of throwing, because block
/// lengths in a capture may lie.
/// </summary>
internal sealed class CaptureBuffer(Stream stream, int size) : IDisposable
{
    private readonly Stream _stream = stream;
    private readonly ForwardReader _reader = new(stream, size);

    public int Capacity => _reader.Capacity;

    /// <summary>Stream offset of the next unread byte.</summary>
    public long Offset => _reader.Position;

    public int Available => _reader.Available;

    /// <summary>True when <paramref name="count"/> bytes (at most <see cref="Capacity"/>) can be seen from the current position.</summary>
    public bool Ensure(int count) => count <= _reader.Capacity && _reader.TryEnsure(count);

    /// <summary>The bytes from the current position (valid until the next <see cref="Ensure"/>).</summary>
    public ReadOnlySpan<byte> Peek(int count) => _reader.Peek(Math.Min(count, _reader.Available));

    public void Advance(int count) => _reader.Advance(Math.Min(count, _reader.Available));

    /// <summary>Skips <paramref name="count"/> bytes, reading through them; returns how many were actually skipped.</summary>
    public long Skip(long count, CancellationToken cancellationToken)
    {
        long skipped = 0;
        while (skipped < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long step = Math.Min(count - skipped, 1L << 20);
            long done = _reader.SkipTo(_reader.Position + step);
            skipped += done;
            if (done < step)
            {
                break;
            }
        }

        return skipped;
    }

    /// <summary>Bytes left from the current position to the end of the stream, when it is seekable.</summary>
    public long? RemainingInStream => _stream.CanSeek ? _stream.Length - _stream.Position + _reader.Available : null;

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose() => _reader.Dispose();
}
