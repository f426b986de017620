namespace FlightForensics.Geo.Layers;

/// <summary>
/// A read-only bzip2 decompressor (OSM extracts are commonly .osm.bz2 and the BCL has none): Huffman-coded MTF/RLE2
/// symbols, inverse Burrows-Wheeler transform, RLE1, with each block's CRC checked. Concatenated streams (pbzip2) are
/// read one after another. Layout facts from Julian Seward's bzip2 1.0 format as documented in its sources' comments
/// and in Joe Tsai's "bzip2 format specification" (2016).
/// </summary>
internal sealed class BZip2DecoderStream : Stream
{
    private const int MaxGroups = 6;
    private const int GroupSize = 50;
    private const int MaxAlphaSize = 258;
    private const int MaxCodeLength = 23;
    private static readonly uint[] s_crcTable = BuildCrcTable();

    private readonly Stream _input;
    private readonly byte[] _inBuffer = new byte[1 << 16];
    private int _inPos, _inLength;
    private ulong _bits;
    private int _bitCount;
    private int _blockSizeMax;
    private bool _streamEnded = true;
    private bool _finished;

    private byte[] _block = [];
    private int[] _tt = [];
    private byte[] _output = new byte[1 << 20];
    private int _outPos, _outLength;

    public BZip2DecoderStream(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_outPos >= _outLength)
        {
            if (_finished || !DecodeNextBlock())
            {
                _finished = true;
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _outLength - _outPos);
        _output.AsSpan(_outPos, n).CopyTo(buffer);
        _outPos += n;
        return n;
    }

    private bool DecodeNextBlock()
    {
        if (_streamEnded)
        {
            // A new stream: "BZh" and the block size digit; nothing more at the end of the file.
            if (!TryBits(8, out var b))
            {
                return false;
            }

            if (b != 'B' || Bits(8) != 'Z' || Bits(8) != 'h')
            {
                throw new InvalidDataException("not a bzip2 stream header");
            }

            var level = (int)Bits(8) - '0';
            if (level is < 1 or > 9)
            {
                throw new InvalidDataException("bzip2 block size digit out of range");
            }

            _blockSizeMax = level * 100_000;
            _streamEnded = false;
        }

        var magic = (Bits(24) << 24) | Bits(24);
        if (magic == 0x177245385090)
        {
            Bits(32); // combined CRC (each block's CRC is checked)
            _bitCount -= _bitCount % 8; // streams are byte-aligned
            _streamEnded = true;
            return DecodeNextBlock();
        }

        if (magic != 0x314159265359)
        {
            throw new InvalidDataException("bzip2 block magic not found (damaged data)");
        }

        var expectedCrc = (uint)Bits(32);
        if (Bits(1) != 0)
        {
            throw new InvalidDataException("randomised bzip2 blocks (bzip2 0.9.0) are not supported");
        }

        var origPtr = (int)Bits(24);
        var length = DecodeBlockSymbols();
        if (origPtr >= length && length > 0)
        {
            throw new InvalidDataException("bzip2 origin pointer outside the block");
        }

        InverseBwtAndRle1(length, origPtr);
        var crc = Crc(_output.AsSpan(0, _outLength));
        if (crc != expectedCrc)
        {
            throw new InvalidDataException($"bzip2 block CRC mismatch (stored {expectedCrc:X8}, computed {crc:X8})");
        }

        return true;
    }

