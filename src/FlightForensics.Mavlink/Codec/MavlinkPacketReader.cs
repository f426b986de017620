using System.Buffers.Binary;

namespace FlightForensics.Mavlink.Codec;

/// <summary>How packets are laid out in the input.</summary>
public enum MavlinkFraming
{
    /// <summary>Packets back to back (serial capture, UDP payloads, Mission Planner .rlog).</summary>
    Raw,
    /// <summary>Each packet preceded by an 8-byte big-endian µs timestamp (research §5).</summary>
    Tlog,
}

/// <summary>What one step of <see cref="MavlinkPacketReader"/> found.</summary>
public enum MavlinkReadKind
{
    /// <summary>A valid packet of a known message.</summary>
    Packet,
    /// <summary>A packet of an id the dialect lacks, accepted because the next packet starts right after it.</summary>
    UnknownPacket,
    /// <summary>A candidate packet with a wrong checksum; one byte is skipped and the scan continues.</summary>
    CrcFailure,
    /// <summary>A packet with a valid checksum but unknown incompatibility flags, discarded whole.</summary>
    UnsupportedFlags,
    /// <summary>A run of bytes that are not part of any valid packet (reported once the next packet is found).</summary>
    Skipped,
    /// <summary>The input ends inside a record.</summary>
    Truncated,
}

/// <summary>The result of one <see cref="MavlinkPacketReader.Read"/>; offsets are relative to the reader's buffer.</summary>
public readonly ref struct MavlinkReadResult
{
    internal MavlinkReadResult(MavlinkReadKind kind, int offset, int length, MavlinkFrame frame, ulong tlogTimestamp, int zeroBytes = 0)
    {
        ZeroBytes = zeroBytes;
        Kind = kind;
        Offset = offset;
        Length = length;
        Frame = frame;
        TlogTimestampMicroseconds = tlogTimestamp;
    }

    public MavlinkReadKind Kind { get; }

    /// <summary>Offset of the record (the tlog timestamp for tlog framing) or of the skipped/failed bytes.</summary>
    public int Offset { get; }

    /// <summary>Bytes of the record, run or truncated tail.</summary>
    public int Length { get; }

    /// <summary>The packet (for Packet, UnknownPacket, CrcFailure and UnsupportedFlags).</summary>
    public MavlinkFrame Frame { get; }

    /// <summary>For Skipped and Truncated: how many bytes of the run are zero (a mostly-zero run is unwritten or pre-allocated space).</summary>
    public int ZeroBytes { get; }

    /// <summary>The tlog record time in µs since the UNIX epoch as stored (big-endian); 0 for raw framing.</summary>
    public ulong TlogTimestampMicroseconds { get; }
}

