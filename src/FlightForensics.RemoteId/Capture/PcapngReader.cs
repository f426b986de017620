using System.Buffers.Binary;
using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.RemoteId.Capture;

/// <summary>
/// pcapng files: blocks of (type, total length, body, total length), sections started by a Section Header Block
/// whose byte-order magic sets the byte order of the section. Layout: IETF draft-ietf-opsawg-pcapng (SHB
/// 0x0A0D0D0A, IDB 1, SPB 3, EPB 6, obsolete Packet Block 2; options as code/length/value padded to 32 bits;
/// <c>if_tsresol</c> code 9, <c>if_tsoffset</c> code 14, <c>opt_comment</c> code 1).
/// </summary>
internal sealed class PcapngReader
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int MaxInterfaces = 4096;

    private readonly CaptureBuffer _buffer;
    private readonly ICapturePacketHandler _handler;
    private readonly FlightLogSink _sink;
    private readonly List<InterfaceInfo> _interfaces = [];
    private bool _bigEndian;
    private long _frame;

    private PcapngReader(CaptureBuffer buffer, ICapturePacketHandler handler, FlightLogSink sink)
    {
        _buffer = buffer;
        _handler = handler;
        _sink = sink;
    }

    private readonly record struct InterfaceInfo(int LinkType, uint SnapLength, bool PowerOfTwo, int Exponent, long OffsetSeconds);

    public static bool IsPcapng(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(head) == SectionHeaderType
        && (BinaryPrimitives.ReadUInt32LittleEndian(head[8..]) == ByteOrderMagic || BinaryPrimitives.ReadUInt32BigEndian(head[8..]) == ByteOrderMagic);

    public static void Read(CaptureBuffer buffer, ICapturePacketHandler handler, FlightLogSink sink, CancellationToken cancellationToken)
        => new PcapngReader(buffer, handler, sink).Run(cancellationToken);

    private void Run(CancellationToken cancellationToken)
    {
        bool sawSection = false;
        while (_buffer.Ensure(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long offset = _buffer.Offset;
            if (!_buffer.Ensure(12))
            {
                _sink.AddDiagnostic(offset, DiagnosticKind.Truncated, $"pcapng block header cut after {_buffer.Available} bytes", _buffer.Available);
                return;
            }

            var head = _buffer.Peek(12);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (type == SectionHeaderType)
            {
                uint magic = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
                if (magic != ByteOrderMagic && BinaryPrimitives.ReverseEndianness(magic) != ByteOrderMagic)
                {
                    _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, "pcapng section header with an unknown byte-order magic; the rest is not read");
                    return;
                }

                _bigEndian = magic != ByteOrderMagic;
                _interfaces.Clear();
                sawSection = true;
            }
            else if (!sawSection)
            {
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, "pcapng file does not start with a section header");
                return;
            }
            else
            {
                type = U32(head);
            }

            uint length = U32(head[4..]);
            if (length < 12 || length % 4 != 0)
            {
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"pcapng block of type 0x{type:X} states length {length} (must be a multiple of 4, at least 12); the rest of the file is not read");
                return;
            }

            if (length > _buffer.Capacity)
            {
                // Larger than any packet block written with a sane snap length: skip it by its stated length.
                long skipped = _buffer.Skip(length, cancellationToken);
                _sink.AddDiagnostic(offset, skipped < length ? DiagnosticKind.Truncated : DiagnosticKind.Note,
                    $"pcapng block of type 0x{type:X} and {length} bytes skipped (larger than {_buffer.Capacity} bytes)", skipped);
                continue;
            }

            if (!_buffer.Ensure((int)length))
            {
                _sink.AddDiagnostic(offset, DiagnosticKind.Truncated, $"pcapng block of type 0x{type:X} cut after {_buffer.Available} of {length} bytes", _buffer.Available);
                return;
            }

            var block = _buffer.Peek((int)length);
            if (U32(block[^4..]) != length)
            {
                // The trailing copy disagrees: one of the two lengths lies and the next boundary is unknown.
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"pcapng block of type 0x{type:X}: leading length {length} and trailing length {U32(block[^4..])} differ; the rest of the file is not read");
                return;
            }

            HandleBlock(type, block[8..^4], offset + 8);
            _buffer.Advance((int)length);
        }
    }

    private void HandleBlock(uint type, ReadOnlySpan<byte> body, long bodyOffset)
    {
        switch (type)
        {
            case SectionHeaderType:
                if (body.Length >= 16)
                {
                    _sink.SetFormatVersion($"pcapng {U16(body[4..])}.{U16(body[6..])}");
                    ReadOptions(body[16..], bodyOffset + 16, null, static (_, _) => { });
                }

                break;
            case 1:
                ReadInterface(body, bodyOffset);
                break;
            case 6:
                ReadEnhancedPacket(body, bodyOffset);
                break;
            case 3:
                ReadSimplePacket(body, bodyOffset);
                break;
            case 2:
                ReadObsoletePacket(body, bodyOffset);
                break;
            default:
                // Name resolution, statistics, decryption secrets, custom blocks: nothing for Remote ID.
                break;
        }
    }

    private void ReadInterface(ReadOnlySpan<byte> body, long bodyOffset)
    {
        if (body.Length < 8)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, "pcapng interface description shorter than 8 bytes");
            return;
        }

        if (_interfaces.Count >= MaxInterfaces)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, $"more than {MaxInterfaces} interfaces in one section; further ones are ignored");
            return;
        }

        bool powerOfTwo = false;
        int exponent = 6;
        long offsetSeconds = 0;
        ReadOptions(body[8..], bodyOffset + 8, null, (code, value) =>
        {
            if (code == 9 && value.Length >= 1)
            {
                powerOfTwo = (value[0] & 0x80) != 0;
                exponent = value[0] & 0x7F;
            }
            else if (code == 14 && value.Length >= 8)
            {
                offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }
        });
        _interfaces.Add(new InterfaceInfo(U16(body), U32(body[4..]), powerOfTwo, exponent, offsetSeconds));
    }

    private void ReadEnhancedPacket(ReadOnlySpan<byte> body, long bodyOffset)
    {
        if (body.Length < 20)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, "enhanced packet block shorter than 20 bytes");
            return;
        }

        uint interfaceId = U32(body);
        ulong units = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        uint captured = U32(body[12..]);
        uint original = U32(body[16..]);
        _frame++;
        if (captured > body.Length - 20)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, $"frame {_frame}: captured length {captured} exceeds the block ({body.Length - 20} bytes); the block's bytes are used", captured - (body.Length - 20));
            captured = (uint)(body.Length - 20);
        }

        if (interfaceId >= _interfaces.Count)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, $"frame {_frame}: interface {interfaceId} was not described; packet skipped");
            return;
        }

        var info = _interfaces[(int)interfaceId];
        var time = ToUtc(info, units);
        int padded = (int)((captured + 3) & ~3u);
        if (padded < body.Length - 20)
        {
            ReadOptions(body[(20 + padded)..], bodyOffset + 20 + padded, time, null);
        }

        _handler.OnPacket(new CapturedPacket(_frame, bodyOffset + 20, info.LinkType, (int)interfaceId, time, body.Slice(20, (int)captured), Math.Max(original, captured)));
    }

    private void ReadSimplePacket(ReadOnlySpan<byte> body, long bodyOffset)
    {
        _frame++;
        if (body.Length < 4 || _interfaces.Count == 0)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, $"frame {_frame}: simple packet block without a length or without interface 0; skipped");
            return;
        }

        var info = _interfaces[0];
        uint original = U32(body);
        // The captured length is implied: the original length, cut by the snap length and by the block.
        long captured = Math.Min(original, body.Length - 4);
        if (info.SnapLength > 0)
        {
            captured = Math.Min(captured, info.SnapLength);
        }

        _handler.OnPacket(new CapturedPacket(_frame, bodyOffset + 4, info.LinkType, 0, null, body.Slice(4, (int)captured), original));
    }

    private void ReadObsoletePacket(ReadOnlySpan<byte> body, long bodyOffset)
    {
        _frame++;
        if (body.Length < 20)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, $"frame {_frame}: packet block shorter than 20 bytes");
            return;
        }

        int interfaceId = U16(body);
        uint captured = Math.Min(U32(body[12..]), (uint)(body.Length - 20));
        if (interfaceId >= _interfaces.Count)
        {
            _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Corrupt, $"frame {_frame}: interface {interfaceId} was not described; packet skipped");
            return;
        }

        var info = _interfaces[interfaceId];
        ulong units = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        _handler.OnPacket(new CapturedPacket(_frame, bodyOffset + 20, info.LinkType, interfaceId, ToUtc(info, units), body.Slice(20, (int)captured), Math.Max(U32(body[16..]), captured)));
    }

    /// <summary>Walks options; comments become events, other codes go to <paramref name="onOption"/>.</summary>
    private void ReadOptions(ReadOnlySpan<byte> options, long offset, DateTimeOffset? time, OptionAction? onOption)
    {
        int p = 0;
        while (p + 4 <= options.Length)
        {
            int code = U16(options[p..]);
            int length = U16(options[(p + 2)..]);
            if (code == 0)
            {
                return;
            }

            if (p + 4 + length > options.Length)
            {
                _sink.AddDiagnostic(offset + p, DiagnosticKind.Corrupt, $"pcapng option {code} claims {length} bytes, {options.Length - p - 4} left in the block");
                return;
            }

            var value = options.Slice(p + 4, length);
            if (code == 1)
            {
                _handler.OnComment(offset + p, time, Encoding.UTF8.GetString(value));
            }
            else
            {
                onOption?.Invoke(code, value);
            }

            p += 4 + ((length + 3) & ~3);
        }
    }

    private delegate void OptionAction(int code, ReadOnlySpan<byte> value);

    private static DateTimeOffset? ToUtc(InterfaceInfo info, ulong units)
    {
        // Ticks are 100 ns; the resolution is 10^-n or 2^-n seconds (if_tsresol).
        Int128 ticks;
        if (info.PowerOfTwo)
        {
            ticks = info.Exponent > 100 ? 0 : ((Int128)units * 10_000_000) >> info.Exponent;
        }
        else if (info.Exponent <= 7)
        {
            ticks = (Int128)units * Pow10(7 - info.Exponent);
        }
        else
        {
            ticks = info.Exponent > 30 ? 0 : (Int128)units / Pow10(info.Exponent - 7);
        }

        ticks += (Int128)info.OffsetSeconds * TimeSpan.TicksPerSecond;
        long max = DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return ticks >= 0 && ticks <= max ? DateTimeOffset.UnixEpoch.AddTicks((long)ticks) : null;
    }

    private static Int128 Pow10(int n)
    {
        Int128 r = 1;
        for (int i = 0; i < n; i++)
        {
            r *= 10;
        }

        return r;
    }

    private uint U32(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private ushort U16(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

}