    private int DecodeBlockSymbols()
    {
        // Symbol map: 16 ranges of 16 bytes.
        var inUse = new List<byte>(256);
        var ranges = Bits(16);
        for (var i = 0; i < 16; i++)
        {
            if ((ranges & (0x8000UL >> i)) != 0)
            {
                var used = Bits(16);
                for (var j = 0; j < 16; j++)
                {
                    if ((used & (0x8000UL >> j)) != 0)
                    {
                        inUse.Add((byte)((i * 16) + j));
                    }
                }
            }
        }

        if (inUse.Count == 0)
        {
            throw new InvalidDataException("bzip2 block uses no symbols");
        }

        var alphaSize = inUse.Count + 2;
        var groups = (int)Bits(3);
        var selectorCount = (int)Bits(15);
        if (groups is < 2 or > MaxGroups || selectorCount < 1)
        {
            throw new InvalidDataException("bzip2 Huffman group or selector count out of range");
        }

        var selectorMtf = new byte[groups];
        for (var i = 0; i < groups; i++)
        {
            selectorMtf[i] = (byte)i;
        }

        var selectors = new byte[selectorCount];
        for (var i = 0; i < selectorCount; i++)
        {
            var j = 0;
            while (Bits(1) == 1)
            {
                if (++j >= groups)
                {
                    throw new InvalidDataException("bzip2 selector out of range");
                }
            }

            var v = selectorMtf[j];
            for (; j > 0; j--)
            {
                selectorMtf[j] = selectorMtf[j - 1];
            }

            selectorMtf[0] = v;
            selectors[i] = v;
        }

        var tables = new HuffmanTable[groups];
        var lengths = new byte[alphaSize];
        for (var t = 0; t < groups; t++)
        {
            var current = (int)Bits(5);
            for (var s = 0; s < alphaSize; s++)
            {
                while (true)
                {
                    if (current is < 1 or > 20)
                    {
                        throw new InvalidDataException("bzip2 code length out of range");
                    }

                    if (Bits(1) == 0)
                    {
                        break;
                    }

                    current += Bits(1) == 0 ? 1 : -1;
                }

                lengths[s] = (byte)current;
            }

            tables[t] = new HuffmanTable(lengths, alphaSize);
        }

        // MTF/RLE2 symbols → bytes of the BWT block.
        if (_block.Length < _blockSizeMax)
        {
            _block = new byte[_blockSizeMax];
            _tt = new int[_blockSizeMax];
        }

        Span<byte> mtf = stackalloc byte[256];
        for (var i = 0; i < 256; i++)
        {
            mtf[i] = (byte)i;
        }

        var endOfBlock = inUse.Count + 1;
        var count = 0;
        var groupIndex = -1;
        var groupLeft = 0;
        HuffmanTable table = tables[0];
        var run = 0;
        var runWeight = 1;
        while (true)
        {
            if (groupLeft == 0)
            {
                if (++groupIndex >= selectorCount)
                {
                    throw new InvalidDataException("bzip2 block runs past its selectors");
                }

                table = tables[selectors[groupIndex]];
                groupLeft = GroupSize;
            }

            groupLeft--;
            var symbol = table.Decode(this);
            if (symbol <= 1)
            {
                // RUNA (0) and RUNB (1): bijective base-2 run length of the front symbol.
                run += (symbol + 1) * runWeight;
                runWeight <<= 1;
                if (run > _blockSizeMax)
                {
                    throw new InvalidDataException("bzip2 run longer than the block");
                }

                continue;
            }

            if (run > 0)
            {
                if (count + run > _blockSizeMax)
                {
                    throw new InvalidDataException("bzip2 block longer than its declared size");
                }

                var value = inUse[mtf[0]];
                _block.AsSpan(count, run).Fill(value);
                count += run;
                run = 0;
                runWeight = 1;
            }

            if (symbol == endOfBlock)
            {
                return count;
            }

            if (count >= _blockSizeMax)
            {
                throw new InvalidDataException("bzip2 block longer than its declared size");
            }

            var position = symbol - 1;
            if (position >= inUse.Count)
            {
                throw new InvalidDataException("bzip2 MTF index out of range");
            }

            var front = mtf[position];
            mtf[..position].CopyTo(mtf[1..]);
            mtf[0] = front;
            _block[count++] = inUse[front];
        }
    }

