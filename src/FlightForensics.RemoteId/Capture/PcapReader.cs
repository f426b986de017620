using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.RemoteId.Capture;

/// <summary>
/// Classic libpcap files: a 24-byte header, then per packet a 16-byte record header and the captured bytes.
/// Layout: IETF draft-ietf-opsawg-pcap (magic A1B2C3D4 for microseconds, A1B23C4D for nanoseconds, in the
/// writer's byte order; the link type in the low 16 bits of the last header field).
/// </summary>
internal static class PcapReader
{
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;

    /// <summary>A record header claiming more than this is taken as a lie (the largest snap length in use is 262,144).</summary>
    public const int MaxRecordBytes = 262_144;

    public static bool IsPcap(ReadOnlySpan<byte> head, out bool bigEndian, out bool nanoseconds)
    {
        bigEndian = false;
        nanoseconds = false;
        if (head.Length < 24)
        {
            return false;
        }

        uint le = BinaryPrimitives.ReadUInt32LittleEndian(head);
        uint be = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (le is MagicMicroseconds or MagicNanoseconds)
        {
            nanoseconds = le == MagicNanoseconds;
            return true;
        }

        if (be is MagicMicroseconds or MagicNanoseconds)
        {
            bigEndian = true;
            nanoseconds = be == MagicNanoseconds;
            return true;
        }

        return false;
    }

    public static void Read(CaptureBuffer buffer, ICapturePacketHandler handler, FlightLogSink sink, CancellationToken cancellationToken)
    {
        if (!buffer.Ensure(24) || !IsPcap(buffer.Peek(24), out bool bigEndian, out bool nanoseconds))
        {
            sink.AddDiagnostic(buffer.Offset, DiagnosticKind.Truncated, "pcap header shorter than 24 bytes", buffer.Available);
            return;
        }

        var header = buffer.Peek(24);
        int linkType = (int)(U32(header[20..], bigEndian) & 0xFFFF);
        uint snapLength = U32(header[16..], bigEndian);
        sink.SetFormatVersion($"pcap {U16(header[4..], bigEndian)}.{U16(header[6..], bigEndian)}{(nanoseconds ? " ns" : "")}");
        buffer.Advance(24);
        long frame = 0;
        long subsecondTicksDivisor = nanoseconds ? 100 : 1;
        while (buffer.Ensure(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long recordOffset = buffer.Offset;
            if (!buffer.Ensure(16))
            {
                sink.AddDiagnostic(recordOffset, DiagnosticKind.Truncated, $"pcap record header cut after {buffer.Available} of 16 bytes", buffer.Available);
                buffer.Advance(buffer.Available);
                return;
            }

            var rh = buffer.Peek(16);
            uint seconds = U32(rh, bigEndian);
            uint fraction = U32(rh[4..], bigEndian);
            uint included = U32(rh[8..], bigEndian);
            uint original = U32(rh[12..], bigEndian);
            if (included > MaxRecordBytes || included > buffer.Capacity - 16)
            {
                // A length this large is not a packet: the header lies (or this is not a record boundary). Nothing
                // after it can be trusted to be aligned, so decoding stops here with what was read.
                sink.AddDiagnostic(recordOffset, DiagnosticKind.Corrupt,
                    $"pcap record claims {included} captured bytes (snap length {snapLength}); the rest of the file ({buffer.RemainingInStream?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} bytes) is not read");
                return;
            }

            frame++;
            if (!buffer.Ensure(16 + (int)included))
            {
                int have = buffer.Available - 16;
                sink.AddDiagnostic(recordOffset, DiagnosticKind.Truncated, $"pcap frame {frame} cut after {have} of {included} bytes", have);
                buffer.Advance(buffer.Available);
                return;
            }

            long ticks = nanoseconds ? fraction / subsecondTicksDivisor : fraction * 10L;
            DateTimeOffset? time = fraction < (nanoseconds ? 1_000_000_000u : 1_000_000u)
                ? DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(ticks)
                : null;
            var data = buffer.Peek(16 + (int)included)[16..];
            handler.OnPacket(new CapturedPacket(frame, recordOffset + 16, linkType, 0, time, data, Math.Max(original, included)));
            buffer.Advance(16 + (int)included);
        }
    }

    private static uint U32(ReadOnlySpan<byte> s, bool bigEndian) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private static ushort U16(ReadOnlySpan<byte> s, bool bigEndian) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
}
