using ICSharpCode.SharpZipLib.BZip2;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Reads a .bz2 file with SharpZipLib's <see cref="BZip2InputStream"/> (block and stream CRCs checked by the library),
/// adding what a layer reader needs around it:
/// <list type="bullet">
/// <item>Concatenated streams, as written by pbzip2/lbzip2 (OSM planet and many extracts): SharpZipLib stops silently
/// after the first stream's end marker, so a new decoder is started for each further "BZh1".."BZh9" header.</item>
/// <item>A header check of its own: SharpZipLib returns an empty stream for input that is not bzip2 at all.</item>
/// <item>One exception type, <see cref="InvalidDataException"/> naming the compressed byte offset, for every way damaged
/// input makes the library fail (its own exception, end of input, and the index errors its table decoding can raise on
/// corrupt code lengths or run lengths).</item>
/// <item>No byte of a block is passed on before that block's CRC matched (see <see cref="FillVerifiedBlock"/>).</item>
/// </list>
/// The library reads its input one byte at a time, so this class feeds it from its own 64 KiB buffer.
/// </summary>
internal sealed class MultiStreamBZip2Stream(Stream input) : ForwardReadStream
{
    private readonly BufferedByteSource _source = new(input);
    private BZip2InputStream? _current;
    private bool _finished;
    private byte[] _held = new byte[1 << 20];
    private int _readPos, _verifiedLength;

    public override int Read(Span<byte> buffer)
    {
        if (_readPos == _verifiedLength && !FillVerifiedBlock())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _verifiedLength - _readPos);
        _held.AsSpan(_readPos, n).CopyTo(buffer);
        _readPos += n;
        return n;
    }

    /// <summary>
    /// Decodes up to the end of the current block and keeps its bytes until the library has checked that block's CRC,
    /// so no byte of a damaged block reaches the parser (SharpZipLib itself returns a block's bytes while decoding it
    /// and compares the CRC only after the last one). The library reads no compressed input while it returns a
    /// block's bytes, and must read at least the next 48-bit block or end-of-stream magic right after the CRC check:
    /// a change of the compressed position during a <see cref="Stream.ReadByte"/> marks the checked block's end.
    /// A block holds at most 900,000 symbols, each 5 of which expand to at most 259 bytes (RLE1), so the held bytes
    /// stay under 47 MB.
    /// </summary>
    private bool FillVerifiedBlock()
    {
        _readPos = 0;
        _verifiedLength = 0;
        var held = 0;
        while (!_finished)
        {
            if (_current is null && !StartNextStream())
            {
                _finished = true;
                break;
            }

            var consumed = _source.Position;
            int b;
            try
            {
                b = _current!.ReadByte();
            }
            catch (Exception ex) when (IsDecoderFailure(ex))
            {
                throw Damaged(ex);
            }

            if (b < 0)
            {
                // End of this stream (its combined CRC checked too); a further stream may follow.
                _current!.Dispose();
                _current = null;
                if (held > 0)
                {
                    break;
                }

                continue;
            }

            if (held == _held.Length)
            {
                Array.Resize(ref _held, _held.Length * 2);
            }

            _held[held++] = (byte)b;
            if (_source.Position != consumed)
            {
                break;
            }
        }

        _verifiedLength = held;
        return held > 0;
    }

    private bool StartNextStream()
    {
        var header = _source.Peek(4);
        if (header.Length == 0)
        {
            return false;
        }

        // "BZh" and the block size digit '1'..'9' (bzip2 1.0 format, Joe Tsai's "bzip2 format specification", 2016).
        if (header.Length < 4 || header[0] != 'B' || header[1] != 'Z' || header[2] != 'h' || header[3] is < (byte)'1' or > (byte)'9')
        {
            throw new InvalidDataException($"not a bzip2 stream header at compressed byte {_source.Position}");
        }

        // The constructor already decodes the first block, so it can fail like Read.
        try
        {
            _current = new BZip2InputStream(_source) { IsStreamOwner = false };
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Damaged(ex);
        }

        return true;
    }

    private static bool IsDecoderFailure(Exception ex) =>
        ex is BZip2Exception or EndOfStreamException or IndexOutOfRangeException or ArgumentOutOfRangeException;

    private InvalidDataException Damaged(Exception ex)
    {
        var what = ex is EndOfStreamException ? "bzip2 data ends early" : $"bzip2 data damaged ({ex.Message})";
        return new InvalidDataException($"{what} near compressed byte {_source.Position}", ex);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            input.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A forward-only byte source with a look-ahead of a few bytes, counting the bytes consumed.</summary>
    private sealed class BufferedByteSource(Stream inner) : ForwardReadStream
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _pos, _length;
        private long _consumed;

        /// <summary>Compressed bytes consumed so far (also what the library sees as its input position).</summary>
        public override long Position { get => _consumed; set => throw new NotSupportedException(); }

        /// <summary>Up to <paramref name="count"/> next bytes without consuming them (fewer only at the end of input).</summary>
        public ReadOnlySpan<byte> Peek(int count)
        {
            if (_length - _pos < count)
            {
                _buffer.AsSpan(_pos, _length - _pos).CopyTo(_buffer);
                _length -= _pos;
                _pos = 0;
                int n;
                while (_length < count && (n = inner.Read(_buffer, _length, _buffer.Length - _length)) > 0)
                {
                    _length += n;
                }
            }

            return _buffer.AsSpan(_pos, Math.Min(count, _length - _pos));
        }

        public override int ReadByte()
        {
            if (_pos == _length && !Fill())
            {
                return -1;
            }

            _consumed++;
            return _buffer[_pos++];
        }

        public override int Read(Span<byte> buffer)
        {
            if (_pos == _length && !Fill())
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, _length - _pos);
            _buffer.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            _consumed += n;
            return n;
        }

        private bool Fill()
        {
            _pos = 0;
            _length = inner.Read(_buffer, 0, _buffer.Length);
            return _length > 0;
        }
    }
}