    private void InverseBwtAndRle1(int length, int origPtr)
    {
        Span<int> cumulative = stackalloc int[256];
        cumulative.Clear();
        for (var i = 0; i < length; i++)
        {
            cumulative[_block[i]]++;
        }

        var sum = 0;
        for (var c = 0; c < 256; c++)
        {
            var n = cumulative[c];
            cumulative[c] = sum;
            sum += n;
        }

        for (var i = 0; i < length; i++)
        {
            _tt[cumulative[_block[i]]++] = i;
        }

        _outPos = 0;
        _outLength = 0;
        if (length == 0)
        {
            return;
        }

        // RLE1: four equal bytes are followed by a count of further repeats (0-255).
        var p = _tt[origPtr];
        var last = -1;
        var same = 0;
        for (var k = 0; k < length; k++)
        {
            var b = _block[p];
            p = _tt[p];
            if (same == 4)
            {
                EnsureOutput(b);
                _output.AsSpan(_outLength, b).Fill((byte)last);
                _outLength += b;
                same = 0;
                last = -1;
                continue;
            }

            same = b == last ? same + 1 : 1;
            last = b;
            EnsureOutput(1);
            _output[_outLength++] = b;
        }
    }

    private void EnsureOutput(int more)
    {
        if (_outLength + more > _output.Length)
        {
            Array.Resize(ref _output, Math.Max(_output.Length * 2, _outLength + more));
        }
    }

    private bool TryBits(int n, out ulong value)
    {
        while (_bitCount < n)
        {
            if (!Refill())
            {
                value = 0;
                return false;
            }
        }

        _bitCount -= n;
        value = (_bits >> _bitCount) & ((1UL << n) - 1);
        return true;
    }

    internal ulong Bits(int n) => TryBits(n, out var v) ? v : throw new EndOfStreamException("bzip2 data ends inside a block");

    private bool Refill()
    {
        if (_inPos >= _inLength)
        {
            _inLength = _input.Read(_inBuffer, 0, _inBuffer.Length);
            _inPos = 0;
            if (_inLength <= 0)
            {
                return false;
            }
        }

        // Keep at most 56 bits buffered so that a byte always fits.
        _bits = (_bits << 8) | _inBuffer[_inPos++];
        _bitCount += 8;
        return true;
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = (crc << 8) ^ s_crcTable[(crc >> 24) ^ b];
        }

        return ~crc;
    }

    /// <summary>CRC-32 with polynomial 0x04C11DB7, not reflected (bzip2's block CRC).</summary>
    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }

            table[i] = c;
        }

        return table;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Canonical Huffman decoding by code length (limit/base/permutation tables).</summary>
    private sealed class HuffmanTable
    {
        private readonly int[] _limit = new int[MaxCodeLength + 1];
        private readonly int[] _base = new int[MaxCodeLength + 2];
        private readonly int[] _perm = new int[MaxAlphaSize];
        private readonly int _minLength;
        private readonly int _maxLength;

        public HuffmanTable(byte[] lengths, int alphaSize)
        {
            _minLength = 32;
            _maxLength = 0;
            for (var i = 0; i < alphaSize; i++)
            {
                _minLength = Math.Min(_minLength, lengths[i]);
                _maxLength = Math.Max(_maxLength, lengths[i]);
            }

            var pp = 0;
            for (var len = _minLength; len <= _maxLength; len++)
            {
                for (var s = 0; s < alphaSize; s++)
                {
                    if (lengths[s] == len)
                    {
                        _perm[pp++] = s;
                    }
                }
            }

            for (var s = 0; s < alphaSize; s++)
            {
                _base[lengths[s] + 1]++;
            }

            for (var i = 1; i < _base.Length; i++)
            {
                _base[i] += _base[i - 1];
            }

            var vec = 0;
            for (var len = _minLength; len <= _maxLength; len++)
            {
                vec += _base[len + 1] - _base[len];
                _limit[len] = vec - 1;
                vec <<= 1;
            }

            for (var len = _minLength + 1; len <= _maxLength; len++)
            {
                _base[len] = ((_limit[len - 1] + 1) << 1) - _base[len];
            }
        }

        public int Decode(BZip2DecoderStream s)
        {
            var length = _minLength;
            var code = (int)s.Bits(length);
            while (length <= _maxLength && code > _limit[length])
            {
                length++;
                code = (code << 1) | (int)s.Bits(1);
            }

            if (length > _maxLength)
            {
                throw new InvalidDataException("bzip2 Huffman code not in the table");
            }

            var index = code - _base[length];
            if (index < 0 || index >= MaxAlphaSize)
            {
                throw new InvalidDataException("bzip2 Huffman code out of range");
            }

            return _perm[index];
        }
    }
}