/// <summary>
/// Splits a buffer into MAVLink packets, in the manner of <c>Utf8JsonReader</c>: feed a block with
/// <c>isFinalBlock</c>, call <see cref="Read"/> until it returns false, keep the bytes from
/// <see cref="BytesConsumed"/> on and append more. No allocation.
/// </summary>
/// <remarks>
/// Resynchronisation (research §1.3, §5): after a checksum failure or bytes that cannot start a packet,
/// advance ONE byte and look for the next start byte (raw) or the next start byte 8 bytes further on (tlog);
/// the skipped run is reported as one <see cref="MavlinkReadKind.Skipped"/> result before the packet that
/// ends it. An unknown message id cannot be checked, so it is accepted only when a valid (checksummed)
/// record follows it directly; otherwise it counts as a false start and the scan moves on by one byte.
/// </remarks>
public ref struct MavlinkPacketReader
{
    private const int TlogTimestampLength = 8;
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly bool _isFinalBlock;
    private readonly MavlinkFraming _framing;
    private int _position;
    private int _skipStart;
    private int _pendingTruncation;
    private bool _done;

    public MavlinkPacketReader(ReadOnlySpan<byte> buffer, bool isFinalBlock, MavlinkFraming framing)
    {
        _buffer = buffer;
        _isFinalBlock = isFinalBlock;
        _framing = framing;
        _position = 0;
        _skipStart = -1;
        _pendingTruncation = -1;
        _done = false;
    }

    /// <summary>Bytes fully handled; the caller keeps the rest for the next block.</summary>
    public readonly int BytesConsumed => _skipStart >= 0 ? _skipStart : _position;

    /// <summary>Next result, or false when more data is needed (or the final block is exhausted).</summary>
    public bool Read(out MavlinkReadResult result)
    {
        int prefix = _framing == MavlinkFraming.Tlog ? TlogTimestampLength : 0;
        while (!_done)
        {
            int p = _position;
            int available = _buffer.Length - p;
            if (available <= prefix)
            {
                return End(out result, available);
            }

            byte stx = _buffer[p + prefix];
            if (!MavlinkFrameParser.IsStartByte(stx))
            {
                BeginSkip(p);
                continue;
            }

            var status = MavlinkFrameParser.TryParse(_buffer[(p + prefix)..], out var frame);
            switch (status)
            {
                case MavlinkFrameStatus.NeedMoreData:
                    if (!_isFinalBlock)
                    {
                        return End(out result, available);
                    }

                    // At the end of the input a length that runs past it is either the truncated last record
                    // or a false start byte with real packets after it: keep scanning, decide at the end.
                    if (_pendingTruncation < 0)
                    {
                        _pendingTruncation = p;
                    }

                    BeginSkip(p);
                    continue;

                case MavlinkFrameStatus.CrcMismatch:
                    if (FlushSkip(out result))
                    {
                        return true;
                    }

                    BeginSkip(p);
                    result = new MavlinkReadResult(MavlinkReadKind.CrcFailure, p + prefix, frame.Packet.Length, frame, 0);
                    return true;

                case MavlinkFrameStatus.UnknownMessage:
                    {
                        int next = p + prefix + frame.Packet.Length;
                        // Only a checked packet right after it vouches for an unchecked one (a flood of start
                        // bytes or random data would otherwise pass as a run of "unknown" packets); an unknown
                        // packet at the very end cannot be vouched for and is reported as skipped bytes.
                        var nextStatus = next + prefix < _buffer.Length
                            ? MavlinkFrameParser.TryParse(_buffer[(next + prefix)..], out _)
                            : MavlinkFrameStatus.NeedMoreData;
                        if (nextStatus == MavlinkFrameStatus.NeedMoreData && !_isFinalBlock)
                        {
                            return End(out result, available);
                        }

                        bool plausible = nextStatus == MavlinkFrameStatus.Valid;
                        if (!plausible)
                        {
                            BeginSkip(p);
                            continue;
                        }

                        if (FlushSkip(out result))
                        {
                            return true;
                        }

                        result = new MavlinkReadResult(MavlinkReadKind.UnknownPacket, p, next - p, frame, Timestamp(p, prefix));
                        _position = next;
                        return true;
                    }

                default:
                    {
                        if (FlushSkip(out result))
                        {
                            return true;
                        }

                        int length = prefix + frame.Packet.Length;
                        var kind = status == MavlinkFrameStatus.Valid ? MavlinkReadKind.Packet : MavlinkReadKind.UnsupportedFlags;
                        result = new MavlinkReadResult(kind, p, length, frame, Timestamp(p, prefix));
                        _position = p + length;
                        return true;
                    }
            }
        }

        result = default;
        return false;
    }

    private readonly ulong Timestamp(int p, int prefix) =>
        prefix == 0 ? 0 : BinaryPrimitives.ReadUInt64BigEndian(_buffer.Slice(p, TlogTimestampLength));

    private readonly int Zeros(int start, int length) => _buffer.Slice(start, length).Count((byte)0);

    private void BeginSkip(int p)
    {
        if (_skipStart < 0)
        {
            _skipStart = p;
        }

        _position = p + 1;
    }

    private bool FlushSkip(out MavlinkReadResult result)
    {
        _pendingTruncation = -1;
        if (_skipStart >= 0 && _skipStart < _position)
        {
            // Report the skipped run; the packet after it is examined again on the next call.
            result = new MavlinkReadResult(MavlinkReadKind.Skipped, _skipStart, _position - _skipStart, default, 0, Zeros(_skipStart, _position - _skipStart));
            _skipStart = -1;
            return true;
        }

        _skipStart = -1;
        result = default;
        return false;
    }

    private bool End(out MavlinkReadResult result, int available)
    {
        if (!_isFinalBlock)
        {
            // Keep a pending skipped run for the caller to merge with the next block's.
            if (_skipStart >= 0 && _skipStart < _position)
            {
                result = new MavlinkReadResult(MavlinkReadKind.Skipped, _skipStart, _position - _skipStart, default, 0, Zeros(_skipStart, _position - _skipStart));
                _skipStart = -1;
                return true;
            }

            result = default;
            return false;
        }

        int truncatedFrom = _pendingTruncation >= 0 ? _pendingTruncation : _position;
        if (_skipStart >= 0 && _skipStart < truncatedFrom)
        {
            result = new MavlinkReadResult(MavlinkReadKind.Skipped, _skipStart, truncatedFrom - _skipStart, default, 0, Zeros(_skipStart, truncatedFrom - _skipStart));
            _skipStart = -1;
            _position = truncatedFrom;
            _pendingTruncation = -1;
            return true;
        }

        _skipStart = -1;
        _pendingTruncation = -1;
        _done = true;
        if (_buffer.Length > truncatedFrom)
        {
            result = new MavlinkReadResult(MavlinkReadKind.Truncated, truncatedFrom, _buffer.Length - truncatedFrom, default, 0, Zeros(truncatedFrom, _buffer.Length - truncatedFrom));
            _position = _buffer.Length;
            return true;
        }

        result = default;
        return false;
    }
}
